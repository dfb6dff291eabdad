package io.swarmops.ops.model;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** Nodes, services and tasks read at one moment: what planners and status reports work from. */
public record ClusterSnapshot(List<Node> nodes, List<Service> services, List<Task> tasks, Instant takenAt) {

    public ClusterSnapshot {
        nodes = List.copyOf(nodes);
        services = List.copyOf(services);
        tasks = List.copyOf(tasks);
    }

    /** Nodes that take new tasks: ready and active (the scheduler's ReadyFilter). */
    public static boolean eligible(Node n) {
        return n.isReady() && n.isActive();
    }

    /**
     * Running tasks (observed running, desired running) per node, for the nodes that pass
     * {@code include}, in node order; nodes with none count 0.
     */
    public Map<Node, Integer> runningTasksPerNode(Predicate<Node> include) {
        Map<String, Integer> byId = new LinkedHashMap<>();
        for (Task t : tasks) {
            if (t.isRunning() && t.desiredRunning()) {
                byId.merge(t.nodeId(), 1, Integer::sum);
            }
        }
        Map<Node, Integer> out = new LinkedHashMap<>();
        for (Node n : nodes) {
            if (include.test(n)) {
                out.put(n, byId.getOrDefault(n.id(), 0));
            }
        }
        return out;
    }

    /** Population standard deviation of running tasks over ready, active nodes. */
    public double spread() {
        return populationStdDev(runningTasksPerNode(ClusterSnapshot::eligible).values());
    }

    public static double populationStdDev(Collection<? extends Number> values) {
        if (values.isEmpty()) {
            return 0;
        }
        double mean = values.stream().mapToDouble(Number::doubleValue).average().orElse(0);
        double var = values.stream().mapToDouble(v -> (v.doubleValue() - mean) * (v.doubleValue() - mean)).sum() / values.size();
        return Math.sqrt(var);
    }

    public Optional<Node> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    public Optional<Service> service(String id) {
        return services.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** Tasks of one service that are running and meant to be. */
    public List<Task> runningTasks(String serviceId) {
        return tasks.stream().filter(t -> t.serviceId().equals(serviceId) && t.isRunning() && t.desiredRunning()).toList();
    }
}
