package io.swarmops.cli.stack;

import io.swarmops.compose.StackSpecs;
import io.swarmops.ops.Convergence;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Service;
import java.util.List;
import java.util.Map;

/** Stack names as docker accepts them, and what belongs to a stack. */
final class StackNames {
    private StackNames() {
    }

    static void validate(String name) {
        if (name == null || name.isEmpty() || !name.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*")) {
            throw new SwarmOpsException(SwarmOpsException.Kind.INVALID, "invalid stack name: \"" + name + "\"");
        }
    }

    /** Waits for every service of the stack; a stack with no service is not found. */
    static Convergence convergence(SwarmGateway gateway, String stack) {
        return new Convergence(gateway, "stack " + stack, () -> {
            List<Service> services = gateway.services(Map.of("label", List.of(StackSpecs.NAMESPACE_LABEL + "=" + stack)));
            if (services.isEmpty()) {
                throw SwarmOpsException.notFound("stack", stack);
            }
            return services;
        });
    }
}
