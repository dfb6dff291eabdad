package io.swarmops.recovery.emergency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmops.ops.SwarmOpsException;
import io.swarmops.recovery.emergency.EmergencyCycle.Start;
import io.swarmops.recovery.journal.StepJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a command starts, from the journal: nothing saved is ever overwritten before its reboot finished. */
class EmergencyCycleTest {
    @TempDir
    Path dir;

    Path state() {
        return dir.resolve("state.json");
    }

    StepJournal journal() {
        return EmergencyCycle.journalOf(state());
    }

    @Test
    void nothingRecordedStartsANewCycleAndARebootNeedsAStateFile() {
        assertEquals(Start.NEW_CYCLE, EmergencyCycle.forShutdown(journal(), state()));
        SwarmOpsException e = assertThrows(SwarmOpsException.class, () -> EmergencyCycle.forReboot(journal(), state()));
        assertEquals(SwarmOpsException.Kind.NOT_FOUND, e.kind());
    }

    @Test
    void aStateFileWithoutItsJournalIsNeverOverwritten() throws Exception {
        Files.writeString(state(), "{}");
        SwarmOpsException e = assertThrows(SwarmOpsException.class, () -> EmergencyCycle.forShutdown(journal(), state()));
        assertTrue(e.getMessage().contains("it may hold a workload no reboot has brought back yet"), e.getMessage());
        assertEquals(Start.NEW_PASS, EmergencyCycle.forReboot(journal(), state()), "but a reboot may bring it back");
    }

    @Test
    void anUnfinishedShutdownIsContinuedAndARebootAfterItIsANewPass() throws Exception {
        journal().begin(Runbook.SHUTDOWN, List.of("save-state", "demote-node2"));
        journal().started(Runbook.SHUTDOWN, "save-state");
        assertEquals(Start.RESUME, EmergencyCycle.forShutdown(journal(), state()), "killed before the state was written: captured again");
        journal().done(Runbook.SHUTDOWN, "save-state");
        assertThrows(SwarmOpsException.class, () -> EmergencyCycle.forShutdown(journal(), state()), "saved, but the file is gone");
        Files.writeString(state(), "{}");
        assertEquals(Start.RESUME, EmergencyCycle.forShutdown(journal(), state()));
        assertEquals(Start.NEW_PASS, EmergencyCycle.forReboot(journal(), state()));
    }

    @Test
    void aShutdownDuringAnUnfinishedRebootGoesByTheSavedStateAndAFinishedCycleIsPutAside() throws Exception {
        Files.writeString(state(), "{}");
        journal().begin(Runbook.REBOOT, List.of("power-on-manager-node1", "deploy-rest"));
        journal().done(Runbook.REBOOT, "power-on-manager-node1");
        assertEquals(Start.RESUME, EmergencyCycle.forReboot(journal(), state()));
        assertEquals(Start.NEW_PASS, EmergencyCycle.forShutdown(journal(), state()));
        journal().done(Runbook.REBOOT, "deploy-rest");
        assertEquals(Start.NEW_CYCLE, EmergencyCycle.forShutdown(journal(), state()));

        new EmergencyCycle.Prepared(Start.NEW_CYCLE, null, null).beforeRun(journal(), state());
        try (var files = Files.list(dir)) {
            List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
            assertEquals(2, names.size());
            assertTrue(names.get(0).matches("state\\.json\\.\\d{8}T\\d{6}Z"), names.toString());
            assertTrue(names.get(1).matches("state\\.json\\.journal\\.\\d{8}T\\d{6}Z"), names.toString());
        }
    }

    @Test
    void continuingAShutdownWithAnotherManagerToKeepIsRefused() {
        SimulatedCluster c = FourNodeSwarm.build();
        Cycle cycle = new Cycle(state());
        io.swarmops.recovery.power.PowerSwitch dies = new io.swarmops.recovery.power.PowerSwitch() {
            @Override
            public void off(io.swarmops.recovery.power.Machine m) {
                throw new IllegalStateException("killed");
            }

            @Override
            public void on(io.swarmops.recovery.power.Machine m) {
                throw new IllegalStateException("not in a shutdown");
            }
        };
        assertThrows(IllegalStateException.class, () -> cycle.shutdown(c, dies, null));
        SwarmOpsException e = assertThrows(SwarmOpsException.class, () -> EmergencyCycle.prepareShutdown(c, journal(), state(), "node2"));
        assertEquals("--keep-manager node2: the shutdown under way keeps node1 (" + state() + ")", e.getMessage());
        assertEquals(Start.RESUME, EmergencyCycle.prepareShutdown(c, journal(), state(), "node1").start());
    }

    /** Prepared as a new cycle, but another run began a shutdown since: its fresh journal and state are not put aside. */
    @Test
    void aNewCycleDoesNotPutAsideWhatAnotherRunBeganSinceItWasPrepared() throws Exception {
        SimulatedCluster c = FourNodeSwarm.build();
        EmergencyCycle.Prepared late = EmergencyCycle.prepareShutdown(c, journal(), state(), null);
        assertEquals(Start.NEW_CYCLE, late.start());
        journal().begin(Runbook.SHUTDOWN, List.of("save-state"));
        Files.writeString(state(), "{\"other\":true}");
        String journalNow = Files.readString(journal().file());
        EmergencyExecutor executor = new EmergencyExecutor(c, c.power(), RegistryProbe.none(), late.state(), state(), Map.of(),
                Cycle.TIMEOUT, s -> { });
        SwarmOpsException e = assertThrows(SwarmOpsException.class, () -> executor.run(late, journal()));
        assertEquals(SwarmOpsException.Kind.CONFLICT, e.kind());
        assertTrue(e.getMessage().contains("changed since this run was prepared"), e.getMessage());
        assertEquals("{\"other\":true}", Files.readString(state()));
        assertEquals(journalNow, Files.readString(journal().file()));
    }
}
