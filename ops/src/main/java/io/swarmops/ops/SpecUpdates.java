package io.swarmops.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Read–change–write, as docker/cli's node and service updates do it: inspect, apply a pure change
 * to a copy of the fetched spec, write it back with the version it was read at. "Nothing to change"
 * writes nothing. A concurrent change (version out of date) is retried on a fresh read, a few times.
 */
public final class SpecUpdates {
    private static final int ATTEMPTS = 3;

    private SpecUpdates() {
    }

    /** Applies {@code change} to the node's spec; returns false when it changed nothing. */
    public static boolean updateNode(SwarmGateway gateway, String reference, UnaryOperator<ObjectNode> change) {
        for (int attempt = 1; ; attempt++) {
            Node node = gateway.node(reference);
            ObjectNode before = node.spec();
            ObjectNode after = change.apply(node.spec());
            if (after.equals(before)) {
                return false;
            }
            try {
                gateway.updateNode(node.id(), node.version(), after);
                return true;
            } catch (SwarmOpsException e) {
                if (e.kind() != SwarmOpsException.Kind.CONFLICT || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** Applies {@code change} to the service's spec; returns false when it changed nothing. */
    public static boolean updateService(SwarmGateway gateway, String reference, UnaryOperator<ObjectNode> change,
            RegistryAuth auth, Consumer<String> warnings) {
        for (int attempt = 1; ; attempt++) {
            Service service = gateway.service(reference);
            ObjectNode before = service.spec();
            ObjectNode after = change.apply(service.spec());
            if (after.equals(before)) {
                return false;
            }
            try {
                gateway.updateService(service.id(), service.version(), after, auth, false, warnings);
                return true;
            } catch (SwarmOpsException e) {
                if (e.kind() != SwarmOpsException.Kind.CONFLICT || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** A change that sets the node's role ("manager" or "worker"). */
    public static UnaryOperator<ObjectNode> role(String role) {
        return spec -> spec.put("Role", role);
    }

    /** A change that sets the node's availability ("active", "pause" or "drain"). */
    public static UnaryOperator<ObjectNode> availability(String availability) {
        return spec -> spec.put("Availability", availability);
    }
}
