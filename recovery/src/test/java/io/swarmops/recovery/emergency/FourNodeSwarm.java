package io.swarmops.recovery.emergency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Service;
import io.swarmops.recovery.backup.WorkloadRestore;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bar's cluster in memory: node1 and node2 managers (node1 talked to), node3 and node4 workers;
 * a registry stack, an app stack with its network, a config and a secret, and a plain service.
 */
final class FourNodeSwarm {
    private FourNodeSwarm() {
    }

    static SimulatedCluster build() {
        SimulatedCluster c = new SimulatedCluster().addNode("id1", "node1", true).addNode("id2", "node2", true)
                .addNode("id3", "node3", false).addNode("id4", "node4", false);
        String net = c.createNetwork(Json.object().put("Name", "app_default").put("Driver", "overlay").put("Scope", "swarm")
                .set("Labels", Json.object().put(Service.STACK_NAMESPACE_LABEL, "app")));
        String conf = c.createConfig(Json.object().put("Name", "app_conf").put("Data", "aGVsbG8="));
        String secret = c.createSecret(Json.object().put("Name", "app_secret").put("Data", "c2VjcmV0"));
        c.createService(service("registry_registry", "registry", 1), null, w -> { });
        ObjectNode web = service("app_web", "app", 2);
        web.with("TaskTemplate").putArray("Networks").addObject().put("Target", net).putArray("Aliases").add("web");
        ObjectNode container = web.with("TaskTemplate").with("ContainerSpec");
        container.putArray("Configs").addObject().put("ConfigID", conf).put("ConfigName", "app_conf")
                .putObject("File").put("Name", "/conf").put("UID", "0").put("GID", "0").put("Mode", 292);
        container.putArray("Secrets").addObject().put("SecretID", secret).put("SecretName", "app_secret")
                .putObject("File").put("Name", "app_secret").put("UID", "0").put("GID", "0").put("Mode", 292);
        c.createService(web, null, w -> { });
        c.createService(service("app_worker", "app", 1), null, w -> { });
        c.createService(service("plain", null, 1), null, w -> { });
        return c;
    }

    static ObjectNode service(String name, String stack, int replicas) {
        ObjectNode spec = Json.object().put("Name", name);
        ObjectNode labels = spec.putObject("Labels");
        if (stack != null) {
            labels.put(Service.STACK_NAMESPACE_LABEL, stack);
        }
        spec.putObject("TaskTemplate").putObject("ContainerSpec").put("Image", "swarmops/busybox:latest").putArray("Args").add("sleep").add("3600");
        spec.putObject("Mode").putObject("Replicated").put("Replicas", replicas);
        return spec;
    }

    /** Every service's spec as a backup holds it, by name. */
    static Map<String, JsonNode> specs(SwarmGateway g) {
        Map<String, JsonNode> out = new TreeMap<>();
        g.services(Map.of()).forEach(s -> out.put(s.name(), WorkloadRestore.portableSpec(g, s)));
        return out;
    }
}
