package io.swarmops.recovery.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.SwarmOpsException.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The executor on a fake swarm whose clock moves only when the executor sleeps. */
class QuorumRecoveryTest {
    /** A clock that the sleeper advances, and an action run at a chosen virtual second (a node booting). */
    static final class VirtualTime extends Clock {
        Instant now = Instant.parse("2026-11-24T03:00:00Z");
        final List<Runnable> at = new ArrayList<>();
        final List<Long> when = new ArrayList<>();
        final Instant start = now;

        void schedule(long second, Runnable r) {
            when.add(second);
            at.add(r);
        }

        void sleep(Duration d) {
            now = now.plus(d);
            for (int i = 0; i < at.size(); i++) {
                if (when.get(i) >= 0 && Duration.between(start, now).toSeconds() >= when.get(i)) {
                    when.set(i, -1L);
                    at.get(i).run();
                }
            }
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    final List<String> said = new ArrayList<>();
    final Consumer<String> say = said::add;

    QuorumRecovery recovery(FakeSwarm s, VirtualTime t, List<ManagerView> peers, boolean detach) {
        return new QuorumRecovery(s, () -> peers, Duration.ofSeconds(60), detach, null, say, t, t::sleep);
    }

    static RecoveryPlan plan(FakeSwarm s, int managers) {
        return RecoveryPlan.plan(QuorumProbe.ask("h1", s), List.of(), List.of(), Optional.empty(), managers, null, false);
    }

    @Test
    void forcesANewClusterRecordsTheTargetAndWaitsForTheDownManagersWithoutMakingTheCountEven() {
        FakeSwarm s = FakeSwarm.lostTwoOfThree();
        VirtualTime t = new VirtualTime();
        QuorumRecovery.Result r = recovery(s, t, List.of(), false).run(plan(s, 0));
        assertEquals(List.of("init 198.18.0.11:2377 force=true", "swarm labels 3"), s.writes,
                "one ready worker would make 2 managers: no more tolerance, twice the risk; it is not promoted");
        assertEquals(1, r.reachableManagers());
        assertFalse(r.complete());
        assertTrue(r.problems().get(0).startsWith("1 of 3 managers reachable; down: node2, node3"), r.problems().toString());
        assertTrue(Duration.between(t.start, t.now).toSeconds() >= 60, "waited the timeout for returning managers");
    }

    @Test
    void theSecondRunWaitsForReturningManagersToRejoinByThemselves() {
        FakeSwarm s = FakeSwarm.lostTwoOfThree();
        VirtualTime t = new VirtualTime();
        recovery(s, t, List.of(), true).run(plan(s, 0));
        s.writes.clear();
        RecoveryRecord recorded = RecoveryRecord.of(s.swarm()).orElseThrow();
        assertEquals(3, recorded.managers());
        t.schedule(5, () -> s.nodes.get("n2").ready = true);
        t.schedule(20, () -> s.nodes.get("n3").ready = true);
        RecoveryPlan again = RecoveryPlan.plan(QuorumProbe.ask("h1", s), List.of(), List.of(), Optional.of(recorded), 0, null, false);
        assertFalse(again.forcesNewCluster());
        QuorumRecovery.Result r = recovery(s, t, List.of(), false).run(again);
        assertTrue(r.complete(), r.problems().toString());
        assertEquals(3, r.reachableManagers());
        assertEquals(List.of(), s.writes, "they kept the manager role: nothing to promote");
    }

    @Test
    void formerManagersBackAsWorkersArePromotedFirstToAnOddCount() {
        FakeSwarm s = FakeSwarm.lostTwoOfThree();
        s.swarmInit(io.swarmops.ops.model.Json.object());
        s.nodes.get("n2").role = "worker";
        s.nodes.get("n2").ready = true;
        s.nodes.get("n3").role = "worker";
        s.nodes.get("n3").ready = true;
        s.node("n0", 0, "worker", true, false);
        RecoveryRecord record = new RecoveryRecord(3, List.of("198.18.0.12:2377", "198.18.0.13:2377"));
        s.swarmLabels = record.writeInto(io.swarmops.ops.model.Json.object()).with("Labels");
        s.writes.clear();
        RecoveryPlan p = RecoveryPlan.plan(QuorumProbe.ask("h1", s), List.of(), List.of(), Optional.of(record), 0, null, false);
        QuorumRecovery.Result r = recovery(s, new VirtualTime(), List.of(), false).run(p);
        assertTrue(r.complete(), r.problems().toString());
        assertEquals(List.of("role n2 manager", "role n3 manager"), s.writes, "former managers before node0 and node4");
    }

    @Test
    void pastTheTimeoutADownManagerIsReplacedAndDemotedSoItReturnsAsAWorker() {
        FakeSwarm s = FakeSwarm.lostTwoOfThree().node("n5", 5, "worker", true, false);
        VirtualTime t = new VirtualTime();
        QuorumRecovery.Result r = recovery(s, t, List.of(), false).run(plan(s, 0));
        assertTrue(r.complete(), r.problems().toString());
        assertEquals(List.of("init 198.18.0.11:2377 force=true", "swarm labels 3", "role n2 worker", "role n3 worker",
                "role n4 manager", "role n5 manager"), s.writes);
    }

    @Test
    void aLeaderThatAppearedElsewhereSinceThePlanStopsTheForce() {
        FakeSwarm s = FakeSwarm.lostTwoOfThree();
        RecoveryPlan p = plan(s, 0);
        ManagerView other = QuorumProbe.ask("h2", RecoveryPlanTest.healthy("n2"));
        SwarmOpsException e = assertThrows(SwarmOpsException.class, () -> recovery(s, new VirtualTime(), List.of(other), false).run(p));
        assertEquals(Kind.CONFLICT, e.kind());
        assertEquals(List.of(), s.writes);
    }

    @Test
    void aForceThatTimesOutButTookEffectIsNotRepeated() {
        FakeSwarm s = FakeSwarm.lostTwoOfThree();
        s.initFailure = "context deadline exceeded";
        s.initTakesEffectAnyway = true;
        recovery(s, new VirtualTime(), List.of(), true).run(plan(s, 0));
        assertEquals(1, s.writes.stream().filter(w -> w.startsWith("init")).count(), s.writes.toString());
        assertTrue(said.stream().anyMatch(l -> l.contains("but took effect")), said.toString());
    }

    @Test
    void aForceThatTimedOutWithoutEffectIsTriedAgain() {
        FakeSwarm s = FakeSwarm.lostTwoOfThree();
        s.initFailure = "context deadline exceeded";
        recovery(s, new VirtualTime(), List.of(), true).run(plan(s, 0));
        assertEquals(2, s.writes.stream().filter(w -> w.startsWith("init")).count(), s.writes.toString());
    }

    @Test
    void anAutolockedSwarmSaysToUnlockFirst() {
        FakeSwarm s = FakeSwarm.lostTwoOfThree();
        RecoveryPlan p = plan(s, 0);
        s.initFailure = "swarm is encrypted and needs to be unlocked before it can be used";
        SwarmOpsException e = assertThrows(SwarmOpsException.class, () -> recovery(s, new VirtualTime(), List.of(), true).run(p));
        assertTrue(e.getMessage().contains("docker swarm unlock") && e.getMessage().contains("moby/moby#36852")
                && e.getMessage().contains("restarts"), e.getMessage());
    }

    @Test
    void staleEntriesAreDemotedThenRemoved() {
        FakeSwarm s = FakeSwarm.lostTwoOfThree();
        RecoveryPlan p = RecoveryPlan.plan(QuorumProbe.ask("h1", s), List.of(), List.of(), Optional.empty(), 1, null, true);
        recovery(s, new VirtualTime(), List.of(), true).run(p);
        assertEquals(List.of("init 198.18.0.11:2377 force=true", "swarm labels 1", "role n2 worker", "remove n2", "role n3 worker",
                "remove n3"), s.writes);
    }

    @Test
    void whatABackupHoldsAndTheSwarmLacksIsReportedAfterTheForce() {
        FakeSwarm s = FakeSwarm.lostTwoOfThree();
        s.services.add(io.swarmops.ops.testing.Fixtures.service("s1", "web", 0));
        com.fasterxml.jackson.databind.node.ObjectNode doc = io.swarmops.ops.model.Json.object().put("Format", 1);
        doc.putArray("Services").add(s.services.get(0).spec()).addObject().put("Name", "api");
        doc.putArray("Secrets").addObject().put("Name", "db_password");
        io.swarmops.recovery.backup.WorkloadBackup expected = new io.swarmops.recovery.backup.WorkloadBackup(doc);
        VirtualTime t = new VirtualTime();
        QuorumRecovery.Result r = new QuorumRecovery(s, List::of, Duration.ofSeconds(60), true, expected, say, t, t::sleep).run(plan(s, 1));
        assertEquals(List.of("services in the backup but not in the swarm: api ('swarmops restore' re-creates them)",
                "secrets in the backup but not in the swarm: db_password ('swarmops restore' re-creates them)"), r.problems());
    }
}
