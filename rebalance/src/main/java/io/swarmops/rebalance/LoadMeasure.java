package io.swarmops.rebalance;

import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;

/**
 * What the spread measures: each running task's weight and each node's capacity in one unit; a
 * node's load is the sum of its tasks' weights over its capacity. Counting tasks, both are 1; by
 * reservations, a task weighs what its service reserves and a node holds its CPUs or memory. A
 * measure of real use (a task's measured CPU over a window) plugs in here.
 */
public interface LoadMeasure {

    /**
     * What one running task weighs, in the measure's unit; {@code service} is null for a task of a
     * service gone, {@code task} null for a task the service does not run yet (one with no running task).
     */
    double weight(Task task, Service service);

    /** What the node holds in the same unit. */
    double capacity(Node node);

    /** Every task weighs 1, every node holds 1: the load is the count of tasks. */
    final class Counted implements LoadMeasure {
        @Override
        public double weight(Task task, Service service) {
            return 1;
        }

        @Override
        public double capacity(Node node) {
            return 1;
        }
    }

    /** A task weighs what its service reserves (nano CPUs or bytes); a node holds its capacity of the same. */
    record Reserved(java.util.function.ToLongFunction<PlacementFilter> reserved, java.util.function.ToLongFunction<Node> holds)
            implements LoadMeasure {
        @Override
        public double weight(Task task, Service service) {
            return service == null ? 0 : reserved.applyAsLong(PlacementFilter.of(service));
        }

        @Override
        public double capacity(Node node) {
            return holds.applyAsLong(node);
        }
    }

    /** Tasks counted, or the reservations of {@code --by cpu|memory}. */
    static LoadMeasure of(RebalancePolicy.Measure by) {
        return switch (by) {
            case tasks -> new Counted();
            case cpu -> new Reserved(PlacementFilter::nanoCpus, Node::nanoCpus);
            case memory -> new Reserved(PlacementFilter::memoryBytes, Node::memoryBytes);
            case usage_cpu -> TaskWeights.of(TaskWeights.Resource.CPU, java.util.List.of());
            case usage_memory -> TaskWeights.of(TaskWeights.Resource.MEMORY, java.util.List.of());
        };
    }
}
