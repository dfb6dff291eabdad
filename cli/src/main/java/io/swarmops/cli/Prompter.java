package io.swarmops.cli;

/** Asks the operator a question at the terminal. Tests and cron runs have no terminal. */
public interface Prompter {
    /** Whether there is a person at a terminal to ask. */
    boolean interactive();

    /** Asks; returns the answer line, or null at end of input. */
    String ask(String prompt);
}
