package io.swarmops.cli.rebalance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmops.cli.CliRun;
import io.swarmops.rebalance.testing.FakeSwarm;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** service move on an in-memory swarm: the task lands where asked, or nothing changes and one line says why. */
class ServiceMoveTest {

    static FakeSwarm threeNodes() {
        return new FakeSwarm(5).addNode("node1").addNode("node2").addNode("node3");
    }

    @Test
    void aTaskMovesToTheChosenNodeAndNothingElseRestarts() {
        FakeSwarm swarm = threeNodes().availability("node2", "drain").availability("node3", "drain");
        swarm.replicated("web", 3);
        swarm.availability("node2", "active").availability("node3", "active");
        Set<String> before = swarm.runningTaskIds();
        CliRun r = CliRun.run(swarm, "service", "move", "web", "--from", "node1", "--to", "node3");
        assertEquals(0, r.code(), r.err());
        assertEquals("web: one task moved from node1 to node3\n", r.out());
        assertEquals(List.of("node1", "node1", "node3"), swarm.placement("web"));
        assertTrue(swarm.writes().contains("node node2: availability pause"), "node2 (none of web, as few tasks) paused: " + swarm.writes());
        assertEquals(2, swarm.runningTaskIds().stream().filter(before::contains).count());
        assertTrue(swarm.lowestRunning("web") >= 3);
    }

    @Test
    void aLoneTaskIsEvictedEvenToANodeThatHasOne() {
        FakeSwarm swarm = threeNodes();
        swarm.replicated("api", 3);
        assertEquals(List.of("node1", "node2", "node3"), swarm.placement("api"));
        CliRun r = CliRun.run(swarm, "service", "move", "api", "--from", "node1", "--to", "node2");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("node2", "node2", "node3"), swarm.placement("api"));
        assertEquals(0, swarm.service("api").spec().path("TaskTemplate").path("Placement").path("Constraints").size());
    }

    @Test
    void dryRunPrintsTheStepsAndChangesNothing() {
        FakeSwarm swarm = threeNodes();
        swarm.replicated("api", 3);
        int writes = swarm.writes().size();
        CliRun r = CliRun.run(swarm, "service", "move", "api", "--from", "node1", "--to", "node2", "--dry-run");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("dry run: the steps, simulated on a copy of the cluster (evict move), making these changes:\n"), r.out());
        assertTrue(r.out().contains("service api: constraints [node.id!=id-node1], update order start-first"), r.out());
        assertEquals(writes, swarm.writes().size());
    }

    @Test
    void whatSwarmWouldNotDoPredictablyIsRefusedBeforeAnyChange() {
        FakeSwarm swarm = threeNodes().availability("node3", "drain");
        swarm.replicated("web", 4); // 2/2/0
        swarm.availability("node3", "active");
        CliRun tied = CliRun.run(swarm, "service", "move", "web", "--from", "node1", "--to", "node3");
        assertEquals(2, tied.code());
        assertTrue(tied.err().contains("node2 holds as many tasks of web as node1 (2)"), tied.err());

        swarm.replicated("capped", 2, spec -> spec.with("TaskTemplate").with("Placement").put("MaxReplicas", 1));
        CliRun full = CliRun.run(swarm, "service", "move", "capped", "--from", swarm.placement("capped").get(0),
                "--to", swarm.placement("capped").get(1));
        assertEquals(2, full.code());
        assertTrue(full.err().contains("its max replicas per node"), full.err());

        swarm.availability("node3", "pause");
        CliRun paused = CliRun.run(swarm, "service", "move", "web", "--from", "node1", "--to", "node3");
        assertEquals(2, paused.code());
        assertTrue(paused.err().contains("node3 cannot take tasks: it is ready, pause"), paused.err());
        assertTrue(swarm.writes().stream().allMatch(w -> w.endsWith(": create")), "nothing but the test's own writes: " + swarm.writes());
    }
}
