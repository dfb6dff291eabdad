package io.swarmops.cli;

import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.Waits;

/** The exit codes swarmops documents (README "Exit codes"). */
public final class ExitCodes {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** The operation failed: the daemon refused, an object is missing, a wait timed out, ... */
    public static final int FAILED = 1;
    /** The command line was wrong: unknown option, missing argument, invalid value. */
    public static final int USAGE = 2;

    /** Status and health commands follow the monitoring convention (Nagios, Xymon, textfile). */
    public static final int MON_OK = 0;
    public static final int MON_WARNING = 1;
    public static final int MON_CRITICAL = 2;
    public static final int MON_UNKNOWN = 3;

    private ExitCodes() {
    }

    /** A wait's end: converged or done is OK; failed or timed out (said already) is FAILED. */
    public static int of(Waits.Result wait) {
        return wait.isDone() ? OK : FAILED;
    }

    static int of(SwarmOpsException e) {
        return e.kind() == SwarmOpsException.Kind.INVALID ? USAGE : FAILED;
    }
}
