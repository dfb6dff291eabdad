package io.swarmops.cli.emergency;

import io.swarmops.cli.ExitCodes;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.recovery.emergency.Runbook;
import io.swarmops.recovery.emergency.ShutdownRunbook;
import io.swarmops.recovery.journal.StepJournal;
import java.util.List;
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
        passes.forEach(p -> JournalFormatter.print(out(), p));
        StepJournal.Pass current = passes.get(passes.size() - 1);
        boolean finished = current.complete() || lastManagerGoing(current);
        out().println(finished ? "nothing unfinished" : "unfinished: run 'swarmops emergency " + current.procedure() + " --state "
                + stateFile.state + "' again to continue");
        return finished ? ExitCodes.MON_OK : ExitCodes.MON_WARNING;
    }

    /** Every step of a shutdown done but the last manager's power-off, which was under way: the API ends with it. */
    static boolean lastManagerGoing(StepJournal.Pass p) {
        List<String> steps = p.steps();
        String last = steps.isEmpty() ? "" : steps.get(steps.size() - 1);
        return p.procedure().equals(Runbook.SHUTDOWN) && last.startsWith(ShutdownRunbook.LAST_STEP) && StepJournal.STARTED.equals(p.event(last))
                && steps.subList(0, steps.size() - 1).stream().allMatch(p::isDone);
    }
}
