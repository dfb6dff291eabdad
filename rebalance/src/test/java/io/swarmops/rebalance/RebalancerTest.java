package io.swarmops.rebalance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Node;
import io.swarmops.rebalance.testing.FakeSwarm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The executor on an in-memory swarm that places and removes tasks by swarmkit's rules. */
class RebalancerTest {
    static final List<String> SERVICES = List.of("a", "b", "c", "d");

    /** The seed's case: node3 drained while 4 services × 3 replicas are created, then made active. */
    static FakeSwarm sixSixZero(long seed) {
        FakeSwarm swarm = new FakeSwarm(seed).addNode("node1").addNode("node2").addNode("node3").availability("node3", "drain");
        SERVICES.forEach(n -> swarm.replicated(n, 3));
        return swarm.availability("node3", "active");
    }

    static Rebalancer.Outcome rebalance(FakeSwarm swarm, double threshold, List<String> said) {
        RebalancePolicy policy = RebalancePolicy.defaults().withThreshold(threshold);
        Rebalancer rebalancer = new Rebalancer(swarm, Duration.ofSeconds(1), said::add);
        try (RebalanceLock lock = RebalanceLock.acquire(swarm, "test", Duration.ofMinutes(15), rebalancer::undo)) {
            return rebalancer.run(policy, lock);
        }
    }

    @Test
    void sixSixZeroEndsBalancedRestartingOnlyTheMovedTasksWhateverSwarmsCoinSays() {
        for (long seed = 1; seed <= 25; seed++) {
            FakeSwarm swarm = sixSixZero(seed);
            assertEquals(Map.of("node1", 6, "node2", 6, "node3", 0), swarm.runningPerNode(), "seed " + seed);
            Set<String> before = swarm.runningTaskIds();

            Rebalancer.Outcome outcome = rebalance(swarm, 1.0, new ArrayList<>());

            long kept = swarm.runningTaskIds().stream().filter(before::contains).count();
            assertTrue(outcome.spreadAfter() <= 1.0, "seed " + seed + ": " + swarm.runningPerNode());
            assertEquals(12 - outcome.moves(), kept, "seed " + seed + ": only moved tasks restart");
            assertTrue(outcome.moves() <= 4, "seed " + seed + ": " + outcome);
            for (String s : SERVICES) {
                assertTrue(swarm.lowestRunning(s) >= 3, "seed " + seed + ": " + s + " ran " + swarm.lowestRunning(s));
                assertEquals(3, swarm.service(s).replicas());
            }
            assertTrue(swarm.nodes().stream().allMatch(Node::isActive), "every paused node is active again");
            assertTrue(swarm.configs(Map.of()).isEmpty(), "the lock is released");
        }
    }

    /**
     * A service created while the run goes on makes the swarm differ from the plan after the first move:
     * the rest is planned again, and the moves made count against the per-node limit across plans.
     */
    @Test
    void theMovesPerNodeLimitHoldsAcrossTheReplansOfOneRun() {
        for (long seed = 1; seed <= 5; seed++) {
            FakeSwarm swarm = sixSixZero(seed);
            List<String> said = new ArrayList<>();
            RebalancePolicy policy = new RebalancePolicy(0.5, RebalancePolicy.Measure.tasks, Set.of(), Set.of(), 20, 2, true);
            Rebalancer rebalancer = new Rebalancer(swarm, Duration.ofSeconds(1), line -> {
                said.add(line);
                if (line.startsWith("move 1:")) {
                    swarm.replicated("late", 1);
                }
            });
            try (RebalanceLock lock = RebalanceLock.acquire(swarm, "test", Duration.ofMinutes(15), rebalancer::undo)) {
                rebalancer.run(policy, lock);
            }
            List<String> moves = said.stream().filter(l -> l.startsWith("move ")).toList();
            assertTrue(moves.size() >= 2, "seed " + seed + ": " + said);
            assertEquals(2, moves.stream().filter(l -> l.contains(" to node3 ")).count(), "seed " + seed + ": two moves into node3, not more: " + said);
        }
    }

    @Test
    void loneTasksAreMovedByAPlacementChangeThatIsThenTakenBack() {
        FakeSwarm swarm = new FakeSwarm(7).addNode("node1").addNode("node2").addNode("node3")
                .availability("node2", "drain").availability("node3", "drain");
        for (int i = 0; i < 6; i++) {
            swarm.replicated("solo" + i, 1);
        }
        swarm.availability("node2", "active").availability("node3", "active");
        Set<String> before = swarm.runningTaskIds();

        Rebalancer.Outcome outcome = rebalance(swarm, 0.5, new ArrayList<>());

        assertEquals(Map.of("node1", 2, "node2", 2, "node3", 2), swarm.runningPerNode());
        assertEquals(4, outcome.moves());
        assertEquals(2, swarm.runningTaskIds().stream().filter(before::contains).count(), "only the 4 moved tasks restarted");
        for (int i = 0; i < 6; i++) {
            assertTrue(swarm.lowestRunning("solo" + i) >= 1, "start-first: solo" + i + " never stopped");
            var spec = swarm.service("solo" + i).spec();
            assertEquals(0, spec.path("TaskTemplate").path("Placement").path("Constraints").size(), "the placement is its own again");
            assertTrue(spec.path("UpdateConfig").isMissingNode(), "and its update config");
        }
    }

    @Test
    void nodesTiedWithMostTasksEachGiveOneToTheTargetInOneScaleUpAndDown() {
        for (long seed = 1; seed <= 10; seed++) {
            FakeSwarm swarm = new FakeSwarm(seed).addNode("node1").addNode("node2").addNode("node3").addNode("node4")
                    .availability("node3", "drain").availability("node4", "drain");
            swarm.replicated("web", 6);
            swarm.availability("node3", "active").availability("node4", "active");
            assertEquals(List.of("node1", "node1", "node1", "node2", "node2", "node2"), swarm.placement("web"));
            Set<String> before = swarm.runningTaskIds();

            Rebalancer.Outcome outcome = rebalance(swarm, 1.0, new ArrayList<>());

            assertEquals(List.of("node1", "node1", "node2", "node2", "node3", "node3"), swarm.placement("web"), "seed " + seed);
            assertEquals(2, outcome.moves());
            assertEquals(4, swarm.runningTaskIds().stream().filter(before::contains).count(), "two tasks restarted, both moved");
            assertTrue(swarm.lowestRunning("web") >= 6);
            assertTrue(swarm.writes().contains("node node4: availability pause"), "node4 would outrank node3 for the second task");
            assertTrue(swarm.nodes().stream().allMatch(Node::isActive));
        }
    }

    @Test
    void whereNoMoveHelpsOneServiceIsForceUpdatedOneTaskAtATimeAndKeepsItsOwnUpdateConfig() {
        for (long seed = 1; seed <= 10; seed++) {
            FakeSwarm swarm = new FakeSwarm(seed).addNode("node1").addNode("node2").addNode("node3").addNode("node4")
                    .availability("node4", "drain");
            swarm.replicated("web", 6, spec -> spec.putObject("UpdateConfig").put("Parallelism", 3).put("Order", "start-first")
                    .put("Delay", 5_000_000_000L));
            swarm.availability("node4", "active");
            assertEquals(List.of("node1", "node1", "node2", "node2", "node3", "node3"), swarm.placement("web"));
            String updateConfig = swarm.service("web").spec().path("UpdateConfig").toString();
            Set<String> before = swarm.runningTaskIds();
            List<String> said = new ArrayList<>();

            Rebalancer.Outcome outcome = rebalance(swarm, 0.5, said);

            assertTrue(outcome.spreadAfter() <= 0.5, "seed " + seed + ": " + swarm.runningPerNode() + " " + said);
            assertTrue(swarm.placement("web").contains("node4"), "seed " + seed + ": " + swarm.placement("web"));
            assertTrue(swarm.writes().contains("service web: force-update"), swarm.writes().toString());
            assertTrue(said.stream().anyMatch(l -> l.contains("forced update of web")), said.toString());
            assertTrue(swarm.runningTaskIds().stream().noneMatch(before::contains), "every task of web restarted");
            assertTrue(swarm.lowestRunning("web") >= 5, "one task at a time: " + swarm.lowestRunning("web"));
            assertEquals(updateConfig, swarm.service("web").spec().path("UpdateConfig").toString(), "its own update config again");
            assertTrue(swarm.configs(Map.of()).isEmpty(), "the lock is released");
        }
    }

    @Test
    void aForcedUpdateThatPausesEndsTheRunWithTheDaemonsMessageAndTheUpdateConfigComesBack() {
        FakeSwarm swarm = new FakeSwarm(5) {
            @Override
            public void updateService(String id, long version, com.fasterxml.jackson.databind.node.ObjectNode spec,
                    io.swarmops.ops.RegistryAuth auth, boolean rollback, java.util.function.Consumer<String> warnings) {
                super.updateService(id, version, spec, auth, rollback, warnings);
                if (writes().get(writes().size() - 1).endsWith("force-update")) {
                    services.find(id).putObject("UpdateStatus").put("State", "paused").put("Message", "update paused due to failure");
                }
            }
        };
        swarm.addNode("node1").addNode("node2").addNode("node3").addNode("node4").availability("node4", "drain");
        swarm.replicated("web", 6, spec -> spec.putObject("UpdateConfig").put("Parallelism", 2).put("Order", "start-first"));
        swarm.availability("node4", "active");
        String updateConfig = swarm.service("web").spec().path("UpdateConfig").toString();

        SwarmOpsException e = assertThrows(SwarmOpsException.class, () -> rebalance(swarm, 0.5, new ArrayList<>()));

        assertTrue(e.getMessage().contains("the forced update of web stopped: paused: update paused due to failure"), e.getMessage());
        assertEquals(updateConfig, swarm.service("web").spec().path("UpdateConfig").toString(), "its own update config again");
        assertTrue(swarm.configs(Map.of()).isEmpty(), "the lock is released: nothing left to undo");
    }

    @Test
    void noForcedUpdateWhenThePolicyForbidsIt() {
        FakeSwarm swarm = new FakeSwarm(3).addNode("node1").addNode("node2").addNode("node3").addNode("node4").availability("node4", "drain");
        swarm.replicated("web", 6);
        swarm.availability("node4", "active");
        Rebalancer rebalancer = new Rebalancer(swarm, Duration.ofSeconds(1), line -> { });
        Rebalancer.Outcome outcome;
        try (RebalanceLock lock = RebalanceLock.acquire(swarm, "test", Duration.ofMinutes(15), rebalancer::undo)) {
            outcome = rebalancer.run(RebalancePolicy.defaults().withThreshold(0.5).withForceFallback(false), lock);
        }
        assertEquals(0, outcome.moves());
        assertEquals("no improving move", outcome.note());
        assertEquals(List.of("node1", "node1", "node2", "node2", "node3", "node3"), swarm.placement("web"));
    }

    @Test
    void aLockIsStaleOnlyLongAfterItsLastJournalWrite() {
        FakeSwarm swarm = new FakeSwarm(1).addNode("node1");
        long now = java.time.Instant.now().getEpochSecond();
        com.fasterxml.jackson.databind.node.ObjectNode lock = io.swarmops.ops.model.Json.object().put("Name", RebalanceLock.NAME);
        lock.putObject("Labels").put(RebalanceLock.OWNER, "long run").put(RebalanceLock.STARTED, String.valueOf(now - 7200))
                .put(RebalanceLock.HEARTBEAT, String.valueOf(now - 60));
        swarm.createConfig(lock);
        SwarmOpsException busy = assertThrows(SwarmOpsException.class,
                () -> RebalanceLock.acquire(swarm, "cron", Duration.ofMinutes(15), j -> { }));
        assertTrue(busy.getMessage().contains("another rebalance is running (long run"), busy.getMessage());

        lock.with("Labels").put(RebalanceLock.HEARTBEAT, String.valueOf(now - 1800));
        swarm.updateConfig(swarm.config(RebalanceLock.NAME).id(), swarm.config(RebalanceLock.NAME).version(), lock);
        try (RebalanceLock taken = RebalanceLock.acquire(swarm, "cron", Duration.ofMinutes(15), j -> { })) {
            assertEquals("cron", swarm.config(RebalanceLock.NAME).labels().get(RebalanceLock.OWNER), "silent for 30 min: stale, taken over");
        }
    }

    @Test
    void aFailedScaleUpPutsAvailabilityAndReplicasBack() {
        FakeSwarm swarm = new FakeSwarm(3).addNode("node1").addNode("node2").addNode("node3")
                .availability("node2", "drain").availability("node3", "drain");
        swarm.replicated("web", 4);
        swarm.availability("node2", "active").availability("node3", "active");
        swarm.failOnce(w -> w.equals("service web: replicas 5"));

        assertThrows(SwarmOpsException.class, () -> rebalance(swarm, 0.5, new ArrayList<>()));

        assertTrue(swarm.nodes().stream().allMatch(Node::isActive), "the paused competitor is active again: " + swarm.writes());
        assertEquals(4, swarm.service("web").replicas());
        assertTrue(swarm.configs(Map.of()).isEmpty(), "nothing left to put back: the lock is released");
    }

    @Test
    void aScaleDownThatFailsOnceIsRetriedAtOnceAndTheLockReleased() {
        FakeSwarm swarm = new FakeSwarm(3).addNode("node1").addNode("node2").addNode("node3")
                .availability("node2", "drain").availability("node3", "drain");
        swarm.replicated("web", 4);
        swarm.availability("node2", "active").availability("node3", "active");
        swarm.failOnce(w -> w.equals("service web: replicas 4"));

        SwarmOpsException e = assertThrows(SwarmOpsException.class, () -> rebalance(swarm, 0.5, new ArrayList<>()));

        assertTrue(e.getMessage().contains("injected failure"), e.getMessage());
        assertEquals(4, swarm.service("web").replicas(), "the undo's own try scaled it back: " + swarm.writes());
        assertTrue(swarm.configs(Map.of()).isEmpty(), "nothing left to put back: the lock is released");
    }

    /**
     * SIGTERM's hook stops the run as the scale-up is written: the run's own thread puts the move
     * back (availability, replicas), makes no other change, releases the lock and says Interrupted.
     */
    @Test
    void aRunStoppedHalfWayThroughAMovePutsItBackItselfAndChangesNothingElse() {
        FakeSwarm swarm = new FakeSwarm(3).addNode("node1").addNode("node2").addNode("node3")
                .availability("node2", "drain").availability("node3", "drain");
        swarm.replicated("web", 4);
        swarm.availability("node2", "active").availability("node3", "active");
        Rebalancer rebalancer = new Rebalancer(swarm, Duration.ofSeconds(1), s -> { });
        swarm.failAlways(w -> {
            if (w.equals("service web: replicas 5")) {
                rebalancer.stop();
            }
            return false;
        });
        RebalanceLock lock = RebalanceLock.acquire(swarm, "test", Duration.ofMinutes(15), rebalancer::undo);

        assertThrows(Rebalancer.Interrupted.class, () -> rebalancer.run(RebalancePolicy.defaults().withThreshold(0.5), lock));
        lock.close();

        List<String> writes = swarm.writes().stream().filter(w -> !w.startsWith("config ")).toList();
        List<String> afterStop = writes.subList(writes.indexOf("service web: replicas 5") + 1, writes.size());
        assertEquals(List.of("service web: replicas 4"), afterStop.stream().filter(w -> w.startsWith("service ")).toList(), writes.toString());
        assertTrue(afterStop.stream().noneMatch(w -> w.contains("pause")), "nothing paused after the stop: " + writes);
        assertEquals(4, swarm.service("web").replicas());
        assertTrue(swarm.nodes().stream().allMatch(Node::isActive), writes.toString());
        assertTrue(swarm.configs(Map.of()).isEmpty(), "the lock released: nothing is half made");
    }

    @Test
    void aRunThatDiesAfterTheScaleUpLeavesItsJournalAndTheNextRunPutsTheServiceBack() {
        FakeSwarm swarm = new FakeSwarm(3).addNode("node1").addNode("node2").addNode("node3")
                .availability("node2", "drain").availability("node3", "drain");
        swarm.replicated("web", 4);
        swarm.availability("node2", "active").availability("node3", "active");
        swarm.failAlways(w -> w.equals("service web: replicas 4")); // the daemon is gone when the scale-down is due

        Rebalancer dying = new Rebalancer(swarm, Duration.ofSeconds(1), s -> { });
        RebalanceLock held = RebalanceLock.acquire(swarm, "first run", Duration.ofMinutes(15), dying::undo);
        assertThrows(SwarmOpsException.class, () -> dying.run(RebalancePolicy.defaults().withThreshold(0.5), held));
        held.close();
        swarm.failAlways(w -> false); // the daemon is back
        assertEquals(5, swarm.service("web").replicas(), "left scaled up");
        assertTrue(RebalanceLock.journalOf(swarm.config(RebalanceLock.NAME)).isPresent(), "the lock stays, with the journal");

        SwarmOpsException busy = assertThrows(SwarmOpsException.class,
                () -> RebalanceLock.acquire(swarm, "second run", Duration.ofMinutes(15), j -> { }));
        assertEquals(SwarmOpsException.Kind.CONFLICT, busy.kind());
        assertTrue(busy.getMessage().contains("first run"), busy.getMessage());

        List<String> said = new ArrayList<>();
        Rebalancer next = new Rebalancer(swarm, Duration.ofSeconds(1), said::add);
        try (RebalanceLock lock = RebalanceLock.acquire(swarm, "later run", Duration.ZERO, next::undo)) {
            assertEquals(4, swarm.service("web").replicas(), "the stale lock's journal was undone first: " + said);
        }
        assertTrue(swarm.nodes().stream().allMatch(Node::isActive));
        assertTrue(swarm.configs(Map.of()).isEmpty());
    }
}
