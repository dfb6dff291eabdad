package io.swarmops.compose;

import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.SwarmObject;
import java.util.List;
import java.util.Map;

/**
 * What a deploy needs to know about the swarm, read once before planning: the stack's services and
 * networks (by the namespace label), every network, secret and config (for external references
 * and for objects named with {@code name:}).
 */
public record StackState(List<Service> services, List<SwarmObject> networks, List<SwarmObject> secrets, List<SwarmObject> configs) {

    public static StackState read(SwarmGateway gateway, String stack) {
        Map<String, List<String>> label = Map.of("label", List.of(StackSpecs.NAMESPACE_LABEL + "=" + stack));
        return new StackState(gateway.services(label), gateway.networks(Map.of()), gateway.secrets(Map.of()), gateway.configs(Map.of()));
    }

    public SwarmObject network(String name) {
        return networks.stream().filter(n -> n.name().equals(name)).findFirst().orElse(null);
    }

    public SwarmObject secret(String name) {
        return secrets.stream().filter(n -> n.name().equals(name)).findFirst().orElse(null);
    }

    public SwarmObject config(String name) {
        return configs.stream().filter(n -> n.name().equals(name)).findFirst().orElse(null);
    }
}
