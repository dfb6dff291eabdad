package io.swarmops.recovery.maintenance;

import com.fasterxml.jackson.databind.JsonNode;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.rebalance.PlacementConstraint;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a node can take one more task of a service, by swarmkit's filters (pipeline.go) that a
 * drain meets: constraints, max replicas per node, reservations against what the node has left,
 * host-mode published ports already taken there. Ready and active is the caller's choice of nodes.
 * The maintenance's one placement check: where the rebalance gains one placement filter for all
 * procedures, this is the place to call it instead.
 */
final class TaskFit {
    private TaskFit() {
    }

    /** Null when {@code n} can take one more task of {@code s} on top of {@code load}; else why not. */
    static String whyNot(Service s, Node n, DrainPlanner.Load load) {
        JsonNode task = s.spec().path("TaskTemplate");
        for (JsonNode c : task.path("Placement").path("Constraints")) {
            if (!PlacementConstraint.parse(c.asText()).matches(n)) {
                return "constraint " + c.asText();
            }
        }
        long max = task.path("Placement").path("MaxReplicas").asLong(0);
        if (max > 0 && load.of(s, n) >= max) {
            return "max replicas per node " + max;
        }
        JsonNode want = task.path("Resources").path("Reservations");
        long[] used = load.reserved.getOrDefault(n.id(), new long[2]);
        long cpu = want.path("NanoCPUs").asLong(0);
        long mem = want.path("MemoryBytes").asLong(0);
        if ((cpu > 0 && used[0] + cpu > n.nanoCpus()) || (mem > 0 && used[1] + mem > n.memoryBytes())) {
            return "not enough CPU or memory free for its reservations";
        }
        for (String p : hostPorts(s)) {
            if (load.hostPorts.getOrDefault(n.id(), java.util.Set.of()).contains(p)) {
                return "host port " + p + " taken";
            }
        }
        return null;
    }

    /** The service's host-mode published ports, "8080/tcp". */
    static List<String> hostPorts(Service s) {
        List<String> out = new ArrayList<>();
        for (JsonNode p : s.spec().path("EndpointSpec").path("Ports")) {
            if ("host".equals(p.path("PublishMode").asText()) && p.path("PublishedPort").asInt(0) > 0) {
                out.add(p.path("PublishedPort").asInt() + "/" + p.path("Protocol").asText("tcp"));
            }
        }
        return out;
    }
}
