package io.swarmops.recovery.emergency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.SwarmOpsException.Kind;
import io.swarmops.ops.model.Node;
import io.swarmops.recovery.journal.StepJournal;
import io.swarmops.recovery.power.Machine;
import io.swarmops.recovery.power.PowerSwitch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmergencyExecutorTest {
    @TempDir
    Path dir;

    @Test
    void shutdownGoesInTheRunbooksOrderAndSavesEverythingFirst() throws Exception {
        SimulatedCluster c = FourNodeSwarm.build();
        Cycle cycle = new Cycle(dir.resolve("state.json"));
        int before = c.writes().size();

        cycle.shutdown(c, c.power(), null);

        List<String> w = c.writes().subList(before, c.writes().size());
        assertEquals("node node2: demote", w.get(0));
        assertEquals(List.of("service registry_registry: remove", "service app_web: remove", "service app_worker: remove", "service plain: remove"),
                w.subList(1, 5));
        assertEquals(List.of("node node2: power off", "node node3: power off", "node node4: power off"), w.subList(5, 8).stream().sorted().toList());
        assertEquals(List.of("node node1: power off"), w.subList(8, w.size()), "the kept manager last");
        assertEquals(Kind.UNREACHABLE, assertThrows(SwarmOpsException.class, c::info).kind(), "no daemon answers");

        EmergencyState saved = EmergencyState.read(cycle.stateFile);
        assertEquals("node1", saved.keptManager().hostname());
        assertEquals(2, saved.managers());
        assertEquals(List.of("node3", "node4", "node2", "node1"), saved.nodes().stream().map(SavedNode::hostname).toList(),
                "workers, then the other manager, then the kept one");
        assertEquals(4, saved.workload().services().size());
        assertEquals(List.of("app_default"), saved.workload().networks().stream().map(n -> n.path("Name").asText()).toList());
        assertEquals("aGVsbG8=", saved.workload().configs().get(0).path("Data").asText(), "config data saved");
        assertFalse(saved.workload().secrets().get(0).has("Data"), "secret names only");
        String text = Files.readString(cycle.stateFile, StandardCharsets.UTF_8);
        assertTrue(text.contains("\"Role\" : \"manager\""), "roles as they were before the demotion");
        for (Path f : List.of(cycle.stateFile, cycle.journal().file(), Path.of(cycle.journal().file() + ".lock"))) {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)),
                    f + ": every spec, the nodes, the steps: the owner's only");
        }
    }

    @Test
    void rebootBringsBackTwoManagersTheRegistryFirstAndEverySpecAsSaved() {
        SimulatedCluster c = FourNodeSwarm.build();
        Map<String, JsonNode> specs = FourNodeSwarm.specs(c);
        Cycle cycle = new Cycle(dir.resolve("state.json"));
        cycle.shutdown(c, c.power(), null);
        int before = c.writes().size();

        cycle.reboot(c, c.power(), c.probe(List.of("registry")), List.of("registry"), Map.of());

        List<String> w = c.writes().subList(before, c.writes().size());
        assertEquals("node node1: power on", w.get(0), "the manager shut down last comes first");
        assertEquals(List.of("node node2: power on", "node node3: power on", "node node4: power on"), w.subList(1, 4).stream().sorted().toList());
        assertEquals("node node2: promote", w.get(4), "the former manager is promoted");
        List<String> created = w.stream().filter(x -> x.startsWith("service ") && x.endsWith(": create")).toList();
        assertEquals("service registry_registry: create", created.get(0));
        assertEquals(4, created.size());
        assertEquals(specs, FourNodeSwarm.specs(c), "every spec as before, field for field");
        assertEquals(2, c.nodes().stream().filter(n -> n.isManager() && n.manager().reachable()).count());
        assertTrue(c.nodes().stream().allMatch(Node::isReady));
        assertTrue(cycle.journal().current().orElseThrow().complete());
    }

    @Test
    void aSecondShutdownAfterAFinishedCycleKeepsTheFirstStateFileBeside() throws Exception {
        SimulatedCluster c = FourNodeSwarm.build();
        Cycle cycle = new Cycle(dir.resolve("state.json"));
        cycle.shutdown(c, c.power(), null);
        cycle.reboot(c, c.power(), RegistryProbe.none(), List.of(), Map.of());

        cycle.shutdown(c, c.power(), null);

        try (var files = Files.list(dir)) {
            assertEquals(4, files.filter(f -> f.getFileName().toString().startsWith("state.json") && !f.toString().endsWith(".lock")).count(),
                    "the new state and journal, and the finished cycle's beside them");
        }
        assertEquals(4, EmergencyState.read(cycle.stateFile).workload().services().size());
    }

    @Test
    void theManagerThatStaysMustBeAManagerAndTheOneTalkedTo() {
        SimulatedCluster c = FourNodeSwarm.build();
        Cycle cycle = new Cycle(dir.resolve("state.json"));
        SwarmOpsException worker = assertThrows(SwarmOpsException.class, () -> cycle.shutdown(c, c.power(), "node3"));
        assertEquals("--keep-manager node3: not a manager", worker.getMessage());
        SwarmOpsException other = assertThrows(SwarmOpsException.class, () -> cycle.shutdown(c, c.power(), "node2"));
        assertTrue(other.getMessage().contains("run with -H pointing at node2, or keep node1"), other.getMessage());
        assertEquals(Kind.NOT_FOUND, assertThrows(SwarmOpsException.class, () -> cycle.shutdown(c, c.power(), "node9")).kind());
        assertFalse(Files.exists(cycle.stateFile), "nothing saved, nothing changed");
        assertEquals(4, c.services(Map.of()).size());
    }

    @Test
    void workersArePoweredOffInParallel() {
        SimulatedCluster c = FourNodeSwarm.build();
        CountDownLatch all = new CountDownLatch(3);
        PowerSwitch waitsForTheOthers = new PowerSwitch() {
            @Override
            public void off(Machine m) {
                if (!m.hostname().equals("node1")) {
                    all.countDown();
                    try {
                        if (!all.await(2, TimeUnit.SECONDS)) {
                            throw new SwarmOpsException(Kind.FAILED, "powered one at a time");
                        }
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
                c.power().off(m);
            }

            @Override
            public void on(Machine m) {
                c.power().on(m);
            }
        };
        new Cycle(dir.resolve("state.json")).shutdown(c, waitsForTheOthers, null);
        assertEquals(0, all.getCount());
    }

    @Test
    void aFailedPowerCommandIsJournalledAndTheNextRunPowersOnlyWhatIsLeft() {
        SimulatedCluster c = FourNodeSwarm.build();
        Cycle cycle = new Cycle(dir.resolve("state.json"));
        List<String> calls = new ArrayList<>();
        PowerSwitch node4Fails = new PowerSwitch() {
            @Override
            public synchronized void off(Machine m) {
                calls.add(m.hostname());
                if (m.hostname().equals("node4")) {
                    throw new SwarmOpsException(Kind.FAILED, "power off node4 failed (ssh exited 255)");
                }
                c.power().off(m);
            }

            @Override
            public void on(Machine m) {
                c.power().on(m);
            }
        };
        SwarmOpsException e = assertThrows(SwarmOpsException.class, () -> cycle.shutdown(c, node4Fails, null));
        assertEquals("power off node4 failed (ssh exited 255)", e.getMessage());
        StepJournal.Pass pass = cycle.journal().current().orElseThrow();
        assertEquals(StepJournal.FAILED, pass.event("power-off-workers"));
        assertEquals(StepJournal.DONE, pass.event("power-off-workers:node3"));
        assertTrue(c.nodes().stream().filter(n -> n.hostname().equals("node1")).allMatch(Node::isReady), "the manager stays up");

        calls.clear();
        cycle.shutdown(c, new PowerSwitch() {
            @Override
            public void off(Machine m) {
                calls.add(m.hostname());
                c.power().off(m);
            }

            @Override
            public void on(Machine m) {
                c.power().on(m);
            }
        }, null);
        assertEquals(List.of("node4", "node1"), calls, "node2 and node3 are not powered off twice");
    }

    @Test
    void theLastManagersPowerOffCountsWhenItsDaemonIsGoneEvenIfTheCommandFailed() {
        SimulatedCluster c = FourNodeSwarm.build();
        Cycle cycle = new Cycle(dir.resolve("state.json"));
        cycle.shutdown(c, new PowerSwitch() {
            @Override
            public void off(Machine m) {
                c.power().off(m);
                if (m.hostname().equals("node1")) {
                    throw new SwarmOpsException(Kind.FAILED, "power off node1 failed (ssh exited 255): Connection closed");
                }
            }

            @Override
            public void on(Machine m) {
                c.power().on(m);
            }
        }, null);
        assertTrue(cycle.journal().current().orElseThrow().complete());
    }

    @Test
    void aSecretTheSwarmLostIsNamedAndTheRebootGoesOnOnceItIsGiven() throws Exception {
        SimulatedCluster live = FourNodeSwarm.build();
        Cycle cycle = new Cycle(dir.resolve("state.json"));
        cycle.shutdown(live, live.power(), null);
        EmergencyState state = EmergencyState.read(cycle.stateFile);
        ObjectNode lost = state.workload().document().deepCopy();
        lost.putArray("Secrets");
        SimulatedCluster c = SimulatedCluster.poweredOff(new EmergencyState(new io.swarmops.recovery.backup.WorkloadBackup(lost),
                state.keptManager(), state.nodes(), state.managers()));

        SwarmOpsException e = assertThrows(SwarmOpsException.class,
                () -> cycle.reboot(c, c.power(), c.probe(List.of("registry")), List.of("registry"), Map.of()));
        assertTrue(e.getMessage().startsWith("the swarm no longer has the secret(s) app_secret"), e.getMessage());
        assertTrue(e.getMessage().contains("--secret NAME=FILE"), e.getMessage());
        assertTrue(c.services(Map.of()).stream().noneMatch(s -> s.name().equals("app_web")), "nothing half-made");

        cycle.reboot(c, c.power(), c.probe(List.of("registry")), List.of("registry"), Map.of("app_secret", "s3cret".getBytes()));
        assertEquals(4, c.services(Map.of()).size());
        assertTrue(c.writes().contains("secret app_secret: create"));
    }

    @Test
    void aRebootAfterAShutdownKilledHalfWayBringsBackWhatWasRemoved() {
        SimulatedCluster c = FourNodeSwarm.build();
        Map<String, JsonNode> specs = FourNodeSwarm.specs(c);
        Cycle cycle = new Cycle(dir.resolve("state.json"));
        PowerSwitch dies = new PowerSwitch() {
            @Override
            public void off(Machine m) {
                throw new IllegalStateException("killed");
            }

            @Override
            public void on(Machine m) {
                c.power().on(m);
            }
        };
        assertThrows(RuntimeException.class, () -> cycle.shutdown(c, dies, null));
        assertTrue(c.services(Map.of()).isEmpty());

        cycle.reboot(c, c.power(), c.probe(List.of("registry")), List.of("registry"), Map.of());

        assertEquals(specs, FourNodeSwarm.specs(c));
        assertFalse(c.writes().contains("node node3: power on"), "what is running is not powered on");
    }
}
