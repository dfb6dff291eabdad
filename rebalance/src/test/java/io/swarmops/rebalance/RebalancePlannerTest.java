package io.swarmops.rebalance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmops.ops.model.Service;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RebalancePlannerTest {
    static RebalancePolicy policy(double threshold) {
        return RebalancePolicy.defaults().withThreshold(threshold);
    }

    /** The seed's measured case: node3 drained while 4 services × 3 replicas were created, 6/6/0. */
    static Snapshots sixSixZero() {
        Snapshots s = new Snapshots().nodes(3);
        for (String name : new String[] {"a", "b", "c", "d"}) {
            Service svc = s.service(name, 3);
            boolean twoOnFirst = name.equals("a") || name.equals("c");
            s.run(svc, twoOnFirst ? new String[] {"node1", "node1", "node2"} : new String[] {"node1", "node2", "node2"});
        }
        return s;
    }

    /**
     * Issue 13's case: 5 nodes, two came back empty. Greedy took api's and web's cheap moves first and
     * was left with a forced update of web's 7 tasks (3 moves + 7 = 10 restarts, seen with the
     * lookahead off); moving api's lone task first keeps web's scale moves possible: 4 moves, 4 restarts.
     */
    @Test
    void looksAheadInsteadOfForcingAnUpdateWhereOneTaskMovesReachTheThreshold() {
        Snapshots s = new Snapshots().nodes(5).label("node2", "zone", "a").label("node5", "zone", "b");
        Service api = s.service("api", 4, spec -> spec.with("TaskTemplate").with("Placement").put("MaxReplicas", 3));
        Service web = s.service("web", 7);
        s.run(api, "node2", "node1", "node2", "node3").run(web, "node1", "node1", "node2", "node1", "node3", "node1", "node2");
        RebalancePlan plan = RebalancePlanner.plan(s.build(), policy(0.5));
        assertTrue(plan.spreadAfter() <= 0.5, plan.toString());
        assertTrue(plan.moves().stream().noneMatch(m -> m.method() == Move.Method.FORCE), "no forced update: " + plan);
        assertEquals(4, plan.moves().size(), "one restart per excess task: " + plan);
    }

    @Test
    void sixSixZeroNeedsFourMovesToNode3ForAnEvenSpread() {
        RebalancePlan plan = RebalancePlanner.plan(sixSixZero().build(), policy(0.5));
        assertEquals(2.828, plan.spreadBefore(), 0.001);
        assertEquals(4, plan.moves().size(), plan.toString());
        assertTrue(plan.moves().stream().allMatch(m -> m.toHostname().equals("node3")), plan.toString());
        assertEquals(0.0, plan.spreadAfter(), 1e-9);
        assertEquals(4, plan.moves().stream().map(Move::serviceName).distinct().count(), "one task of each service");
        for (int i = 1; i < plan.moves().size(); i++) {
            assertTrue(plan.moves().get(i).spreadAfter() <= plan.moves().get(i - 1).spreadAfter());
        }
    }

    @Test
    void fewestMovesToGetUnderTheThreshold() {
        // 6/6/0 → 5/6/1 (2.16) → 5/5/2 (1.41) → 4/5/3 (0.82)
        RebalancePlan two = RebalancePlanner.plan(sixSixZero().build(), policy(2.0));
        assertEquals(2, two.moves().size(), two.toString());
        assertEquals(1.414, two.spreadAfter(), 0.001);
        RebalancePlan three = RebalancePlanner.plan(sixSixZero().build(), policy(1.0));
        assertEquals(3, three.moves().size(), three.toString());
        assertEquals(0.816, three.spreadAfter(), 0.001);
    }

    @Test
    void underTheThresholdPlansNothing() {
        RebalancePlan plan = RebalancePlanner.plan(sixSixZero().build(), policy(3.0));
        assertTrue(plan.moves().isEmpty());
        assertEquals("under threshold", plan.reason());
    }

    @Test
    void constraintsAreHonoured() {
        Snapshots s = new Snapshots().nodes(3).label("node2", "function", "production").label("node1", "function", "production");
        Service pinned = s.service("db", 4, spec -> spec.with("TaskTemplate").with("Placement").putArray("Constraints")
                .add("node.labels.function==production"));
        s.run(pinned, "node1", "node1", "node1", "node2");
        RebalancePlan plan = RebalancePlanner.plan(s.build(), policy(0.1));
        assertTrue(plan.moves().stream().noneMatch(m -> m.toHostname().equals("node3")), plan.toString());
        assertEquals(1, plan.moves().size(), "node1 → node2 only: " + plan);
    }

    @Test
    void maxReplicasPerNodeAndOptOutAndGlobalAreRespected() {
        Snapshots s = new Snapshots().nodes(3);
        Service capped = s.service("capped", 3, spec -> spec.with("TaskTemplate").with("Placement").put("MaxReplicas", 1));
        s.run(capped, "node1", "node2", "node1");
        Service optOut = s.service("pinned", 2, spec -> spec.with("Labels").put(RebalancePolicy.OPT_OUT_LABEL, "false"));
        s.run(optOut, "node1", "node1");
        Service global = s.service("agent", 0, spec -> {
            spec.remove("Mode");
            spec.putObject("Mode").putObject("Global");
        });
        s.run(global, "node1", "node1", "node1");
        RebalancePlan plan = RebalancePlanner.plan(s.build(), policy(0.1));
        assertTrue(plan.moves().stream().noneMatch(m -> m.serviceName().equals("pinned") || m.serviceName().equals("agent")), plan.toString());
        assertTrue(plan.moves().stream().filter(m -> m.serviceName().equals("capped")).allMatch(m -> m.toHostname().equals("node3")), plan.toString());
    }

    @Test
    void reservationsMustFitTheTarget() {
        Snapshots s = new Snapshots().nodes(2);
        long twoGiB = 2L << 30; // the fixture nodes have 2 GiB
        Service big = s.service("big", 2, spec -> spec.with("TaskTemplate").with("Resources").with("Reservations").put("MemoryBytes", twoGiB));
        Service filler = s.service("filler", 1, spec -> spec.with("TaskTemplate").with("Resources").with("Reservations").put("MemoryBytes", 1L << 30));
        s.run(big, "node1", "node1").run(filler, "node2");
        RebalancePlan plan = RebalancePlanner.plan(s.build(), policy(0.1));
        assertTrue(plan.moves().isEmpty(), "node2 has 1 GiB free, big needs 2: " + plan);
    }

    @Test
    void servicesAndExcludeNarrowWhatMoves() {
        RebalancePolicy only = new RebalancePolicy(1.0, RebalancePolicy.Measure.tasks, Set.of("a"), Set.of(), 50, 10, true);
        RebalancePlan plan = RebalancePlanner.plan(sixSixZero().build(), only);
        assertTrue(plan.moves().stream().allMatch(m -> m.serviceName().equals("a")));
        assertEquals(1, plan.moves().size(), "a can move only once (2 on node1 → 1/1/1)");
        RebalancePolicy limited = new RebalancePolicy(1.0, RebalancePolicy.Measure.tasks, Set.of(), Set.of("a"), 2, 10, true);
        RebalancePlan two = RebalancePlanner.plan(sixSixZero().build(), limited);
        assertEquals(2, two.moves().size());
        assertTrue(two.reason().startsWith("move limit"), two.reason());
    }

    @Test
    void memoryMeasureSendsHeavyTasksToTheBigNodes() {
        Snapshots s = new Snapshots().nodes(2);
        Service heavy = s.service("heavy", 2, spec -> spec.with("TaskTemplate").with("Resources").with("Reservations").put("MemoryBytes", 512L << 20));
        s.run(heavy, "node1", "node1");
        RebalancePolicy byMem = new RebalancePolicy(0.1, RebalancePolicy.Measure.memory, Set.of(), Set.of(), 50, 10, true);
        RebalancePlan plan = RebalancePlanner.plan(s.build(), byMem);
        assertEquals(0.25, plan.spreadBefore(), 1e-9, "0.5 and 0 of capacity");
        assertEquals(1, plan.moves().size());
        assertEquals(0.0, plan.spreadAfter(), 1e-9);
    }

    @Test
    void loneTasksAreEvictedAndDoubledOnesScaled() {
        Snapshots s = new Snapshots().nodes(3);
        for (int i = 0; i < 6; i++) {
            s.run(s.service("single" + i, 1), "node1");
        }
        RebalancePlan plan = RebalancePlanner.plan(s.build(), policy(0.5));
        assertEquals(4, plan.moves().size(), plan.toString());
        assertTrue(plan.moves().stream().allMatch(m -> m.method() == Move.Method.EVICT), plan.toString());
        assertEquals(0.0, plan.spreadAfter(), 1e-9, "2/2/2");
        RebalancePlan seed = RebalancePlanner.plan(sixSixZero().build(), policy(0.5));
        assertTrue(seed.moves().stream().anyMatch(m -> m.method() == Move.Method.SCALE), "two of a service on one node: scaled");
    }

    @Test
    void aMoveIsOnlyPlannedWhereSwarmCanBeMadeToMakeIt() {
        assertEquals(Move.Method.SCALE, RebalancePlanner.method(2, 0));
        assertEquals(Move.Method.SCALE, RebalancePlanner.method(3, 1));
        assertEquals(Move.Method.EVICT, RebalancePlanner.method(1, 0));
        assertEquals(null, RebalancePlanner.method(2, 1), "the scale-down could take from either node");
        assertEquals(null, RebalancePlanner.method(1, 1));
    }

    @Test
    void noEvictionForAServiceWithATaskWhereItsConstraintsNoLongerAllow() {
        // node2 lost its label after the task started: a placement change would replace that task too
        Snapshots s = new Snapshots().nodes(3).label("node1", "zone", "a").label("node3", "zone", "a");
        Service svc = s.service("api", 2, spec -> spec.with("TaskTemplate").with("Placement").putArray("Constraints").add("node.labels.zone==a"));
        s.run(svc, "node1", "node2");
        s.run(s.service("pinned", 2, spec -> spec.with("Labels").put(RebalancePolicy.OPT_OUT_LABEL, "false")), "node1", "node1");
        RebalancePlan plan = RebalancePlanner.plan(s.build(), policy(0.1));
        assertTrue(plan.moves().isEmpty(), "api's task on node1 alone would be evictable to node3: " + plan);
    }

    @Test
    void aScaleMoveNeedsTheSourceToBeTheOneNodeWithMostTasksOfTheService() {
        // 3/3/0: after a scale-up to node3 (3/3/1) one scale-down takes from node1 or node2 at random;
        // two new tasks on node3 (3/3/2), then two down, take one from each: a tied group
        Snapshots tied = new Snapshots().nodes(3);
        tied.run(tied.service("web", 6), "node1", "node1", "node1", "node2", "node2", "node2");
        RebalancePlan group = RebalancePlanner.plan(tied.build(), policy(0.5));
        assertEquals(List.of("node1→node3 SCALE_TIED", "node2→node3 SCALE_TIED"),
                group.moves().stream().map(m -> m.fromHostname() + "→" + m.toHostname() + " " + m.method()).toList());
        assertEquals(0.0, group.spreadAfter(), 1e-9);
        assertTrue(RebalancePlanner.plan(tied.build(), new RebalancePolicy(0.5, RebalancePolicy.Measure.tasks, Set.of(), Set.of(), 1, 10, true))
                .moves().isEmpty(), "a group of two does not fit in one move left");

        // 3/2/0 on the active nodes but 3 more on paused node4: the scale-down could take from node4
        Snapshots paused = new Snapshots().nodes(4);
        paused.run(paused.service("api", 8), "node1", "node1", "node1", "node2", "node2", "node4", "node4", "node4");
        paused.nodes.set(3, io.swarmops.ops.testing.Fixtures.withState(paused.nodes.get(3), "ready", "pause"));
        RebalancePlan plan = RebalancePlanner.plan(paused.build(), policy(0.5));
        assertTrue(plan.moves().isEmpty(), "node4 (paused) holds as many as node1: " + plan);

        Snapshots unique = new Snapshots().nodes(3);
        unique.run(unique.service("web", 5), "node1", "node1", "node1", "node2", "node2");
        RebalancePlan one = RebalancePlanner.plan(unique.build(), policy(0.5));
        assertEquals("node1", one.moves().get(0).fromHostname(), one.toString());
        assertEquals(Move.Method.SCALE, one.moves().get(0).method());
    }

    /** 2/2/2/0: no node holds most alone, and three tied nodes would give the target more than they keep. */
    static Snapshots twoTwoTwoZero() {
        Snapshots s = new Snapshots().nodes(4);
        s.run(s.service("web", 6), "node1", "node1", "node2", "node2", "node3", "node3");
        return s;
    }

    @Test
    void whereNoMoveHelpsAForcedUpdateOfOneServiceIsTheFallback() {
        RebalancePlan plan = RebalancePlanner.plan(twoTwoTwoZero().build(), policy(0.5));
        assertEquals(0.866, plan.spreadBefore(), 0.001);
        assertEquals(1, plan.moves().size(), plan.toString());
        Move m = plan.moves().get(0);
        assertEquals(Move.Method.FORCE, m.method(), plan.toString());
        assertEquals("node4", m.toHostname(), "the replacements even out the service: one lands on the empty node");
        assertEquals(0.5, plan.spreadAfter(), 1e-9);

        RebalancePlan without = RebalancePlanner.plan(twoTwoTwoZero().build(), policy(0.5).withForceFallback(false));
        assertTrue(without.moves().isEmpty(), without.toString());
        assertEquals("no improving move", without.reason());
    }

    @Test
    void aForcedUpdateIsNotPlannedForALoneTaskNorOverTheMoveLimit() {
        Snapshots s = new Snapshots().nodes(4);
        s.run(s.service("web", 6), "node1", "node1", "node2", "node2", "node3", "node3");
        RebalancePlan limited = RebalancePlanner.plan(s.build(), new RebalancePolicy(0.5, RebalancePolicy.Measure.tasks, Set.of(), Set.of(), 0, 10, true));
        assertTrue(limited.moves().isEmpty(), limited.toString());

        // api's only task runs where its constraint no longer allows (no eviction then), x is pinned:
        // only a forced update of api would help, and it would leave api without a task for a moment
        Snapshots solo = new Snapshots().nodes(2).label("node2", "zone", "a");
        solo.run(solo.service("api", 1, spec -> spec.with("TaskTemplate").with("Placement").putArray("Constraints").add("node.labels.zone==a")),
                "node1");
        solo.run(solo.service("x", 1, spec -> spec.with("TaskTemplate").with("Placement").putArray("Constraints").add("node.hostname==node1")),
                "node1");
        RebalancePlan plan = RebalancePlanner.plan(solo.build(), policy(0.5));
        assertEquals("no improving move", plan.reason(), plan.toString());
        assertTrue(plan.moves().stream().noneMatch(m -> m.method() == Move.Method.FORCE), "a lone task is never forced: " + plan);
    }
}
