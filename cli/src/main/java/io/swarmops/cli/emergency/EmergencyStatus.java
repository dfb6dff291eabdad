package io.swarmops.cli.emergency;

import io.swarmops.cli.ExitCodes;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.cli.format.Table;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.recovery.emergency.Runbook;
import io.swarmops.recovery.emergency.ShutdownRunbook;
import io.swarmops.recovery.journal.StepJournal;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code emergency status}: where a shutdown or reboot stands, from its journal alone (no daemon
 * needed: the swarm may be off). Exit codes as monitoring reads them: 0 nothing unfinished, 1 a
 * procedure unfinished (killed, or a step failed: run the same command again), 3 the journal
 * cannot be read.
 */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Where a shutdown or reboot stands, from its journal")
public final class EmergencyStatus extends SwarmopsVerb {
    @Mixin
    StateFileOption stateFile;

    @Override
    protected int execute() {
        StepJournal journal = stateFile.journal();
        List<StepJournal.Pass> passes;
        try {
            passes = journal.passes();
        } catch (SwarmOpsException e) {
            context().say(e.getMessage());
            return ExitCodes.MON_UNKNOWN;
        }
        if (passes.isEmpty()) {
            out().println("no emergency procedure recorded in " + journal.file());
            return ExitCodes.MON_OK;
        }
        for (StepJournal.Pass p : passes) {
            out().println(p.procedure() + " begun " + p.begun().truncatedTo(ChronoUnit.SECONDS) + ": " + verdict(p));
            Table t = Table.of("STEP", "STATE", "STARTED", "TOOK");
            for (String step : p.steps()) {
                StepJournal.Entry last = p.last().get(step);
                String state = last == null ? "to do" : switch (last.event()) {
                    case StepJournal.DONE -> "done";
                    case StepJournal.FAILED -> "failed: " + last.message();
                    default -> "under way";
                };
                var started = p.startedAt().get(step);
                t.row(step, state, started == null ? "" : started.truncatedTo(ChronoUnit.SECONDS).toString(),
                        p.took(step).map(EmergencyStatus::seconds).orElse(""));
            }
            t.print(out());
        }
        StepJournal.Pass current = passes.get(passes.size() - 1);
        boolean finished = current.complete() || lastManagerGoing(current);
        out().println(finished ? "nothing unfinished" : "unfinished: run 'swarmops emergency " + current.procedure() + " --state "
                + stateFile.state + "' again to continue");
        return finished ? ExitCodes.MON_OK : ExitCodes.MON_WARNING;
    }

    private static String verdict(StepJournal.Pass p) {
        if (p.complete()) {
            return "complete";
        }
        if (lastManagerGoing(p)) {
            return "complete unless the last manager still answers (its power-off was under way; swarmops may have run on it)";
        }
        return p.steps().stream().anyMatch(s -> StepJournal.FAILED.equals(p.event(s))) ? "a step failed" : "unfinished";
    }

    /** Every step of a shutdown done but the last manager's power-off, which was under way: the API ends with it. */
    private static boolean lastManagerGoing(StepJournal.Pass p) {
        List<String> steps = p.steps();
        String last = steps.isEmpty() ? "" : steps.get(steps.size() - 1);
        return p.procedure().equals(Runbook.SHUTDOWN) && last.startsWith(ShutdownRunbook.LAST_STEP) && StepJournal.STARTED.equals(p.event(last))
                && steps.subList(0, steps.size() - 1).stream().allMatch(p::isDone);
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
