package io.swarmops.cli.rebalance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmops.cli.CliRun;
import io.swarmops.ops.SpecUpdates;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.Waits;
import io.swarmops.ops.model.ClusterSnapshot;
import io.swarmops.ops.model.Task;
import io.swarmops.sandbox.BusyboxImage;
import io.swarmops.sandbox.SandboxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 13's bar on a real 5-node swarm: two nodes came back empty (drained while the services were
 * created), with a zone constraint, max replicas per node, a pinned and a global service. The
 * rebalance reaches the threshold restarting as many tasks as single moves from the fullest node to
 * the emptiest would take (the excess), and no forced update.
 */
class RebalanceFiveNodesIT {
    static final List<String> NODES = List.of("node1", "node2", "node3", "node4", "node5");
    @RegisterExtension
    static final SandboxExtension sandbox = SandboxExtension.of("rbl5", 5, 1);
    static String host;
    static SwarmGateway g;

    @BeforeAll
    static void up() {
        host = sandbox.host();
        g = sandbox.gateway();
    }

    static void create(String... args) {
        List<String> all = new ArrayList<>(List.of("service", "create", "--no-resolve-image"));
        all.addAll(List.of(args));
        all.addAll(List.of(BusyboxImage.NAME, "sleep", "3600"));
        CliRun c = CliRun.against(host, all.toArray(String[]::new));
        assertEquals(0, c.code(), c.err());
    }

    static Set<String> running() {
        return g.tasks(Map.of("desired-state", List.of("running"))).stream().filter(Task::isRunning).map(Task::id).collect(Collectors.toSet());
    }

    /** Single tasks moved from the fullest eligible node to the emptiest until the spread is under the threshold. */
    static int excess(ClusterSnapshot s, double threshold) {
        int[] load = s.runningTasksPerNode(ClusterSnapshot::eligible).values().stream().mapToInt(Integer::intValue).toArray();
        int k = 0;
        while (ClusterSnapshot.populationStdDev(Arrays.stream(load).boxed().toList()) > threshold) {
            int hi = 0;
            int lo = 0;
            for (int i = 0; i < load.length; i++) {
                hi = load[i] > load[hi] ? i : hi;
                lo = load[i] < load[lo] ? i : lo;
            }
            load[hi]--;
            load[lo]++;
            k++;
        }
        return k;
    }

    @Test
    void reachesTheThresholdRestartingOnlyTheExcessTasks() {
        for (String n : List.of("node1", "node2", "node4")) {
            SpecUpdates.updateNode(g, n, s -> {
                s.with("Labels").put("zone", "a");
                return s;
            }, System.err::println);
        }
        List.of("node4", "node5").forEach(n -> SpecUpdates.updateNode(g, n, SpecUpdates.availability("drain"), System.err::println));
        create("--name", "pinned", "--replicas", "2", "--constraint", "node.hostname==node1");
        create("--name", "agent", "--mode", "global");
        create("--name", "za", "--replicas", "3", "--constraint", "node.labels.zone==a");
        create("--name", "web", "--replicas", "6", "--replicas-max-per-node", "2");
        create("--name", "api", "--replicas", "4");
        Waits.until("19 tasks running", Duration.ofMinutes(4), s -> { }, () -> running().size() == 2 + 3 + 3 + 6 + 4);
        List.of("node4", "node5").forEach(n -> SpecUpdates.updateNode(g, n, SpecUpdates.availability("active"), System.err::println));
        Waits.until("the agent on all 5 nodes", Duration.ofMinutes(3), s -> { }, () -> running().size() == 20);

        ClusterSnapshot before = g.snapshot();
        double threshold = 1.0;
        int excess = excess(before, threshold);
        Set<String> tasksBefore = running();
        long t0 = System.nanoTime();
        CliRun run = CliRun.against(host, "rebalance", "--yes", "--cooldown", "0s", "--threshold", String.valueOf(threshold));
        double seconds = (System.nanoTime() - t0) / 1e9;
        ClusterSnapshot after = g.snapshot();
        Set<String> tasksAfter = running();
        long restarted = tasksBefore.stream().filter(id -> !tasksAfter.contains(id)).count();
        System.err.printf("5 nodes: spread %.2f -> %.2f, %d of %d tasks restarted (excess %d), %.1f s%n%s%s%n", before.spread(),
                after.spread(), restarted, tasksBefore.size(), excess, seconds, run.out(), run.err());
        assertEquals(0, run.code(), run.out() + run.err());
        assertTrue(after.spread() <= threshold, "spread " + after.spread());
        assertTrue(run.err().lines().noneMatch(l -> l.contains("forced update")), run.err());
        assertEquals(excess, restarted, "one restart per excess task: " + run.err());
    }
}
