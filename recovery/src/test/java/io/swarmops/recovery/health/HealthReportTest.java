package io.swarmops.recovery.health;

import static io.swarmops.ops.testing.Fixtures.node;
import static io.swarmops.ops.testing.Fixtures.service;
import static io.swarmops.ops.testing.Fixtures.task;
import static io.swarmops.ops.testing.Fixtures.withState;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.swarmops.ops.model.ClusterSnapshot;
import io.swarmops.ops.model.Task;
import io.swarmops.recovery.quorum.QuorumStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthReportTest {
    static final QuorumStatus HEALTHY = new QuorumStatus(QuorumStatus.Verdict.HEALTHY, 3, 3, "node1", 0, List.of(), List.of(), List.of());
    static final Instant NOW = Instant.parse("2026-11-24T06:05:00Z");

    @Test
    void aHealthySwarmIsOk() {
        var s = new ClusterSnapshot(List.of(node("w1", "w1", null), node("w2", "w2", null)), List.of(service("s", "web", 2)),
                List.of(task("a", "s", "w1", 1, "running"), task("b", "s", "w2", 2, "running")), NOW);
        HealthReport r = HealthReport.of(HEALTHY, s, 2.0, NOW);
        assertEquals(HealthReport.Level.OK, r.level(), r.toString());
    }

    @Test
    void eachProblemIsAFindingAndTheWorstWins() {
        List<Task> tasks = new ArrayList<>(List.of(task("a", "s", "m1", 1, "running")));
        for (int i = 0; i < 3; i++) {
            tasks.add(task("f" + i, "s", "w1", 2, "failed")); // timestamps at 06:00, within 15 min of NOW
        }
        var s = new ClusterSnapshot(List.of(node("m1", "m1", "leader"), withState(node("w1", "w1", null), "down", "active")),
                List.of(service("s", "web", 2), service("z", "zero", 1)), tasks, NOW);
        HealthReport r = HealthReport.of(HEALTHY, s, 2.0, NOW);
        assertEquals(HealthReport.Level.CRITICAL, r.level(), "zero running of one desired");
        assertEquals(List.of("quorum", "nodes", "services", "tasks", "services", "managers"),
                r.findings().stream().map(HealthReport.Finding::check).toList());
    }

    @Test
    void lostQuorumIsCriticalAndUnreachableUnknown() {
        assertEquals(HealthReport.Level.CRITICAL, HealthReport.unavailable(
                new QuorumStatus(QuorumStatus.Verdict.LOST, 3, -1, "", 0, List.of("no leader"), List.of(), List.of())).level());
        assertEquals(HealthReport.Level.UNKNOWN, HealthReport.unavailable(
                new QuorumStatus(QuorumStatus.Verdict.UNREACHABLE, 0, -1, "", 0, List.of("x"), List.of(), List.of())).level());
    }
}
