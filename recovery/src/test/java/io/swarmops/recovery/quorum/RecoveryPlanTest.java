package io.swarmops.recovery.quorum;

import static io.swarmops.ops.testing.Fixtures.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.SwarmOpsException.Kind;
import io.swarmops.ops.model.EngineInfo;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.testing.StubGateway;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecoveryPlanTest {
    static EngineInfo info(boolean manager, int managers, String... remoteManagers) {
        ObjectNode i = Json.object();
        ObjectNode swarm = i.putObject("Swarm").put("LocalNodeState", "active").put("ControlAvailable", manager)
                .put("Managers", managers).put("NodeAddr", "198.18.0.11");
        for (String r : remoteManagers) {
            swarm.withArray("RemoteManagers").addObject().put("Addr", r);
        }
        return EngineInfo.from(i);
    }

    static ManagerView view(String host, EngineInfo info, List<Node> nodes, Kind failure) {
        return new ManagerView(host, info, nodes, failure == null ? null : new SwarmOpsException(failure, failure.name()));
    }

    static final List<Node> THREE_HEALTHY = List.of(node("a", "node1", "leader"), node("b", "node2", "reachable"), node("c", "node3", "reachable"));

    @Test
    void aHealthyClusterIsNotReinitialised() {
        RecoveryPlan plan = RecoveryPlan.plan(view("h", info(true, 3), THREE_HEALTHY, null), List.of(), 0, null, false);
        assertTrue(plan.empty(), plan.toString());
        assertEquals(QuorumStatus.Verdict.HEALTHY, QuorumStatus.judge(view("h", info(true, 3), THREE_HEALTHY, null), List.of(), 0).verdict());
    }

    @Test
    void aWorkerRefuses() {
        SwarmOpsException e = assertThrows(SwarmOpsException.class,
                () -> RecoveryPlan.plan(view("h", info(false, 3), null, null), List.of(), 0, null, false));
        assertEquals(Kind.NOT_A_MANAGER, e.kind());
    }

    @Test
    void anUnreachableDaemonRefuses() {
        SwarmOpsException e = assertThrows(SwarmOpsException.class,
                () -> RecoveryPlan.plan(view("h", null, null, Kind.UNREACHABLE), List.of(), 0, null, false));
        assertEquals(Kind.UNREACHABLE, e.kind());
    }

    @Test
    void aManagerThatCanStillSeeALeaderElsewhereStopsIt() {
        ManagerView local = view("h1", info(true, 3), null, Kind.NO_LEADER);
        ManagerView other = view("h2", info(true, 3), THREE_HEALTHY, null);
        SwarmOpsException e = assertThrows(SwarmOpsException.class, () -> RecoveryPlan.plan(local, List.of(other), 0, null, false));
        assertEquals(Kind.CONFLICT, e.kind());
        assertTrue(e.getMessage().contains("h2 still sees a leader"), e.getMessage());
    }

    @Test
    void lostQuorumPlansTheForceThenRestoresTheOddCountBeforeTheLoss() {
        ManagerView local = view("h1", info(true, 1, "198.18.0.11:2377", "198.18.0.12:2377", "198.18.0.13:2377", "198.18.0.14:2377"),
                null, Kind.NO_LEADER);
        ManagerView deadOther = view("h2", null, null, Kind.UNREACHABLE);
        RecoveryPlan plan = RecoveryPlan.plan(local, List.of(deadOther), 0, null, true);
        assertEquals(List.of(RecoveryPlan.StepKind.FORCE_NEW_CLUSTER, RecoveryPlan.StepKind.VERIFY_WORKLOAD,
                RecoveryPlan.StepKind.REMOVE_STALE_MANAGERS, RecoveryPlan.StepKind.PROMOTE),
                plan.steps().stream().map(RecoveryPlan.Step::kind).toList());
        assertEquals(5, plan.targetManagers(), "4 known managers, kept odd");
        assertEquals("198.18.0.11", plan.advertiseAddr());
    }

    @Test
    void statusTellsLostFromDegradedFromUnknown() {
        assertEquals(QuorumStatus.Verdict.LOST, QuorumStatus.judge(view("h", info(true, 3), null, Kind.NO_LEADER), List.of(), 0).verdict());
        assertEquals(QuorumStatus.Verdict.UNREACHABLE, QuorumStatus.judge(view("h", null, null, Kind.UNREACHABLE), List.of(), 0).verdict());
        assertEquals(QuorumStatus.Verdict.NOT_A_MANAGER, QuorumStatus.judge(view("h", info(false, 0), null, null), List.of(), 0).verdict());
        List<Node> oneDown = List.of(node("a", "node1", "leader"), node("b", "node2", "reachable"), node("c", "node3", "unreachable"));
        QuorumStatus degraded = QuorumStatus.judge(view("h", info(true, 3), oneDown, null), List.of(), 0);
        assertEquals(QuorumStatus.Verdict.DEGRADED, degraded.verdict());
        assertEquals(List.of("manager node3 is unreachable"), degraded.notes());
        List<Node> two = List.of(node("a", "node1", "leader"), node("b", "node2", "reachable"));
        assertEquals(QuorumStatus.Verdict.DEGRADED, QuorumStatus.judge(view("h", info(true, 2), two, null), List.of(), 0).verdict(),
                "an even count adds no tolerance");
    }

    @Test
    void probeAsksInfoFirstAndTheNodeListOnlyOfManagers() {
        StubGateway worker = new StubGateway() {
            @Override
            public EngineInfo info() {
                return RecoveryPlanTest.info(false, 0);
            }
        };
        ManagerView v = QuorumProbe.ask("w", worker);
        assertTrue(v.reachable() && !v.isManager() && v.nodes() == null);
    }
}
