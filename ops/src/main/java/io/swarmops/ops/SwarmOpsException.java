package io.swarmops.ops;

/**
 * The root of every failure swarmops reports to a user. Its message is the one line printed on
 * stderr; {@link #kind()} decides the exit code and lets scripts tell failures apart.
 */
public class SwarmOpsException extends RuntimeException {
    /** What went wrong, from the point of view of someone running a command. */
    public enum Kind {
        /** The daemon could not be reached at all (socket missing, connection refused, TLS). */
        UNREACHABLE,
        /** A node, service, network, config, secret, task or stack named by the user does not exist. */
        NOT_FOUND,
        /** The daemon is not a swarm manager (a worker, or not in a swarm). */
        NOT_A_MANAGER,
        /** The swarm has no leader: too few managers are online. */
        NO_LEADER,
        /** The object changed between read and write (version out of date), or already exists. */
        CONFLICT,
        /** The request was refused as invalid by the daemon or by swarmops. */
        INVALID,
        /** A wait ran out of time. */
        TIMEOUT,
        /** Anything else the daemon reported. */
        FAILED
    }

    private final Kind kind;

    public SwarmOpsException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public SwarmOpsException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static SwarmOpsException notFound(String what, String name) {
        return new SwarmOpsException(Kind.NOT_FOUND, "no such " + what + ": " + name);
    }

    public static SwarmOpsException invalid(String message) {
        return new SwarmOpsException(Kind.INVALID, message);
    }
}
