package io.swarmops.ops.opts;

import io.swarmops.ops.SwarmOpsException;

/**
 * A value docker's syntax refuses, with docker's own words as the message (what follows
 * {@code invalid argument "X" for "--flag" flag: }); the compose loader adds file, line and key.
 */
public final class InvalidSyntax extends SwarmOpsException {
    public InvalidSyntax(String message) {
        super(Kind.INVALID, message);
    }

    /** Go's {@code %q} of a plain string, as docker's messages quote values. */
    public static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
