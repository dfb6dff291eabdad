package io.swarmops.recovery.maintenance;

import com.fasterxml.jackson.databind.JsonNode;
import io.swarmops.ops.model.ClusterSnapshot;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans a drain that keeps capacity, purely: a snapshot and the nodes to drain in, a {@link DrainPlan}
 * out. Each replicated service's tasks on those nodes are placed, one by one, on the node Swarm would
 * rank best among those that can take them (fewest tasks of the service, then fewest tasks), the load
 * of each placement counted for the next; a task that fits nowhere makes its service one that cannot
 * keep capacity. Global services and jobs are not moved (a drain stops a global task; a job's task is
 * not restarted elsewhere to keep a count).
 */
public final class DrainPlanner {
    private DrainPlanner() {
    }

    public static DrainPlan plan(ClusterSnapshot snapshot, Set<String> drainedIds) {
        List<Node> drained = snapshot.nodes().stream().filter(n -> drainedIds.contains(n.id())).toList();
        // by hostname: the reasons a task fits nowhere read in a stable order
        List<Node> others = snapshot.nodes().stream().filter(n -> !drainedIds.contains(n.id()) && ClusterSnapshot.eligible(n))
                .sorted(java.util.Comparator.comparing(Node::hostname)).toList();
        Load load = new Load(snapshot);
        List<DrainPlan.Entry> keep = new ArrayList<>();
        List<DrainPlan.Entry> cannot = new ArrayList<>();
        List<DrainPlan.Entry> notMoved = new ArrayList<>();
        for (Service s : snapshot.services()) {
            Map<Node, Integer> onDrained = new LinkedHashMap<>();
            for (Node n : drained) {
                int c = (int) snapshot.tasks().stream().filter(t -> t.serviceId().equals(s.id()) && t.nodeId().equals(n.id())
                        && t.desiredRunning() && t.countsAsActive()).count();
                if (c > 0) {
                    onDrained.put(n, c);
                }
            }
            int total = onDrained.values().stream().mapToInt(Integer::intValue).sum();
            if (total == 0) {
                continue;
            }
            if (!s.isReplicated()) {
                notMoved.add(new DrainPlan.Entry(s.id(), s.name(), "", "", total, s.mode() + (s.isGlobal()
                        ? ": its task on a drained node stops, none is started elsewhere" : ": a job is not moved")));
                continue;
            }
            if (s.updateInProgress()) {
                cannot.add(new DrainPlan.Entry(s.id(), s.name(), "", "", total, "an update is " + s.updateState() + ": drain when it ends"));
                continue;
            }
            Map<String, Integer> placed = new HashMap<>();
            Set<String> why = new LinkedHashSet<>();
            for (int i = 0; i < total; i++) {
                Node best = null;
                for (Node n : others) {
                    String no = TaskFit.whyNot(s, n, load);
                    if (no != null) {
                        why.add(no);
                    } else if (best == null || load.rank(s, n) < load.rank(s, best)) {
                        best = n;
                    }
                }
                if (best == null) {
                    break;
                }
                load.place(s, best);
                placed.merge(best.id(), 1, Integer::sum);
            }
            int fitted = placed.values().stream().mapToInt(Integer::intValue).sum();
            if (fitted < total) {
                placed.forEach((nodeId, c) -> load.unplace(s, nodeId, c));
                cannot.add(new DrainPlan.Entry(s.id(), s.name(), "", "", total, (total - fitted) + " of " + total + " fit on no other node"
                        + (others.isEmpty() ? ": no other node takes tasks" : ": " + String.join("; ", why))));
                continue;
            }
            onDrained.forEach((n, c) -> keep.add(new DrainPlan.Entry(s.id(), s.name(), n.id(), n.hostname(), c, "")));
        }
        return new DrainPlan(drained, keep, cannot, notMoved);
    }

    /**
     * What each node carries, as swarmkit's scheduler counts it (nodeinfo.go): active tasks per
     * service and in all, reserved CPU and memory, host-mode published ports.
     */
    static final class Load {
        final Map<String, Map<String, Integer>> perService = new HashMap<>();
        final Map<String, Integer> tasks = new HashMap<>();
        final Map<String, long[]> reserved = new HashMap<>();
        final Map<String, Set<String>> hostPorts = new HashMap<>();
        private final Map<String, Service> services = new HashMap<>();

        Load(ClusterSnapshot snapshot) {
            snapshot.services().forEach(s -> services.put(s.id(), s));
            for (Task t : snapshot.tasks()) {
                Service s = services.get(t.serviceId());
                if (t.countsAsActive() && s != null) {
                    add(s, t.nodeId(), 1);
                }
            }
        }

        void place(Service s, Node n) {
            add(s, n.id(), 1);
        }

        void unplace(Service s, String nodeId, int count) {
            add(s, nodeId, -count);
        }

        private void add(Service s, String nodeId, int count) {
            perService.computeIfAbsent(nodeId, k -> new HashMap<>()).merge(s.id(), count, Integer::sum);
            tasks.merge(nodeId, count, Integer::sum);
            JsonNode r = s.spec().path("TaskTemplate").path("Resources").path("Reservations");
            long[] res = reserved.computeIfAbsent(nodeId, k -> new long[2]);
            res[0] += count * r.path("NanoCPUs").asLong(0);
            res[1] += count * r.path("MemoryBytes").asLong(0);
            Set<String> ports = hostPorts.computeIfAbsent(nodeId, k -> new HashSet<>());
            for (String p : TaskFit.hostPorts(s)) {
                if (count > 0) {
                    ports.add(p);
                } else {
                    ports.remove(p);
                }
            }
        }

        int of(Service s, Node n) {
            return perService.getOrDefault(n.id(), Map.of()).getOrDefault(s.id(), 0);
        }

        /** scheduler.go nodeLess: fewer tasks of the service, then fewer tasks in all. */
        long rank(Service s, Node n) {
            return ((long) of(s, n) << 32) + tasks.getOrDefault(n.id(), 0);
        }
    }
}
