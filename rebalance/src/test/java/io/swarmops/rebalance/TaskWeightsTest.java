package io.swarmops.rebalance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmops.ops.model.Service;
import io.swarmops.ops.nodes.TaskUsage;
import io.swarmops.rebalance.TaskWeights.Resource;
import io.swarmops.rebalance.TaskWeights.Source;
import io.swarmops.rebalance.TaskWeights.Weight;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A task's weight: its measure, else its service's measured mean, else its reservation, else a typical task's. */
class TaskWeightsTest {
    final Snapshots s = new Snapshots().nodes(2);
    final Service burn = s.service("burn", 2);
    final Service reserved = s.service("db", 1, spec -> spec.with("TaskTemplate").with("Resources").with("Reservations")
            .put("NanoCPUs", 500_000_000L).put("MemoryBytes", 256L << 20));
    final Service plain = s.service("web", 1);
    final List<TaskUsage> measured = List.of(new TaskUsage("t1", burn.id(), "n1", 900_000_000L, 10L << 20),
            new TaskUsage("t2", burn.id(), "n2", 700_000_000L, 30L << 20), new TaskUsage("t3", plain.id(), "n1", 20_000_000L, 2L << 20));

    @Test
    void eachFallbackInTurn() {
        TaskWeights cpu = TaskWeights.of(Resource.CPU, measured);

        assertEquals(new Weight(900_000_000L, Source.MEASURED), cpu.of("t1", burn));
        assertEquals(new Weight(800_000_000L, Source.SERVICE_MEAN), cpu.of("t9", burn), "a new replica weighs as its siblings");
        assertEquals(new Weight(500_000_000L, Source.RESERVATION), cpu.of("t8", reserved));
        TaskWeights none = TaskWeights.of(Resource.CPU, List.of());
        assertEquals(new Weight(1, Source.TYPICAL_TASK), none.of("t7", plain), "nothing known: every task alike");
        assertEquals(new Weight(540_000_000L, Source.TYPICAL_TASK), TaskWeights.of(Resource.CPU, measured)
                .of("t0", s.service("new", 1)));
    }

    @Test
    void memoryInBytesAgainstTheNodesMemory() {
        TaskWeights mem = TaskWeights.of(Resource.MEMORY, measured);

        assertEquals(new Weight(20L << 20, Source.SERVICE_MEAN), mem.of("t0", burn));
        assertEquals(new Weight(256L << 20, Source.RESERVATION), mem.of("x", reserved));
        assertEquals(2L << 30, mem.capacity(s.nodes.get(0)), 0);
        assertEquals(2_000_000_000L, TaskWeights.of(Resource.CPU, measured).capacity(s.nodes.get(0)), 0);
        assertEquals("256 MiB reserved (no measure)", mem.describe(mem.of("x", reserved)));
        assertEquals("0.90 CPUs measured", TaskWeights.of(Resource.CPU, measured).describe(new Weight(9e8, Source.MEASURED)));
    }

    @Test
    void thePlannerSendsABusyTaskToTheNodeWithMostIdleCpuWhereCountingTasksWouldTakeFromIt() {
        Snapshots c = new Snapshots().nodes(3);
        Service burn1 = c.service("burn1", 1);
        Service burn2 = c.service("burn2", 1);
        Service burn3 = c.service("burn3", 1);
        Service idle = c.service("idle", 4);
        c.run(burn1, "node1").run(burn2, "node1").run(burn3, "node2").run(idle, "node3", "node3", "node3", "node3");
        List<TaskUsage> use = new java.util.ArrayList<>();
        for (var t : c.tasks) {
            boolean busy = !t.serviceId().equals(idle.id());
            use.add(new TaskUsage(t.id(), t.serviceId(), t.nodeId(), busy ? 500_000_000L : 1_000_000L, 4L << 20));
        }
        RebalancePolicy d = RebalancePolicy.defaults();
        RebalancePolicy policy = new RebalancePolicy(0.05, RebalancePolicy.Measure.usage_cpu, d.services(), d.exclude(), d.maxMoves(),
                d.maxMovesPerNode(), d.forceFallback());

        RebalancePlan byUse = RebalancePlanner.plan(c.build(), policy, TaskWeights.of(Resource.CPU, use));
        RebalancePlan byTasks = RebalancePlanner.plan(c.build(), d.withThreshold(0.5), LoadMeasure.of(RebalancePolicy.Measure.tasks));

        assertEquals(1, byUse.moves().size(), byUse.toString());
        Move m = byUse.moves().get(0);
        assertEquals(List.of("node1", "node3"), List.of(m.fromHostname(), m.toHostname()), m.toString());
        assertTrue(m.serviceName().startsWith("burn"), m.toString());
        assertTrue(byUse.spreadAfter() < 0.01, byUse.toString());
        assertEquals("node3", byTasks.moves().get(0).fromHostname(), "counted in tasks, node3 is the fullest: " + byTasks);
    }
}
