package io.swarmops.recovery.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.SwarmOpsException.Kind;
import io.swarmops.ops.testing.StubGateway;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The refusals and the plans of {@code quorum recover}, from what fake daemons answer. */
class RecoveryPlanTest {
    static ManagerView ask(FakeSwarm s) {
        return QuorumProbe.ask("h" + s.selfId, s);
    }

    static RecoveryPlan plan(ManagerView local, List<ManagerView> others) {
        return RecoveryPlan.plan(local, others, List.of(), Optional.empty(), 0, null, false);
    }

    static FakeSwarm healthy(String self) {
        FakeSwarm s = new FakeSwarm(self).node("n1", 1, "manager", true, true).node("n2", 2, "manager", true, true)
                .node("n3", 3, "manager", true, true).node("n4", 4, "worker", true, false);
        s.nodes.get("n1").leader = true;
        s.leaderAnswers = true;
        return s;
    }

    static ManagerView unreachable(String host) {
        return new ManagerView(host, null, null, new SwarmOpsException(Kind.UNREACHABLE, "cannot connect to " + host));
    }

    @Test
    void aHealthyClusterIsNotReinitialised() {
        RecoveryPlan plan = plan(ask(healthy("n1")), List.of());
        assertTrue(plan.empty(), plan.toString());
        assertEquals(QuorumStatus.Verdict.HEALTHY, plan.status().verdict());
    }

    @Test
    void aWorkerRefusesAndNamesTheManagersItKnows() {
        SwarmOpsException e = assertThrows(SwarmOpsException.class, () -> plan(ask(healthy("n4")), List.of()));
        assertEquals(Kind.NOT_A_MANAGER, e.kind());
        assertTrue(e.getMessage().contains("198.18.0.11:2377"), e.getMessage());
    }

    @Test
    void anUnreachableDaemonRefuses() {
        SwarmOpsException e = assertThrows(SwarmOpsException.class, () -> plan(unreachable("h1"), List.of()));
        assertEquals(Kind.UNREACHABLE, e.kind());
    }

    @Test
    void aManagerThatCanStillSeeALeaderElsewhereStopsIt() {
        FakeSwarm cutOff = FakeSwarm.lostTwoOfThree();
        ManagerView other = ask(healthy("n2"));
        SwarmOpsException e = assertThrows(SwarmOpsException.class, () -> plan(ask(cutOff), List.of(unreachable("h3"), other)));
        assertEquals(Kind.CONFLICT, e.kind());
        assertTrue(e.getMessage().contains("hn2 still sees a leader"), e.getMessage());
    }

    @Test
    void aLockedManagerMustBeUnlockedFirst() {
        FakeSwarm s = FakeSwarm.lostTwoOfThree();
        s.locked = true;
        SwarmOpsException e = assertThrows(SwarmOpsException.class, () -> plan(ask(s), List.of()));
        assertTrue(e.getMessage().contains("docker swarm unlock"), e.getMessage());
    }

    @Test
    void aNodeListThatTimesOutIsNoProofOfALostQuorum() {
        StubGateway electing = new StubGateway() {
            @Override
            public io.swarmops.ops.model.EngineInfo info() {
                return io.swarmops.ops.model.EngineInfo.from(withoutError());
            }

            @Override
            public List<io.swarmops.ops.model.Node> nodes() {
                throw new SwarmOpsException(Kind.FAILED, "context deadline exceeded");
            }
        };
        SwarmOpsException e = assertThrows(SwarmOpsException.class, () -> plan(QuorumProbe.ask("h", electing), List.of()));
        assertTrue(e.getMessage().contains("ask again in a few seconds"), e.getMessage());
    }

    static com.fasterxml.jackson.databind.node.ObjectNode withoutError() {
        var raw = FakeSwarm.lostTwoOfThree().info().raw();
        ((com.fasterxml.jackson.databind.node.ObjectNode) raw.get("Swarm")).remove("Error");
        return raw;
    }

    @Test
    void lostQuorumPlansTheForceThenRestoresTheCountBeforeTheLoss() {
        RecoveryPlan plan = RecoveryPlan.plan(ask(FakeSwarm.lostTwoOfThree()), List.of(unreachable("h2")), List.of(), Optional.empty(),
                0, null, true);
        assertEquals(List.of(RecoveryPlan.StepKind.FORCE_NEW_CLUSTER, RecoveryPlan.StepKind.VERIFY_WORKLOAD,
                RecoveryPlan.StepKind.REMOVE_STALE_MANAGERS, RecoveryPlan.StepKind.RESTORE_MANAGERS),
                plan.steps().stream().map(RecoveryPlan.Step::kind).toList());
        assertEquals(3, plan.targetManagers());
        assertEquals("198.18.0.11:2377", plan.advertiseAddr(), "the manager's own Raft address, port included");
        assertEquals("0.0.0.0:2377", plan.listenAddr());
        assertEquals(List.of("198.18.0.12:2377", "198.18.0.13:2377"), plan.formerManagers());
    }

    @Test
    void anEvenCountBeforeTheLossIsRestoredOddWithTheSameTolerance() {
        FakeSwarm s = FakeSwarm.lostTwoOfThree().node("n5", 5, "manager", false, true);
        s.knownManagers = 5;
        s.nodes.remove("n4");
        s.node("n4", 4, "manager", false, true);
        assertEquals(5, plan(ask(s), List.of()).targetManagers());
        s.nodes.remove("n5");
        s.knownManagers = 4;
        assertEquals(3, plan(ask(s), List.of()).targetManagers(), "4 tolerate 1 failure, as 3 do");
    }

    @Test
    void theAdvertiseAddressGetsTheRaftPortWhenGivenWithout() {
        ManagerView local = ask(FakeSwarm.lostTwoOfThree());
        assertEquals("10.0.0.5:2377", RecoveryPlan.plan(local, List.of(), List.of(), Optional.empty(), 0, "10.0.0.5", false).advertiseAddr());
        assertEquals("10.0.0.5:4000", RecoveryPlan.plan(local, List.of(), List.of(), Optional.empty(), 0, "10.0.0.5:4000", false).advertiseAddr());
        assertEquals("[fd00::5]:2377", RecoveryPlan.plan(local, List.of(), List.of(), Optional.empty(), 0, "fd00::5", false).advertiseAddr());
    }

    @Test
    void managersNobodyAskedAreWarnedAbout() {
        FakeSwarm s = FakeSwarm.lostTwoOfThree();
        ManagerView local = ask(s);
        List<RaftMember> notAsked = ManagerAddresses.notAsked(local.knownManagers(), "n1", List.of(), List.of());
        RecoveryPlan plan = RecoveryPlan.plan(local, List.of(), notAsked, Optional.empty(), 0, null, false);
        assertEquals(2, plan.warnings().size(), plan.warnings().toString());
        assertTrue(plan.warnings().get(0).startsWith("nobody answered for manager 198.18.0.12:2377"));
    }

    @Test
    void aSecondRunAfterTheForceRestoresTheRecordedCountWithoutForcingAgain() {
        FakeSwarm s = FakeSwarm.lostTwoOfThree();
        s.swarmInit(io.swarmops.ops.model.Json.object().put("ForceNewCluster", true));
        RecoveryRecord record = new RecoveryRecord(3, List.of("198.18.0.12:2377", "198.18.0.13:2377"));
        RecoveryPlan plan = RecoveryPlan.plan(ask(s), List.of(), List.of(), Optional.of(record), 0, null, true);
        assertFalse(plan.forcesNewCluster());
        assertEquals(3, plan.targetManagers());
        assertEquals(List.of(RecoveryPlan.StepKind.REMOVE_STALE_MANAGERS, RecoveryPlan.StepKind.RESTORE_MANAGERS),
                plan.steps().stream().map(RecoveryPlan.Step::kind).toList());
        assertTrue(plan.steps().get(0).description().endsWith("node2, node3"), plan.steps().get(0).description());
    }
}
