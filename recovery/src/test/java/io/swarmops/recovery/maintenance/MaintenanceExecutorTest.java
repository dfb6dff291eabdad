package io.swarmops.recovery.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.testing.Fixtures;
import io.swarmops.rebalance.RebalancePolicy;
import io.swarmops.rebalance.testing.FakeSwarm;
import io.swarmops.recovery.journal.StepJournal;
import io.swarmops.recovery.power.Machine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaintenanceExecutorTest {
    @TempDir
    Path dir;

    static SimulatedMaintenance cluster() {
        FakeSwarm swarm = new FakeSwarm(3);
        swarm.addNode("node1", n -> n.setAll(Fixtures.node("id-node1", "node1", "leader").raw()));
        swarm.addNode("node2").addNode("node3");
        swarm.replicated("web", 6, s -> s.with("TaskTemplate").putObject("Placement"));
        return SimulatedMaintenance.of(swarm.snapshot());
    }

    static MaintenanceExecutor executor(SimulatedMaintenance c, io.swarmops.recovery.power.PowerSwitch power) {
        return new MaintenanceExecutor(c, c, power, new MaintenanceExecutor.Settings(Set.of(), RebalancePolicy.defaults(), "test",
                Duration.ofMinutes(15), Duration.ZERO, "id-node1"), line -> { });
    }

    static MaintenancePlan reboot(SimulatedMaintenance c, String... hostnames) {
        return MaintenancePlan.of(java.util.Arrays.stream(hostnames).map(c::node).toList(), List.of(), 1, true);
    }

    @Test
    void aRollingRebootDrainsPowerCyclesAndBringsEachNodeBackBeforeTheNext() {
        SimulatedMaintenance c = cluster();
        MaintenancePlan plan = reboot(c, "node2", "node3");
        executor(c, c).run(plan, new StepJournal(dir.resolve("j")), true);
        List<String> w = c.writes();
        int off2 = w.indexOf("node node2: power off");
        int on2 = w.indexOf("node node2: power on");
        int active2 = w.lastIndexOf("node node2: availability active");
        int off3 = w.indexOf("node node3: power off");
        assertTrue(off2 > w.indexOf("node node2: availability drain") && on2 > off2 && active2 > on2 && off3 > active2, w.toString());
        for (Node n : c.nodes()) {
            assertTrue(n.isReady() && n.isActive(), n.hostname() + " ready and active");
        }
        assertEquals(6, c.tasks(java.util.Map.of("desired-state", List.of("running"))).size());
    }

    @Test
    void aFailedStepStopsWithTheNodeDrainedAndTheSameCommandContinuesWithoutRepeating() {
        SimulatedMaintenance c = cluster();
        MaintenancePlan plan = reboot(c, "node2", "node3");
        StepJournal journal = new StepJournal(dir.resolve("j"));
        boolean[] failed = {false};
        io.swarmops.recovery.power.PowerSwitch flaky = new io.swarmops.recovery.power.PowerSwitch() {
            @Override
            public void off(Machine m) {
                c.off(m);
            }

            @Override
            public void on(Machine m) {
                if (m.hostname().equals("node3") && !failed[0]) {
                    failed[0] = true;
                    throw new SwarmOpsException(SwarmOpsException.Kind.FAILED, "power on node3 failed (ipmitool exited 1)");
                }
                c.on(m);
            }
        };
        SwarmOpsException e = assertThrows(SwarmOpsException.class, () -> executor(c, flaky).run(plan, journal, true));
        assertTrue(e.getMessage().startsWith("power on node3 failed (ipmitool exited 1); node3 left drained; left: node 2 of 2, node3: power off,"
                + " then on; node 2 of 2, node3: wait"), e.getMessage());
        assertEquals("drain", c.node("node3").availability());
        assertTrue(MaintenanceExecutor.continues(plan, journal));
        executor(c, flaky).run(plan, journal, false);
        List<String> w = c.writes();
        for (String power : List.of("node node2: power off", "node node2: power on", "node node3: power off", "node node3: power on")) {
            assertEquals(1, w.stream().filter(power::equals).count(), power + " once: " + w);
        }
        assertFalse(MaintenanceExecutor.continues(plan, journal), "finished");
        assertTrue(c.node("node3").isActive());
    }

    @Test
    void twoAtATimeDrainsAndPowersAWaveTogether() {
        FakeSwarm swarm = new FakeSwarm(5);
        swarm.addNode("node1", n -> n.setAll(Fixtures.node("id-node1", "node1", "leader").raw()));
        swarm.addNode("node2").addNode("node3").addNode("node4").addNode("node5");
        swarm.replicated("web", 5, s -> s.with("TaskTemplate").putObject("Placement"));
        SimulatedMaintenance c = SimulatedMaintenance.of(swarm.snapshot());
        MaintenancePlan plan = MaintenancePlan.of(List.of(c.node("node2"), c.node("node3"), c.node("node4")), List.of("true"), 2, false);
        assertEquals(List.of("quorum:node2+node3", "drain:node2+node3", "run:node2+node3", "ready:node2+node3", "activate:node2+node3",
                "quorum:node4", "drain:node4", "run:node4", "ready:node4", "activate:node4"), plan.keys());
        executor(c, c).run(plan, new StepJournal(dir.resolve("j")), true);
        List<String> w = c.writes();
        assertTrue(w.indexOf("node node3: availability drain") < w.indexOf("node node2: run true")
                && w.indexOf("node node3: run true") < w.indexOf("node node2: availability active"), w.toString());
        assertEquals(5, c.tasks(java.util.Map.of("desired-state", List.of("running"))).size());
    }

    @Test
    void aManagerWhoseDowntimeWouldLoseTheQuorumIsRefused() {
        Node leader = Fixtures.node("m1", "m1", "leader");
        Node m2 = Fixtures.node("m2", "m2", "reachable");
        Node m3 = Fixtures.node("m3", "m3", "reachable");
        Node worker = Fixtures.node("w1", "w1", null);
        List<Node> three = List.of(leader, m2, m3, worker);
        assertNull(MaintenancePlan.quorumRefusal(three, List.of(m2), "m1"));
        assertEquals("taking down manager m2, m3 would lose the quorum (3 of 3 managers reachable, 2 needed): promote another manager first",
                MaintenancePlan.quorumRefusal(three, List.of(m2, m3), "m1"));
        assertEquals("taking down manager m2 would lose the quorum (2 of 2 managers reachable, 2 needed): promote another manager first",
                MaintenancePlan.quorumRefusal(List.of(leader, m2, worker), List.of(m2), "m1"));
        assertEquals("m1 is the manager swarmops talks to: run its maintenance through another manager (-H)",
                MaintenancePlan.quorumRefusal(three, List.of(leader), "m1"));
        assertNull(MaintenancePlan.quorumRefusal(List.of(leader, worker), List.of(worker), "m1"));
    }

    @Test
    void aCommandMustBePlainWords() {
        Node w = Fixtures.node("w1", "w1", null);
        SwarmOpsException e = assertThrows(SwarmOpsException.class, () -> MaintenancePlan.of(List.of(w), List.of("apt-get", "upgrade;reboot"), 1, false));
        assertEquals(SwarmOpsException.Kind.INVALID, e.kind());
        assertEquals(List.of("quorum:w1", "drain:w1", "run:w1", "ready:w1", "activate:w1"), MaintenancePlan.of(List.of(w), List.of("true"), 1, false).keys());
        ObjectNode doc = MaintenancePlan.of(List.of(w), List.of(), 1, true).toJson(k -> false);
        assertEquals("reboot", doc.path("Work").asText());
    }
}
