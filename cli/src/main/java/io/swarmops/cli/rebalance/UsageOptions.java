package io.swarmops.cli.rebalance;

import io.swarmops.cli.CommandContext;
import io.swarmops.cli.DurationConverter;
import io.swarmops.cli.node.NodeAccess;
import io.swarmops.ops.model.ClusterSnapshot;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Task;
import io.swarmops.ops.nodes.TaskUsage;
import io.swarmops.ops.nodes.UsageMeter;
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

    /**
     * Measures the running tasks of the snapshot. A node that does not answer in time is one line on
     * stderr; its tasks weigh what they have instead of a measure (their service's, a reservation).
     */
    TaskWeights measure(CommandContext context, ClusterSnapshot snapshot, TaskWeights.Resource resource) {
        Map<String, List<Task>> byNode = snapshot.tasks().stream().filter(t -> t.isRunning() && t.desiredRunning())
                .collect(Collectors.groupingBy(Task::nodeId));
        List<Node> measured = snapshot.nodes().stream().filter(n -> byNode.containsKey(n.id())).toList();
        nodes.check(snapshot.nodes());
        context.progress().step("measuring " + byNode.values().stream().mapToInt(List::size).sum() + " tasks' "
                + resource.name().toLowerCase(Locale.ROOT) + " use on " + measured.size() + " nodes over " + DurationConverter.format(window));
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
        return TaskWeights.of(resource, usage);
    }
}
