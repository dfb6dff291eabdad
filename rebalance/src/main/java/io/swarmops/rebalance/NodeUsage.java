package io.swarmops.rebalance;

import io.swarmops.ops.model.ClusterSnapshot;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import java.util.HashMap;
import java.util.Map;

/**
 * What a node holds as the scheduler counts it (nodeinfo.go: tasks observed pending to running,
 * desired at most complete): tasks of the service asked about, tasks in all, and its capacity left
 * after every such task's reservations.
 */
public record NodeUsage(int tasksOfService, int tasks, long freeNanoCpus, long freeMemoryBytes) {

    /** Every node's usage in the snapshot, by node id, with the tasks of {@code serviceId} counted apart. */
    public static Map<String, NodeUsage> of(ClusterSnapshot snapshot, String serviceId) {
        Map<String, long[]> acc = new HashMap<>();
        Map<String, Service> services = new HashMap<>();
        snapshot.services().forEach(s -> services.put(s.id(), s));
        for (Node n : snapshot.nodes()) {
            acc.put(n.id(), new long[] {0, 0, n.nanoCpus(), n.memoryBytes()});
        }
        for (Task t : snapshot.tasks()) {
            long[] a = acc.get(t.nodeId());
            if (a == null || !t.countsAsActive()) {
                continue;
            }
            a[1]++;
            if (t.serviceId().equals(serviceId)) {
                a[0]++;
            }
            // the task's own spec when the daemon gave it (the reservation it was placed with), else its service's
            com.fasterxml.jackson.databind.JsonNode r = t.raw().path("Spec").path("Resources").path("Reservations");
            Service s = services.get(t.serviceId());
            if (r.isMissingNode() && s != null) {
                r = s.raw().path("Spec").path("TaskTemplate").path("Resources").path("Reservations");
            }
            a[2] -= r.path("NanoCPUs").asLong(0);
            a[3] -= r.path("MemoryBytes").asLong(0);
        }
        Map<String, NodeUsage> out = new HashMap<>();
        acc.forEach((id, a) -> out.put(id, new NodeUsage((int) a[0], (int) a[1], a[2], a[3])));
        return out;
    }
}
