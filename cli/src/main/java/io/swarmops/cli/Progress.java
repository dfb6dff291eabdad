package io.swarmops.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Progress of a long operation, on stderr: on a terminal one status line rewritten in place, with
 * finished steps kept; elsewhere (cron, logs) plain timestamped lines, one per step.
 */
public final class Progress {
    private final PrintWriter err;
    private final boolean terminal;
    private boolean transientShown;

    public Progress(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** A passing state ("waiting for node2: down"); on a terminal it replaces the previous one. */
    public synchronized void status(String message) {
        if (terminal) {
            err.print("\r\033[K" + message);
            transientShown = true;
        } else {
            line(message);
        }
        err.flush();
    }

    /** A finished step, kept on screen. */
    public synchronized void step(String message) {
        if (terminal && transientShown) {
            err.print("\r\033[K");
            transientShown = false;
        }
        line(message);
        err.flush();
    }

    private void line(String message) {
        if (terminal) {
            err.println(message);
        } else {
            err.println(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + message);
        }
    }
}
