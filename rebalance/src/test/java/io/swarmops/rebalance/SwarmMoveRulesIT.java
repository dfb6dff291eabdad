package io.swarmops.rebalance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmops.ops.SpecUpdates;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.Waits;
import io.swarmops.ops.model.Task;
import io.swarmops.sandbox.SandboxExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rules of Swarm the rebalance's moves stand on (SWARM-FACTS.md), pinned on a real swarm:
 * a scale-up places on the node with fewest tasks of the service, a paused node takes none; a
 * scale-down removes from the node with most; a placement-only change replaces only the tasks on
 * nodes that no longer satisfy it, and taking it back replaces nothing.
 */
class SwarmMoveRulesIT {
    @RegisterExtension
    static final SandboxExtension sandbox = SandboxExtension.of("rblr", 3, 1).cleaningAfterEach();
    static SwarmGateway g;

    @BeforeAll
    static void up() {
        g = sandbox.gateway();
    }

    static List<Task> running(String serviceId) {
        return g.tasks(Map.of("service", List.of(serviceId), "desired-state", List.of("running"))).stream().filter(Task::isRunning).toList();
    }

    /** Task IDs per hostname. */
    static Map<String, Set<String>> placement(String serviceId) {
        Map<String, String> host = new HashMap<>();
        g.nodes().forEach(n -> host.put(n.id(), n.hostname()));
        return running(serviceId).stream().collect(Collectors.groupingBy(t -> host.get(t.nodeId()),
                Collectors.mapping(Task::id, Collectors.toSet())));
    }

    static void availability(String node, String availability) {
        SpecUpdates.updateNode(g, node, SpecUpdates.availability(availability), System.err::println);
    }

    static void scale(String id, long replicas) {
        SpecUpdates.updateService(g, id, s -> {
            s.with("Mode").with("Replicated").put("Replicas", replicas);
            return s;
        }, null, w -> { });
    }

    @Test
    void scaleUpAvoidsPausedNodesAndPicksFewestOfTheServiceScaleDownTakesFromMost() {
        availability("node2", "pause");
        availability("node3", "pause");
        String id = g.createService(SandboxExtension.sleeper("rules-scale", 2), null, w -> { });
        sandbox.awaitRunning(id, 2);
        assertEquals(Set.of("node1"), placement(id).keySet(), "paused nodes take no new task");
        availability("node2", "active");
        Map<String, Set<String>> before = placement(id);

        scale(id, 3);
        sandbox.awaitRunning(id, 3);
        Map<String, Set<String>> up = placement(id);
        assertEquals(1, up.getOrDefault("node2", Set.of()).size(), "new task on the active node with none of the service: " + up);
        assertEquals(before.get("node1"), up.get("node1"), "node1's tasks untouched");
        assertTrue(!up.containsKey("node3"), "paused node3 took nothing: " + up);

        scale(id, 2);
        sandbox.awaitRunning(id, 2);
        Map<String, Set<String>> down = placement(id);
        assertEquals(up.get("node2"), down.get("node2"), "the scale-down kept the task on node2 (1 of the service)");
        assertEquals(1, down.get("node1").size(), "and removed one from node1 (2 of the service): " + down);
        assertTrue(up.get("node1").containsAll(down.get("node1")));
    }

    @Test
    void aPlacementOnlyChangeReplacesOnlyTheTasksThatNoLongerFitAndTakingItBackReplacesNothing() throws Exception {
        availability("node3", "drain");
        String id = g.createService(SandboxExtension.sleeper("rules-evict", 2), null, w -> { });
        sandbox.awaitRunning(id, 2);
        availability("node3", "active");
        Map<String, Set<String>> before = placement(id);
        assertEquals(Set.of("node1", "node2"), before.keySet(), "spread over the two active nodes: " + before);
        String node1 = g.node("node1").id();

        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger lowest = new AtomicInteger(Integer.MAX_VALUE);
        Thread sampler = new Thread(() -> {
            while (!done.get()) {
                lowest.accumulateAndGet(running(id).size(), Math::min);
            }
        });
        sampler.start();
        try {
            SpecUpdates.updateService(g, id, s -> {
                s.with("TaskTemplate").with("Placement").withArray("Constraints").add("node.id!=" + node1);
                s.with("UpdateConfig").put("Order", "start-first").put("Parallelism", 1);
                return s;
            }, null, w -> { });
            Waits.until("node1's task replaced", Duration.ofSeconds(60), s -> { },
                    () -> !placement(id).containsKey("node1") && g.tasks(Map.of("service", List.of(id), "desired-state", List.of("running"))).size() == 2);
            sandbox.awaitRunning(id, 2);
        } finally {
            done.set(true);
            sampler.join();
        }
        Map<String, Set<String>> moved = placement(id);
        assertEquals(before.get("node2"), moved.get("node2"), "the task on node2 still satisfies the placement: kept");
        assertEquals(1, moved.getOrDefault("node3", Set.of()).size(), "node1's task replaced on node3 (none of the service): " + moved);
        assertTrue(lowest.get() >= 2, "start-first: never fewer than 2 running, saw " + lowest.get());

        SpecUpdates.updateService(g, id, s -> {
            // an empty Placement, not none: dockerd 20.10's updater dereferences a nil Placement when
            // only the placement changed and crashes the manager (moby/moby#37883, swarmkit#2947)
            s.with("TaskTemplate").putObject("Placement");
            s.remove("UpdateConfig");
            return s;
        }, null, w -> { });
        Waits.until("the update to end", Duration.ofSeconds(60), s -> { }, () -> !g.service(id).updateInProgress());
        Thread.sleep(2000); // a replacement would show within the scheduler's tick
        assertEquals(moved, placement(id), "taking the constraint back replaces nothing");
    }
}
