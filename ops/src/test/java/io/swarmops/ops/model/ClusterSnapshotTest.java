package io.swarmops.ops.model;

import static io.swarmops.ops.testing.Fixtures.node;
import static io.swarmops.ops.testing.Fixtures.task;
import static io.swarmops.ops.testing.Fixtures.withState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterSnapshotTest {
    @Test
    void spreadOfTheSeedScenarioIs2point83() {
        // 6/6/0, the seed's measured case: population standard deviation 2.83
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            tasks.add(task("a" + i, "s", "n1", i + 1, "running"));
            tasks.add(task("b" + i, "s", "n2", i + 7, "running"));
        }
        ClusterSnapshot s = new ClusterSnapshot(List.of(node("n1", "node1", "leader"), node("n2", "node2", null),
                node("n3", "node3", null)), List.of(), tasks, Instant.now());
        assertEquals(2.828, s.spread(), 0.001);
    }

    @Test
    void onlyRunningTasksOnEligibleNodesCount() {
        Node drained = withState(node("n3", "node3", null), "ready", "drain");
        List<Task> tasks = List.of(task("a", "s", "n1", 1, "running"), task("b", "s", "n2", 2, "preparing"),
                task("c", "s", "n3", 3, "running"));
        ClusterSnapshot s = new ClusterSnapshot(List.of(node("n1", "node1", "leader"), node("n2", "node2", null), drained),
                List.of(), tasks, Instant.now());
        assertEquals(0.5, s.spread(), 1e-9, "n1=1, n2=0; the drained node is not counted");
    }

    @Test
    void quorumArithmetic() {
        ManagerQuorum three = ManagerQuorum.of(List.of(node("a", "a", "leader"), node("b", "b", "reachable"), node("c", "c", "unreachable")));
        assertEquals(3, three.managers());
        assertEquals(2, three.reachable());
        assertEquals(2, three.quorumSize());
        assertEquals(1, three.faultTolerance());
        assertTrue(three.held());
        assertEquals("a", three.leader());
        ManagerQuorum lost = ManagerQuorum.of(List.of(node("a", "a", "reachable"), node("b", "b", "unreachable"), node("c", "c", "unreachable")));
        assertFalse(lost.held());
        assertEquals(1, ManagerQuorum.of(List.of(node("a", "a", "leader"), node("b", "b", "reachable"))).faultTolerance() + 1,
                "two managers tolerate no failure");
    }

    @Test
    void taskActiveCountFollowsTheScheduler() {
        assertTrue(task("a", "s", "n", 1, "pending").countsAsActive());
        assertTrue(task("a", "s", "n", 1, "running").countsAsActive());
        assertFalse(task("a", "s", "n", 1, "new").countsAsActive());
        assertFalse(task("a", "s", "n", 1, "failed").countsAsActive());
    }
}
