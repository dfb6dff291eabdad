package io.swarmops.recovery.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.SwarmOpsException.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuorumStatusTest {
    static QuorumStatus judge(FakeSwarm s, int desired) {
        return QuorumStatus.judge(QuorumProbe.ask("h", s), List.of(), List.of(), desired);
    }

    @Test
    void lostQuorumIsToldFromAnUnreachableDaemonAndFromAWorker() {
        QuorumStatus lost = judge(FakeSwarm.lostTwoOfThree(), 0);
        assertEquals(QuorumStatus.Verdict.LOST, lost.verdict());
        assertEquals(3, lost.managers(), "counted from the managers /info still knows");
        assertEquals(QuorumStatus.Verdict.UNREACHABLE, QuorumStatus.judge(new ManagerView("h", null, null,
                new SwarmOpsException(Kind.UNREACHABLE, "refused")), List.of(), List.of(), 0).verdict());
        assertEquals(QuorumStatus.Verdict.NOT_A_MANAGER, judge(RecoveryPlanTest.healthy("n4"), 0).verdict());
    }

    @Test
    void noLeaderIsKnownFromInfoWithoutWaitingForTheNodeList() {
        FakeSwarm s = new FakeSwarm("n1") {
            @Override
            public java.util.List<io.swarmops.ops.model.Node> nodes() {
                throw new AssertionError("the node list hangs for ~20 s on a lost quorum: /info says it already");
            }
        }.node("n1", 1, "manager", true, true).node("n2", 2, "manager", false, true);
        s.knownManagers = 2;
        assertEquals(QuorumStatus.Verdict.LOST, judge(s, 0).verdict());
    }

    @Test
    void aLeaderThatStillAnswersWithTooFewReachableIsLost() {
        FakeSwarm s = RecoveryPlanTest.healthy("n1");
        s.nodes.get("n2").ready = false;
        s.nodes.get("n3").ready = false;
        QuorumStatus st = judge(s, 0);
        assertEquals(QuorumStatus.Verdict.LOST, st.verdict(), st.toString());
        assertEquals("node1", st.leader());
        assertTrue(st.notes().get(0).startsWith("only 1 of 3 managers reachable, 2 needed"), st.notes().toString());
    }

    @Test
    void degradedForAnUnreachableManagerAnEvenCountAStaleManagerOrFewerThanDesired() {
        FakeSwarm one = RecoveryPlanTest.healthy("n1");
        one.nodes.get("n3").ready = false;
        assertEquals(QuorumStatus.Verdict.DEGRADED, judge(one, 0).verdict());
        assertEquals(List.of("manager node3 is unreachable"), judge(one, 0).notes());

        FakeSwarm afterForce = FakeSwarm.lostTwoOfThree();
        afterForce.swarmInit(io.swarmops.ops.model.Json.object());
        QuorumStatus st = judge(afterForce, 3);
        assertEquals(QuorumStatus.Verdict.DEGRADED, st.verdict());
        assertEquals(1, st.managers(), "managers outside Raft are no members");
        assertTrue(st.notes().contains("node node2 has the manager role but is not in Raft (down: it rejoins when it returns)"), st.notes().toString());
        assertTrue(st.notes().contains("1 managers reachable, 3 desired"), st.notes().toString());

        FakeSwarm two = RecoveryPlanTest.healthy("n1");
        two.nodes.remove("n3");
        assertEquals(QuorumStatus.Verdict.DEGRADED, judge(two, 0).verdict(), "an even count adds no tolerance");
        assertEquals(QuorumStatus.Verdict.HEALTHY, judge(RecoveryPlanTest.healthy("n1"), 3).verdict());
    }

    @Test
    void aManagerCutOffFromALeaderOthersSeeIsDegradedNotLost() {
        ManagerView local = QuorumProbe.ask("h1", FakeSwarm.lostTwoOfThree());
        ManagerView other = QuorumProbe.ask("h2", RecoveryPlanTest.healthy("n2"));
        assertEquals(QuorumStatus.Verdict.DEGRADED, QuorumStatus.judge(local, List.of(other), List.of(), 0).verdict());
    }
}
