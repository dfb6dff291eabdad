package io.swarmops.cli.emergency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.CliRun;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.testing.CommandRecorder;
import io.swarmops.ops.testing.SwarmState;
import io.swarmops.recovery.emergency.EmergencyCycle;
import io.swarmops.recovery.emergency.EmergencyExecutor;
import io.swarmops.recovery.emergency.RegistryProbe;
import io.swarmops.recovery.emergency.SimulatedCluster;
import io.swarmops.recovery.journal.StepJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emergency commands on a simulated swarm: plans, dry runs, refusals and exit codes. */
class EmergencyCommandsTest {
    @TempDir
    Path dir;

    static SimulatedCluster swarm() {
        SimulatedCluster c = new SimulatedCluster().addNode("id1", "node1", true).addNode("id2", "node2", true)
                .addNode("id3", "node3", false).addNode("id4", "node4", false);
        c.createService(service("registry_registry", "registry"), null, w -> { });
        c.createService(service("app_web", "app"), null, w -> { });
        c.createService(service("plain", null), null, w -> { });
        return c;
    }

    static ObjectNode service(String name, String stack) {
        ObjectNode spec = Json.object().put("Name", name);
        ObjectNode labels = spec.putObject("Labels");
        if (stack != null) {
            labels.put(Service.STACK_NAMESPACE_LABEL, stack);
        }
        spec.putObject("TaskTemplate").putObject("ContainerSpec").put("Image", "swarmops/busybox:latest");
        spec.putObject("Mode").putObject("Replicated").put("Replicas", 1);
        return spec;
    }

    Path config(String yaml) throws Exception {
        Path f = dir.resolve("power.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    String state() {
        return dir.resolve("state.json").toString();
    }

    @Test
    void shutdownDryRunPrintsThePlanAndTheChangesItWouldMakeAndChangesNothing() throws Exception {
        SimulatedCluster c = swarm();
        int writes = c.writes().size();
        SwarmState before = SwarmState.read(c);
        CliRun r = CliRun.run(c, "emergency", "shutdown", "--dry-run", "--state", state(), "--config", config("power:\n  off: [poweroff, '{addr}']\n").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("emergency shutdown of 4 nodes, keeping node1 to the end:\n 1. [    ] save 3 service specs"), r.out());
        assertTrue(r.out().contains(" 2. [    ] demote manager node2\n"), r.out());
        assertTrue(r.out().contains(" 5. [    ] power off the manager node1, last"), r.out());
        assertTrue(r.out().contains("dry run: 5 step(s) to run, making these changes:\n  save the state to " + state() + "\n  node node2: demote\n"
                + "  service registry_registry: remove\n"), r.out());
        assertTrue(r.out().contains("  node node1: power off\nnothing changed\n"), r.out());
        assertEquals(writes, c.writes().size(), "nothing written to the swarm");
        assertEquals(3, c.services(Map.of()).size());
        assertFalse(Files.exists(Path.of(state())), "no state saved");
        before.assertUnchanged(c);
    }

    /**
     * Nothing in a hostname runs: a node that reports a hostname a power command would take as an
     * option or a command is refused when the state is captured, before anything is saved or
     * changed, with one line naming it; the power command (a script recording its calls) never runs.
     */
    @Test
    void aHostileHostnameIsRefusedBeforeTheStateIsSavedAndNeverReachesAPowerCommand() throws Exception {
        Path marker = dir.resolve("x");
        CommandRecorder recorder = CommandRecorder.in(dir);
        String power = config("power:\n  off: ['" + recorder.script() + "', '{hostname}']\n  on: ['" + recorder.script() + "', '{hostname}']\n")
                .toString();
        for (String hostname : List.of("-oProxyCommand=touch " + marker, "$(touch " + marker + ")", "`touch " + marker + "`", "a b",
                "a'b", "a\"b", "a\nb")) {
            SimulatedCluster c = new SimulatedCluster().addNode("id1", "node1", true).addNode("id3", hostname, false);
            c.createService(service("app_web", "app"), null, w -> { });
            int writes = c.writes().size();
            for (String verb : List.of("--dry-run", "--yes")) {
                CliRun r = CliRun.run(c, "emergency", "shutdown", verb, "--state", state(), "--config", power);
                assertEquals(2, r.code(), r.out() + r.err());
                assertEquals(1, r.err().lines().count(), "one line: " + r.err());
                assertTrue(r.err().contains("node 'id3' (hostname '") && r.err().contains("it is never put in a power command"), r.err());
                assertEquals(writes, c.writes().size(), "nothing changed");
                assertFalse(Files.exists(Path.of(state())), "no state saved");
            }
        }
        assertFalse(Files.exists(marker), "no hostname ran");
        assertFalse(recorder.called(), "the power command never ran");
    }

    /**
     * Another procedure holds the journal's lock: a new cycle is refused before anything, and the
     * finished cycle's files are not put aside under the other run's feet.
     */
    @Test
    void aNewCycleWhileAnotherRunHoldsTheJournalLeavesTheFinishedCycleInPlace() throws Exception {
        SimulatedCluster c = swarm();
        Path stateFile = Path.of(state());
        Files.writeString(stateFile, "{}");
        StepJournal journal = EmergencyCycle.journalOf(stateFile);
        journal.begin("reboot", List.of("deploy-rest"));
        journal.done("reboot", "deploy-rest");
        String finished = Files.readString(journal.file());
        CommandRecorder recorder = CommandRecorder.in(dir);
        String power = config("power:\n  off: ['" + recorder.script() + "', '{hostname}']\n").toString();
        try (AutoCloseable held = journal.lock()) {
            CliRun r = CliRun.run(c, "emergency", "shutdown", "--yes", "--state", state(), "--config", power);
            assertEquals(1, r.code(), r.err());
            assertTrue(r.err().contains("another procedure is running"), r.err());
        }
        assertEquals("{}", Files.readString(stateFile), "the finished cycle's state stays in place");
        assertEquals(finished, Files.readString(journal.file()), "and its journal");
        assertFalse(recorder.called(), "no power command ran");
        assertEquals(3, c.services(Map.of()).size());
    }

    @Test
    void withoutAPowerOffCommandAndNobodyToAskTheShutdownRefusesBeforeAnyChange() {
        SimulatedCluster c = swarm();
        CliRun r = CliRun.run(c, "emergency", "shutdown", "--yes", "--state", state(), "--config", dir.resolve("none.yaml").toString());
        assertEquals(2, r.code(), "the missing config file is a usage error: " + r.err());
        r = CliRun.run(c, "emergency", "shutdown", "--yes", "--state", state());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("no power.off command configured and no terminal to ask the operator"), r.err());
        assertEquals(3, c.services(Map.of()).size());
        assertFalse(Files.exists(Path.of(state())));
    }

    @Test
    void withoutATerminalAndWithoutYesTheShutdownIsNotConfirmed() throws Exception {
        SimulatedCluster c = swarm();
        CliRun r = CliRun.run(c, "emergency", "shutdown", "--state", state(), "--config", config("power:\n  off: [poweroff]\n").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("not confirmed: no terminal"), r.err());
        assertEquals(3, c.services(Map.of()).size());
    }

    @Test
    void aRebootWithoutAStateFileSaysWhatItNeeds() {
        CliRun r = CliRun.run(swarm(), "emergency", "reboot", "--yes", "--state", state());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("no state file " + state() + ": the reboot brings back what a shutdown saved there"), r.err());
    }

    @Test
    void rebootDryRunWhileTheSwarmIsOffGoesByTheStateFile() throws Exception {
        SimulatedCluster c = swarm();
        shutDown(c);
        // everything the dry run could touch, BEFORE it: the swarm, the state file, the journal and its lock
        String power = config("registry:\n  stacks: [registry]\n  probe: http://127.0.0.1:5000/v2/\n").toString();
        SwarmState swarmBefore = SwarmState.read(c);
        Map<Path, String> filesBefore = files();
        CliRun r = CliRun.run(c, "emergency", "reboot", "--dry-run", "--state", state(), "--config", power);
        assertEquals(0, r.code(), r.err());
        String changes = r.out().substring(r.out().indexOf("dry run:"));
        assertTrue(changes.startsWith("dry run: 5 step(s) to run, making these changes:\n  node node1: power on\n"), changes);
        assertTrue(changes.indexOf("node node2: promote") > changes.indexOf("node node4: power on"), changes);
        assertTrue(changes.indexOf("service registry_registry: create") < changes.indexOf("service app_web: create"), changes);
        assertTrue(c.writes().stream().noneMatch(w -> w.endsWith(": power on")), "the swarm stays off");
        swarmBefore.assertUnchanged(c);
        assertEquals(filesBefore, files(), "the state file and the journal as they were");
    }

    /** Every file in the test's directory with its content and mode. */
    private Map<Path, String> files() throws Exception {
        Map<Path, String> out = new java.util.TreeMap<>();
        try (var walk = Files.walk(dir)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                out.put(f, java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)) + " " + Files.readString(f));
            }
        }
        return out;
    }

    @Test
    void statusTellsAnUnfinishedProcedureWithTheMonitoringCodes() throws Exception {
        CliRun none = CliRun.run(swarm(), "emergency", "status", "--state", state());
        assertEquals(0, none.code());
        assertTrue(none.out().startsWith("no emergency procedure recorded"), none.out());

        var journal = EmergencyCycle.journalOf(Path.of(state()));
        journal.begin("shutdown", List.of("save-state", "demote-node2"));
        journal.started("shutdown", "save-state");
        journal.done("shutdown", "save-state");
        journal.started("shutdown", "demote-node2");
        CliRun unfinished = CliRun.run(swarm(), "emergency", "status", "--state", state());
        assertEquals(1, unfinished.code());
        assertTrue(unfinished.out().contains("demote-node2   under way"), unfinished.out());
        assertTrue(unfinished.out().endsWith("unfinished: run 'swarmops emergency shutdown --state " + state() + "' again to continue\n"),
                unfinished.out());
        journal.done("shutdown", "demote-node2");
        assertEquals(0, CliRun.run(swarm(), "emergency", "status", "--state", state()).code());
    }

    /** A whole shutdown of the simulated swarm, as the command would run it with working power. */
    private void shutDown(SimulatedCluster c) {
        Path stateFile = Path.of(state());
        var journal = EmergencyCycle.journalOf(stateFile);
        var prepared = EmergencyCycle.prepareShutdown(c, journal, stateFile, null);
        new EmergencyExecutor(c, c.power(), RegistryProbe.none(), prepared.state(), stateFile, Map.of(), Duration.ofSeconds(2), l -> { })
                .run(prepared.runbook(), journal, prepared.newPass());
    }
}
