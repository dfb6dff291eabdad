package io.swarmops.recovery.maintenance;

import com.fasterxml.jackson.databind.JsonNode;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.rebalance.PlacementFilter;
import io.swarmops.rebalance.Refusal;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a node can take one more task of a service, by swarmkit's filters (pipeline.go) that a
 * drain meets: the rebalance's one {@link PlacementFilter} (constraints, platform, max replicas per
 * node, reservations against what the node has left), and host-mode published ports already taken
 * there (swarmkit's HostPortFilter, which only a drain meets: a rebalance never moves such a task
 * onto a node that has its port, since it moves none). Ready and active is the caller's choice of nodes.
 */
final class TaskFit {
    private TaskFit() {
    }

    /** Null when {@code n} can take one more task of {@code s} on top of {@code load}; else why not, naming the node. */
    static String whyNot(Service s, Node n, DrainPlanner.Load load) {
        PlacementFilter filter = PlacementFilter.of(s);
        Refusal r = filter.placementRefusal(n);
        if (r == null) {
            long[] used = load.reserved.getOrDefault(n.id(), new long[2]);
            r = filter.usageRefusal(n.hostname(), load.of(s, n), n.nanoCpus() - used[0], n.memoryBytes() - used[1]);
        }
        if (r != null) {
            return r.message();
        }
        for (String p : hostPorts(s)) {
            if (load.hostPorts.getOrDefault(n.id(), java.util.Set.of()).contains(p)) {
                return n.hostname() + " has its host port " + p + " taken";
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
