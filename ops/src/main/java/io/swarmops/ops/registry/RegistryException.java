package io.swarmops.ops.registry;

import io.swarmops.ops.SwarmOpsException;

/** A registry that did not give the digest: why, in one line that names the registry and never a secret. */
public final class RegistryException extends SwarmOpsException {
    /** What went wrong, for the report's columns (unreachable is not failed: nothing was tried). */
    public enum Problem {
        /** 401 (or 403): no credentials, or the wrong ones. */
        UNAUTHORIZED,
        /** No connection: refused, timed out, TLS not trusted, plain HTTP not allowed. */
        UNREACHABLE,
        /** The registry has no such repository or tag. */
        NOT_FOUND,
        /** Any other answer. */
        FAILED
    }

    private final Problem problem;

    RegistryException(Problem problem, String message) {
        super(Kind.FAILED, message); // never UNREACHABLE: that kind is the daemon's
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
