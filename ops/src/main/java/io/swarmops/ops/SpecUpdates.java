package io.swarmops.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.SwarmInfo;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Read–change–write, as docker/cli's node and service updates do it: inspect, apply a pure change
 * to a copy of the fetched spec, write it back with the version it was read at. "Nothing to change"
 * writes nothing. A concurrent change (CONFLICT: the version is out of date, {@code update out of
 * sequence}) is met by reading the object again and computing the change again on what is there now,
 * so someone else's change is kept, never written over; a few times, each said in one line, then
 * given up. Swarm itself moves versions on its own (the allocator writes a service right after its
 * create), so this is not only for other people's changes.
 */
public final class SpecUpdates {
    /** How many times one read–change–write is tried in all. */
    public static final int ATTEMPTS = 5;
    private static final long FIRST_BACKOFF_MILLIS = 25;
    private static final Pattern RPC_PREFIX = Pattern.compile("^rpc error: code = \\w+ desc = ");

    private SpecUpdates() {
    }

    /**
     * One read–change–write, given the attempt it is (1 to {@link #ATTEMPTS}): it reads (or, on the
     * first attempt, may use what was read before), computes the change on what it read and writes.
     */
    @FunctionalInterface
    public interface Attempt<T> {
        T run(int attempt);
    }

    /**
     * Runs {@code attempt}; when it fails with a CONFLICT, says so on {@code notes} (naming
     * {@code what}, "service web"), waits a moment and runs it again, at most {@link #ATTEMPTS} times
     * in all. Any other failure, and the last conflict, goes up.
     */
    public static <T> T retrying(String what, Consumer<String> notes, Attempt<T> attempt) {
        for (int n = 1; ; n++) {
            try {
                return attempt.run(n);
            } catch (SwarmOpsException e) {
                if (e.kind() != SwarmOpsException.Kind.CONFLICT) {
                    throw e;
                }
                String reason = RPC_PREFIX.matcher(e.getMessage()).replaceFirst("");
                if (n == ATTEMPTS) {
                    throw new SwarmOpsException(SwarmOpsException.Kind.CONFLICT, what + " kept changing while updating ("
                            + reason + "): gave up after " + ATTEMPTS + " attempts", e);
                }
                notes.accept(what + " changed while updating (" + reason + "): read again, attempt " + (n + 1) + " of " + ATTEMPTS);
                backOff(n);
            }
        }
    }

    /** Applies {@code change} to the node's spec; returns false when it changed nothing. */
    public static boolean updateNode(SwarmGateway gateway, String reference, UnaryOperator<ObjectNode> change,
            Consumer<String> notes) {
        return retrying("node " + reference, notes, attempt -> {
            Node node = gateway.node(reference);
            ObjectNode before = node.spec();
            ObjectNode after = change.apply(node.spec());
            if (after.equals(before)) {
                return false;
            }
            gateway.updateNode(node.id(), node.version(), after);
            return true;
        });
    }

    /**
     * Applies {@code change} to the service's spec; returns false when it changed nothing. Retries
     * and the daemon's warnings go to {@code warnings}.
     */
    public static boolean updateService(SwarmGateway gateway, String reference, UnaryOperator<ObjectNode> change,
            RegistryAuth auth, Consumer<String> warnings) {
        return retrying("service " + reference, warnings, attempt -> {
            Service service = gateway.service(reference);
            ObjectNode before = service.spec();
            ObjectNode after = change.apply(service.spec());
            if (after.equals(before)) {
                return false;
            }
            gateway.updateService(service.id(), service.version(), after, auth, false, warnings);
            return true;
        });
    }

    /**
     * {@code docker service rollback}: asks the daemon for the service's previous spec, with the
     * version read just before.
     */
    public static void rollbackService(SwarmGateway gateway, String reference, RegistryAuth auth, Consumer<String> warnings) {
        retrying("service " + reference, warnings, attempt -> {
            Service service = gateway.service(reference);
            gateway.updateService(service.id(), service.version(), service.spec(), auth, true, warnings);
            return true;
        });
    }

    /**
     * Applies {@code change} to the swarm's spec and rotates the join tokens asked for; returns false
     * when there was nothing to change and nothing to rotate.
     */
    public static boolean updateSwarm(SwarmGateway gateway, UnaryOperator<ObjectNode> change, boolean rotateWorkerToken,
            boolean rotateManagerToken, Consumer<String> notes) {
        return retrying("the swarm", notes, attempt -> {
            SwarmInfo swarm = gateway.swarm();
            ObjectNode before = swarm.spec();
            ObjectNode after = change.apply(swarm.spec());
            if (after.equals(before) && !rotateWorkerToken && !rotateManagerToken) {
                return false;
            }
            gateway.swarmUpdate(swarm.version(), after, rotateWorkerToken, rotateManagerToken);
            return true;
        });
    }

    /** A change that sets the node's role ("manager" or "worker"). */
    public static UnaryOperator<ObjectNode> role(String role) {
        return spec -> spec.put("Role", role);
    }

    /** A change that sets the node's availability ("active", "pause" or "drain"). */
    public static UnaryOperator<ObjectNode> availability(String availability) {
        return spec -> spec.put("Availability", availability);
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(FIRST_BACKOFF_MILLIS << (attempt - 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SwarmOpsException(SwarmOpsException.Kind.FAILED, "interrupted while updating", e);
        }
    }
}
