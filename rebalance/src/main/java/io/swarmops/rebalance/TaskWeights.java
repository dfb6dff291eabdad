package io.swarmops.rebalance;

import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import io.swarmops.ops.nodes.TaskUsage;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What each task weighs when balancing by measured use ({@code --by usage-cpu|usage-memory}): pure,
 * from the measures taken before planning. A task with no measure of its own (started since, or
 * its node did not answer) weighs the mean measure of its service's measured tasks (a replica like
 * its siblings; a task moved by a rebalance keeps the weight it had), else its reservation, else one
 * typical task: the mean of all the measured tasks. A node holds its capacity as its daemon reports it
 * (Description.Resources).
 */
public final class TaskWeights implements LoadMeasure {
    /** What is measured: CPUs in nano-CPUs, memory in bytes: the units of a node's capacity. */
    public enum Resource { CPU, MEMORY }

    /** Where a task's weight came from, for the plan's log. */
    public enum Source { MEASURED, SERVICE_MEAN, RESERVATION, TYPICAL_TASK }

    /** A task's weight in the resource's units, and where it came from. */
    public record Weight(double value, Source source) {
    }

    private final Resource resource;
    private final Map<String, Long> byTask = new HashMap<>();
    private final Map<String, double[]> byService = new HashMap<>();
    private final double typical;

    private TaskWeights(Resource resource, Collection<TaskUsage> measured) {
        this.resource = resource;
        double sum = 0;
        for (TaskUsage u : measured) {
            long v = resource == Resource.CPU ? u.nanoCpus() : u.memoryBytes();
            byTask.put(u.taskId(), v);
            double[] s = byService.computeIfAbsent(u.serviceId(), k -> new double[2]);
            s[0] += v;
            s[1]++;
            sum += v;
        }
        // with nothing measured, every task weighs alike: load is tasks per unit of capacity
        this.typical = measured.isEmpty() ? 1 : sum / measured.size();
    }

    public static TaskWeights of(Resource resource, Collection<TaskUsage> measured) {
        return new TaskWeights(resource, measured);
    }

    public Resource resource() {
        return resource;
    }

    /**
     * The weight of a task of {@code service} ({@code service} null: a task of a service gone;
     * {@code taskId} null: a task the service does not run yet).
     */
    public Weight of(String taskId, Service service) {
        Long own = taskId == null ? null : byTask.get(taskId);
        if (own != null) {
            return new Weight(own, Source.MEASURED);
        }
        double[] s = service == null ? null : byService.get(service.id());
        if (s != null) {
            return new Weight(s[0] / s[1], Source.SERVICE_MEAN);
        }
        PlacementFilter f = service == null ? null : PlacementFilter.of(service);
        long reserved = f == null ? 0 : resource == Resource.CPU ? f.nanoCpus() : f.memoryBytes();
        if (reserved > 0) {
            return new Weight(reserved, Source.RESERVATION);
        }
        return new Weight(typical, Source.TYPICAL_TASK);
    }

    @Override
    public double weight(Task task, Service service) {
        return of(task == null ? null : task.id(), service).value();
    }

    @Override
    public double capacity(Node node) {
        return resource == Resource.CPU ? node.nanoCpus() : node.memoryBytes();
    }

    /** An amount of the resource as a reader reads it: "0.93 CPUs", "128 MiB". */
    public String amount(double value) {
        return resource == Resource.CPU ? String.format(Locale.ROOT, "%.2f CPUs", value / 1e9)
                : String.format(Locale.ROOT, "%.0f MiB", value / (1 << 20));
    }

    /** A weight as a reader of the log reads it: "0.93 CPUs measured", "128 MiB reserved (no measure)". */
    public String describe(Weight w) {
        return amount(w.value()) + switch (w.source()) {
            case MEASURED -> " measured";
            case SERVICE_MEAN -> " (its service's measured mean)";
            case RESERVATION -> " reserved (no measure)";
            case TYPICAL_TASK -> " (a typical task: no measure, no reservation)";
        };
    }
}
