package io.swarmops.recovery.power;

/** A person at a terminal, who powers a machine by hand when no command is configured. */
public interface Operator {
    /** Whether anybody can be asked (no terminal under cron or a script: nobody). */
    boolean present();

    /** Asks for something to be done and returns when the person says it is. */
    void ask(String request);

    /** Nobody to ask. */
    static Operator none() {
        return new Operator() {
            @Override
            public boolean present() {
                return false;
            }

            @Override
            public void ask(String request) {
                throw new IllegalStateException("nobody to ask: " + request);
            }
        };
    }
}
