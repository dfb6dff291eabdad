package io.swarmops.cli.rebalance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmops.cli.CliRun;
import io.swarmops.ops.SpecUpdates;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.Waits;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Task;
import io.swarmops.sandbox.BusyboxImage;
import io.swarmops.sandbox.SandboxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rebalances on a real 4-node swarm where Swarm's rules bind: placement constraints, max replicas
 * per node, global services. Each run: --dry-run first (nothing changes), then the run with a second
 * thread sampling running tasks per service; afterwards the spread, what restarted, and the rules.
 */
class RebalanceScenariosIT {
    static final List<String> NODES = List.of("node1", "node2", "node3", "node4");
    @RegisterExtension
    static final SandboxExtension sandbox = SandboxExtension.of("rbls", 4, 1).cleaningAfterEach();
    static SwarmGateway g;

    @BeforeAll
    static void up() {
        g = sandbox.gateway();
    }

    static CliRun swarmops(String... args) {
        return CliRun.against(sandbox.host(), args);
    }

    static void availability(String node, String availability) {
        SpecUpdates.updateNode(g, node, SpecUpdates.availability(availability), System.err::println);
    }

    static void create(String... args) {
        List<String> all = new ArrayList<>(List.of("service", "create", "--no-resolve-image"));
        all.addAll(List.of(args));
        all.addAll(List.of(BusyboxImage.NAME, "sleep", "3600"));
        CliRun c = swarmops(all.toArray(String[]::new));
        assertEquals(0, c.code(), c.err());
    }

    /** Running task ID → hostname. */
    static Map<String, String> running() {
        Map<String, String> host = g.nodes().stream().collect(Collectors.toMap(Node::id, Node::hostname));
        Map<String, String> out = new HashMap<>();
        for (Task t : g.tasks(Map.of("desired-state", List.of("running")))) {
            if (t.isRunning()) {
                out.put(t.id(), host.get(t.nodeId()));
            }
        }
        return out;
    }

    static Map<String, List<String>> placement(String service) {
        Map<String, String> host = g.nodes().stream().collect(Collectors.toMap(Node::id, Node::hostname));
        return g.tasks(Map.of("service", List.of(service), "desired-state", List.of("running"))).stream().filter(Task::isRunning)
                .collect(Collectors.groupingBy(t -> host.get(t.nodeId()), Collectors.mapping(Task::id, Collectors.toList())));
    }

    /** Everything --dry-run must leave alone: tasks, and the versions of services and nodes. */
    static String state() {
        return running().keySet().stream().sorted().toList() + " "
                + g.services(Map.of()).stream().map(s -> s.name() + "@" + s.version()).sorted().toList() + " "
                + g.nodes().stream().map(n -> n.hostname() + "@" + n.version() + "/" + n.availability()).sorted().toList();
    }

    record Run(CliRun cli, Map<String, Integer> lowest, double seconds) {
    }

    /** The rebalance, with a second thread noting the fewest running tasks each service had. */
    static Run rebalance(String... args) throws InterruptedException {
        Map<String, String> name = new HashMap<>();
        g.services(Map.of()).forEach(s -> name.put(s.id(), s.name()));
        Map<String, Integer> lowest = new ConcurrentHashMap<>();
        AtomicBoolean done = new AtomicBoolean();
        Thread sampler = new Thread(() -> {
            try (SwarmGateway s = sandbox.swarm().gateway()) {
                while (!done.get()) {
                    Map<String, Integer> now = new HashMap<>();
                    name.values().forEach(n -> now.put(n, 0));
                    for (Task t : s.tasks(Map.of("desired-state", List.of("running")))) {
                        if (t.isRunning() && name.containsKey(t.serviceId())) {
                            now.merge(name.get(t.serviceId()), 1, Integer::sum);
                        }
                    }
                    now.forEach((k, v) -> lowest.merge(k, v, Math::min));
                }
            }
        });
        sampler.start();
        List<String> all = new ArrayList<>(List.of("rebalance", "--yes", "--cooldown", "0s"));
        all.addAll(List.of(args));
        long t0 = System.nanoTime();
        CliRun r = swarmops(all.toArray(String[]::new));
        double seconds = (System.nanoTime() - t0) / 1e9;
        done.set(true);
        sampler.join();
        return new Run(r, lowest, seconds);
    }

    @Test
    void constraintsKeepTasksInTheirZoneWhileTheRestSpreadsOverFourNodes() throws Exception {
        SpecUpdates.updateNode(g, "node1", s -> {
            s.with("Labels").put("zone", "a");
            return s;
        }, System.err::println);
        SpecUpdates.updateNode(g, "node2", s -> {
            s.with("Labels").put("zone", "a");
            return s;
        }, System.err::println);
        List.of("node2", "node3", "node4").forEach(n -> availability(n, "drain"));
        create("--name", "za", "--replicas", "4", "--constraint", "node.labels.zone==a");
        create("--name", "free", "--replicas", "3");
        NODES.forEach(n -> availability(n, "active"));
        Map<String, String> before = running();
        assertEquals(Set.of("node1"), Set.copyOf(before.values()), "7/0/0/0: " + before);
        double spreadBefore = g.snapshot().spread();

        String untouched = state();
        CliRun dry = swarmops("rebalance", "--threshold", "1.0", "--dry-run");
        assertEquals(0, dry.code(), dry.err());
        assertTrue(dry.out().contains("za") && dry.out().contains("free"), dry.out());
        assertEquals(untouched, state(), "--dry-run changes nothing");

        Run run = rebalance("--threshold", "1.0");
        assertEquals(0, run.cli().code(), run.cli().out() + run.cli().err());

        Map<String, String> after = running();
        double spreadAfter = g.snapshot().spread();
        long restarted = before.keySet().stream().filter(id -> !after.containsKey(id)).count();
        System.err.printf("constraints, 4 nodes: spread %.2f -> %.2f, %d of 7 tasks restarted, %.1f s, lowest %s%n%s%n",
                spreadBefore, spreadAfter, restarted, run.seconds(), run.lowest(), run.cli().err());
        assertTrue(spreadAfter <= 1.0, "spread " + spreadAfter + ": " + after);
        assertTrue(Set.of("node1", "node2").containsAll(placement("za").keySet()), "za stays in zone a: " + placement("za"));
        assertTrue(run.lowest().get("za") >= 4 && run.lowest().get("free") >= 3, "never below desired: " + run.lowest());
        int moves = (int) run.cli().err().lines().filter(l -> l.contains("move ")).count();
        assertTrue(restarted <= moves && restarted <= 5, restarted + " restarted for " + moves + " moves");
    }

    @Test
    void twoNodesTiedWithMostTasksEachGiveOneInOneScaleUpAndDown() throws Exception {
        List.of("node3", "node4").forEach(n -> availability(n, "drain"));
        create("--name", "web", "--replicas", "6");
        NODES.forEach(n -> availability(n, "active"));
        Map<String, String> before = running();
        assertEquals(1.5, g.snapshot().spread(), 0.01, "3/3/0/0: " + before);

        Run run = rebalance("--threshold", "1.0");
        assertEquals(0, run.cli().code(), run.cli().out() + run.cli().err());

        Map<String, String> after = running();
        long restarted = before.keySet().stream().filter(id -> !after.containsKey(id)).count();
        Map<String, Long> perNode = after.values().stream().collect(Collectors.groupingBy(h -> h, java.util.TreeMap::new, Collectors.counting()));
        System.err.printf("tied, 4 nodes: spread 1.50 -> %.2f, %d of 6 tasks restarted, %.1f s, lowest %s, %s%n",
                g.snapshot().spread(), restarted, run.seconds(), run.lowest(), perNode);
        assertEquals(List.of(2L, 2L, 2L), List.copyOf(perNode.values()), "one from each of node1 and node2 to one target");
        assertEquals(2, restarted);
        assertTrue(run.lowest().get("web") >= 6, "never below desired: " + run.lowest());
        assertTrue(g.nodes().stream().allMatch(Node::isActive), "node4 paused for the moment, active again");
    }

    @Test
    void maxReplicasPerNodeHoldsAndGlobalTasksStay() throws Exception {
        List.of("node3", "node4").forEach(n -> availability(n, "drain"));
        create("--name", "capped", "--replicas", "3", "--max-replicas", "2");
        create("--name", "agent", "--mode", "global");
        NODES.forEach(n -> availability(n, "active"));
        Waits.until("agent on every node", Duration.ofSeconds(60), s -> { }, () -> placement("agent").size() == 4);
        Map<String, String> before = running();
        List<String> agentBefore = placement("agent").values().stream().flatMap(List::stream).sorted().toList();
        double spreadBefore = g.snapshot().spread();
        assertEquals(0.83, spreadBefore, 0.01, "3/2/1/1: " + before);

        String untouched = state();
        assertEquals(0, swarmops("rebalance", "--threshold", "0.5", "--dry-run").code());
        assertEquals(untouched, state(), "--dry-run changes nothing");

        Run run = rebalance("--threshold", "0.5");
        assertEquals(0, run.cli().code(), run.cli().out() + run.cli().err());

        Map<String, String> after = running();
        double spreadAfter = g.snapshot().spread();
        long restarted = before.keySet().stream().filter(id -> !after.containsKey(id)).count();
        System.err.printf("max replicas + global, 4 nodes: spread %.2f -> %.2f, %d of 7 tasks restarted, %.1f s, lowest %s%n",
                spreadBefore, spreadAfter, restarted, run.seconds(), run.lowest());
        assertTrue(spreadAfter <= 0.5, "spread " + spreadAfter + ": " + after);
        assertEquals(agentBefore, placement("agent").values().stream().flatMap(List::stream).sorted().toList(), "global tasks never move");
        assertTrue(placement("capped").values().stream().allMatch(ids -> ids.size() <= 2), "max 2 per node: " + placement("capped"));
        assertEquals(1, restarted, "one capped task moved from the node with two");
        assertTrue(run.lowest().get("capped") >= 3 && run.lowest().get("agent") >= 4, "never below desired: " + run.lowest());
    }

    @Test
    void whereNoMoveHelpsOneServiceIsForceUpdatedOneTaskAtATime() throws Exception {
        availability("node4", "drain");
        create("--name", "web", "--replicas", "6", "--update-parallelism", "3", "--update-order", "start-first");
        availability("node4", "active");
        Map<String, String> before = running();
        assertEquals(0.87, g.snapshot().spread(), 0.01, "2/2/2/0: " + before);
        String updateConfig = g.service("web").spec().path("UpdateConfig").toString();

        String untouched = state();
        CliRun refused = swarmops("rebalance", "--yes", "--cooldown", "0s", "--threshold", "0.5", "--no-force-fallback");
        assertEquals(1, refused.code(), "still above the threshold: " + refused.err());
        CliRun dry = swarmops("rebalance", "--threshold", "0.5", "--dry-run");
        assertEquals(0, dry.code(), dry.err());
        assertTrue(dry.out().contains("forced update"), dry.out());
        assertEquals(untouched, state(), "neither --no-force-fallback nor --dry-run changed anything");

        Run run = rebalance("--threshold", "0.5");
        assertEquals(0, run.cli().code(), run.cli().out() + run.cli().err());

        Map<String, String> after = running();
        double spreadAfter = g.snapshot().spread();
        long restarted = before.keySet().stream().filter(id -> !after.containsKey(id)).count();
        System.err.printf("forced-update fallback, 4 nodes: spread 0.87 -> %.2f, %d of 6 tasks restarted, %.1f s, lowest %s, %s%n%s%n",
                spreadAfter, restarted, run.seconds(), run.lowest(), placement("web").keySet(), run.cli().err());
        assertTrue(spreadAfter <= 0.5, "spread " + spreadAfter + ": " + after);
        assertTrue(placement("web").containsKey("node4"), "a replacement on the empty node: " + placement("web").keySet());
        assertEquals(6, restarted, "a forced update restarts every task of the service");
        assertTrue(run.lowest().get("web") >= 5, "one task at a time: " + run.lowest());
        assertEquals(updateConfig, g.service("web").spec().path("UpdateConfig").toString(), "its own update config again");
    }
}
