package io.swarmops.recovery.emergency;

import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.SwarmOpsException.Kind;
import io.swarmops.recovery.journal.StepJournal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * One shutdown-and-reboot cycle lives in a state file and its journal (FILE.journal). Whether a
 * command starts a new cycle, continues the journal's current pass, or starts a new pass on the
 * saved state is decided here, from the journal alone, so that nothing saved is ever overwritten
 * before a reboot has brought it back: a state file is only put aside (renamed, never deleted) once
 * its reboot finished.
 */
public final class EmergencyCycle {
    /** How a command starts. */
    public enum Start {
        /** Nothing under way: capture the cluster, save a new state file. */
        NEW_CYCLE,
        /** Continue the journal's current pass of this procedure. */
        RESUME,
        /** A new pass of this procedure on the saved state (a reboot after a shutdown, or a shutdown during a reboot). */
        NEW_PASS
    }

    /** What a command is about to do: how it starts, on which state, by which runbook. */
    public record Prepared(Start start, EmergencyState state, Runbook runbook) {
        /** Whether the run begins a new pass in the journal (else it continues the current one). */
        public boolean newPass() {
            return start != Start.RESUME;
        }

        /**
         * Before running for real, under the journal's lock ({@link EmergencyExecutor#run(Prepared, StepJournal)}): a
         * new cycle first puts the finished one's files aside, if they still are a finished cycle (another run may have
         * begun one since this run was prepared: its files are not touched).
         */
        void beforeRun(StepJournal journal, Path stateFile) {
            if (start != Start.NEW_CYCLE) {
                return;
            }
            if (forShutdown(journal, stateFile) != Start.NEW_CYCLE) {
                throw new SwarmOpsException(Kind.CONFLICT, "the journal " + journal.file() + " changed since this run was prepared"
                        + " (another run?); nothing was changed: run the command again");
            }
            putAside(journal, stateFile, Instant.now());
        }
    }

    private EmergencyCycle() {
    }

    /**
     * The shutdown to run: a new cycle captures the live cluster (reads only); a resumed or repeated
     * one goes by the saved state, and a --keep-manager that disagrees with it is refused.
     */
    public static Prepared prepareShutdown(io.swarmops.ops.SwarmGateway gateway, StepJournal journal, Path stateFile, String keep) {
        Start start = forShutdown(journal, stateFile);
        EmergencyState state;
        if (start != Start.NEW_CYCLE && EmergencyState.exists(stateFile)) {
            state = EmergencyState.read(stateFile);
            SavedNode kept = state.keptManager();
            if (keep != null && !keep.equals(kept.hostname()) && !keep.equals(kept.id())) {
                throw SwarmOpsException.invalid("--keep-manager " + keep + ": the shutdown under way keeps " + kept.hostname()
                        + " (" + stateFile + ")");
            }
        } else {
            state = EmergencyState.capture(gateway, keep);
        }
        return new Prepared(start, state, ShutdownRunbook.plan(state, stateFile));
    }

    /** The reboot to run, from the saved state alone (the cluster may be off). */
    public static Prepared prepareReboot(StepJournal journal, Path stateFile, java.util.List<String> registryStacks, String probe) {
        Start start = forReboot(journal, stateFile);
        EmergencyState state = EmergencyState.read(stateFile);
        return new Prepared(start, state, RebootRunbook.plan(state, registryStacks, probe));
    }

    public static StepJournal journalOf(Path stateFile) {
        return new StepJournal(Path.of(stateFile + ".journal"));
    }

    public static Start forShutdown(StepJournal journal, Path stateFile) {
        Optional<StepJournal.Pass> current = journal.current();
        boolean saved = EmergencyState.exists(stateFile);
        if (current.isEmpty()) {
            if (saved) {
                throw new SwarmOpsException(Kind.FAILED, stateFile + " exists without a journal (" + journal.file()
                        + "): it may hold a workload no reboot has brought back yet. Bring it back with 'swarmops emergency reboot --state "
                        + stateFile + "', or move it aside to start a new shutdown");
            }
            return Start.NEW_CYCLE;
        }
        StepJournal.Pass pass = current.get();
        if (pass.procedure().equals(Runbook.REBOOT)) {
            if (pass.complete()) {
                return Start.NEW_CYCLE;
            }
            requireState(stateFile, saved);
            return Start.NEW_PASS; // the swarm goes down again before the reboot finished: the saved state still holds it all
        }
        if (!saved && pass.isDone("save-state")) {
            requireState(stateFile, false);
        }
        return Start.RESUME;
    }

    public static Start forReboot(StepJournal journal, Path stateFile) {
        if (!EmergencyState.exists(stateFile)) {
            throw new SwarmOpsException(Kind.NOT_FOUND, "no state file " + stateFile
                    + ": the reboot brings back what a shutdown saved there (--state FILE)");
        }
        return journal.current().filter(p -> p.procedure().equals(Runbook.REBOOT)).isPresent() ? Start.RESUME : Start.NEW_PASS;
    }

    private static void requireState(Path stateFile, boolean saved) {
        if (!saved) {
            throw new SwarmOpsException(Kind.FAILED, "the journal says the state was saved to " + stateFile
                    + ", but it is not there: restore it from where it went, or use --state with its new place");
        }
    }

    /** A finished cycle's state file and journal, renamed beside themselves with the time, for the record. */
    public static void putAside(StepJournal journal, Path stateFile, Instant now) {
        String suffix = "." + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(now);
        try {
            if (Files.exists(stateFile)) {
                Files.move(stateFile, Path.of(stateFile + suffix), StandardCopyOption.ATOMIC_MOVE);
            }
            if (Files.exists(journal.file())) {
                Files.move(journal.file(), Path.of(journal.file() + suffix), StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new SwarmOpsException(Kind.FAILED, "cannot put the finished cycle's files aside: " + e.getMessage());
        }
    }
}
