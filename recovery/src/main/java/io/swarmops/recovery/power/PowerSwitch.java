package io.swarmops.recovery.power;

/**
 * Powers machines off and on. Returns when the request is made; whether the machine really went
 * down or came up is for the caller to observe (the swarm's view of the node), not for the switch.
 */
public interface PowerSwitch {
    void off(Machine machine);

    void on(Machine machine);

    /** Why this switch cannot power machines off ({@code on} false) or on, or null when it can. */
    default String refusal(boolean on) {
        return null;
    }
}
