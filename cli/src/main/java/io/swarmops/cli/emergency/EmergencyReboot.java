package io.swarmops.cli.emergency;

import io.swarmops.cli.Confirmation;
import io.swarmops.cli.ConfirmOptions;
import io.swarmops.cli.ExitCodes;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.recovery.emergency.EmergencyProcedures;
import io.swarmops.recovery.emergency.EmergencyState;
import io.swarmops.recovery.emergency.Journal;
import io.swarmops.recovery.emergency.PowerConfig;
import io.swarmops.recovery.emergency.Runbook;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code emergency reboot}: in reverse — the manager shut down last first, then the others; promote
 * to the saved manager count; the registry stacks first, then everything else, as saved.
 */
@Command(name = "reboot", mixinStandardHelpOptions = true,
        description = "Power on the last manager, then the others; promote; registry stacks first, then every other service")
public final class EmergencyReboot extends SwarmopsVerb {
    @Mixin
    EmergencyOptions options;

    @Mixin
    ConfirmOptions confirm;

    @Override
    protected int execute() {
        if (!EmergencyState.exists(options.state)) {
            throw new SwarmOpsException(SwarmOpsException.Kind.NOT_FOUND, "no state file " + options.state
                    + ": the reboot re-creates what a shutdown saved (--state FILE)");
        }
        EmergencyState state = EmergencyState.read(options.state);
        Journal journal = options.journal();
        PowerConfig config = options.powerConfig();
        var progress = context().progress();
        Runbook runbook = new EmergencyProcedures(gateway(), options.power(context(), config), config, options.timeout, progress::step)
                .reboot(state);
        out().println("emergency reboot of " + state.nodes().size() + " nodes, starting with " + state.keptManager().hostname() + ":");
        runbook.print(journal, out()::println);
        out().flush();
        if (confirm.dryRun) {
            return ExitCodes.OK;
        }
        if (!Confirmation.confirm(context(), confirm, "Bring the swarm back?")) {
            context().say("not confirmed; nothing changed");
            return ExitCodes.FAILED;
        }
        runbook.run(journal, progress::step);
        out().println("reboot complete: " + state.workload().services().size() + " services re-created as saved");
        return ExitCodes.OK;
    }
}
