package io.swarmops.cli.rebalance;

import io.swarmops.cli.CommandContext;
import io.swarmops.cli.DurationConverter;
import io.swarmops.cli.node.NodeAccess;
import io.swarmops.ops.model.ClusterSnapshot;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Task;
import io.swarmops.ops.nodes.TaskUsage;
import io.swarmops.ops.nodes.UsageMeter;
import io.swarmops.cli.format.TaskFormatter;
import io.swarmops.ops.opts.GoDuration;
import io.swarmops.rebalance.LoadMeasure;
import io.swarmops.rebalance.RebalancePolicy;
import io.swarmops.rebalance.TaskWeights;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --by usage-cpu|usage-memory}: each running task's use, measured over {@code --window} on
 * its node's own daemon (reached through the node inventory), all nodes at once.
 */
public final class UsageOptions {
    @Option(names = "--window", defaultValue = "5m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "With --by usage-cpu|usage-memory: measure each task's use over this long (default: ${DEFAULT-VALUE})")
    Duration window;

    @Mixin
    NodeAccess nodes;

    /** Per measured node its use and heaviest tasks, printed with the plan (a run with nothing to do stays quiet). */
    private final List<String> report = new ArrayList<>();

    /** What the planner weighs by: measured use for {@code --by usage-*} (measuring takes the window), else as counted. */
    LoadMeasure measure(CommandContext context, ClusterSnapshot snapshot, RebalancePolicy.Measure by) {
        report.clear(); // --watch measures again for each run
        return switch (by) {
            case usage_cpu -> measure(context, snapshot, TaskWeights.Resource.CPU);
            case usage_memory -> measure(context, snapshot, TaskWeights.Resource.MEMORY);
            default -> LoadMeasure.of(by);
        };
    }

    /**
     * Measures the running tasks of the snapshot. A node that does not answer in time is one line on
     * stderr; its tasks weigh what they have instead of a measure (their service's, a reservation).
     */
    private TaskWeights measure(CommandContext context, ClusterSnapshot snapshot, TaskWeights.Resource resource) {
        Map<String, List<Task>> byNode = snapshot.tasks().stream().filter(t -> t.isRunning() && t.desiredRunning())
                .collect(Collectors.groupingBy(Task::nodeId));
        List<Node> measured = snapshot.nodes().stream().filter(n -> byNode.containsKey(n.id())).toList();
        nodes.check(snapshot.nodes());
        if (context.prompter().interactive()) { // someone waits for the window to pass; cron hears nothing
            context.progress().status("measuring " + byNode.values().stream().mapToInt(List::size).sum() + " tasks' "
                    + resource.name().toLowerCase(Locale.ROOT) + " use on " + measured.size() + " nodes over " + GoDuration.format(window));
        }
        List<TaskUsage> usage = new ArrayList<>();
        for (NodeAccess.Outcome<List<TaskUsage>> o : nodes.eachNode(context, measured, nodes.timeout().plus(window),
                // the daemon's own node ID picks its tasks: an inventory pointing at the wrong daemon measures nothing
                g -> UsageMeter.measure(g, byNode.getOrDefault(g.info().nodeId(), List.of()), window, UsageMeter.REAL_TIME))) {
            if (o.ok()) {
                usage.addAll(o.value());
            } else {
                context.say("node " + o.node().hostname() + ": no measure (" + o.error() + "): its tasks weigh their service's"
                        + " measured mean, else their reservation");
            }
        }
        TaskWeights weights = TaskWeights.of(resource, usage);
        describe(snapshot, weights, byNode);
        return weights;
    }

    /** What was measured, on stderr: said before the plan it led to, so that the log says why a task moved. */
    void report(CommandContext context) {
        report.forEach(context.progress()::step);
    }

    /** Per node, what its tasks use of its capacity and the heaviest of them, with the numbers. */
    private void describe(ClusterSnapshot snapshot, TaskWeights weights, Map<String, List<Task>> byNode) {
        for (Node n : snapshot.nodes()) {
            List<Task> tasks = byNode.getOrDefault(n.id(), List.of());
            if (tasks.isEmpty()) {
                continue;
            }
            double sum = 0;
            List<String> heaviest = new ArrayList<>();
            List<Task> sorted = new ArrayList<>(tasks);
            java.util.function.Function<Task, TaskWeights.Weight> w = t -> weights.of(t.id(), snapshot.service(t.serviceId()).orElse(null));
            sorted.sort(java.util.Comparator.comparingDouble((Task t) -> w.apply(t).value()).reversed());
            for (Task t : sorted) {
                sum += w.apply(t).value();
                if (heaviest.size() < 3) {
                    heaviest.add(TaskFormatter.name(t, snapshot.service(t.serviceId()).orElse(null)) + " " + weights.describe(w.apply(t)));
                }
            }
            report.add(String.format(Locale.ROOT, "%s: %s of %s in use (%.0f %%): %s", n.hostname(), weights.amount(sum),
                    weights.amount(weights.capacity(n)), weights.capacity(n) == 0 ? 0 : 100 * sum / weights.capacity(n),
                    String.join(", ", heaviest)));
        }
    }
}
