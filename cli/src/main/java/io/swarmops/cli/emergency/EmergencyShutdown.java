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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code emergency shutdown}: save the state, demote the other managers, remove the services, power
 * off the workers, then the manager. Run again after a kill, it continues where it stopped.
 */
@Command(name = "shutdown", mixinStandardHelpOptions = true,
        description = "Save the state, demote other managers, remove services, power off workers, then the manager")
public final class EmergencyShutdown extends SwarmopsVerb {
    @Mixin
    EmergencyOptions options;

    @Mixin
    ConfirmOptions confirm;

    @Option(names = "--keep-manager", paramLabel = "NODE", description = "The manager that stays up to the end (default: the one -H names)")
    String keep;

    @Override
    protected int execute() {
        Journal journal = options.journal();
        Map<String, String> events = journal.events(EmergencyProcedures.SHUTDOWN);
        boolean resuming = !events.isEmpty() && EmergencyState.exists(options.state) && !finishedReboot(journal);
        if (resuming && lastStepStarted(events)) {
            try {
                gateway().info();
            } catch (SwarmOpsException e) {
                if (e.kind() == SwarmOpsException.Kind.UNREACHABLE) {
                    out().println("shutdown complete: the last manager is off (" + e.getMessage() + ")");
                    return ExitCodes.OK;
                }
                throw e;
            }
        }
        if (!resuming && !events.isEmpty()) {
            archive(journal);
        }
        PowerConfig config = options.powerConfig();
        var progress = context().progress();
        EmergencyProcedures procedures = new EmergencyProcedures(gateway(), options.power(context(), config), config, options.timeout,
                progress::step);
        EmergencyState state = resuming ? EmergencyState.read(options.state) : procedures.capture(keep);
        Runbook runbook = procedures.shutdown(state, options.state, resuming);
        out().println((resuming ? "resuming the emergency shutdown" : "emergency shutdown") + " of " + state.nodes().size()
                + " nodes, keeping " + state.keptManager().hostname() + " to the end:");
        runbook.print(journal, out()::println);
        out().flush();
        if (confirm.dryRun) {
            return ExitCodes.OK;
        }
        if (!Confirmation.confirm(context(), confirm, "Shut the swarm down?")) {
            context().say("not confirmed; nothing changed");
            return ExitCodes.FAILED;
        }
        runbook.run(journal, progress::step);
        out().println("shutdown complete; 'swarmops emergency reboot --state " + options.state + "' brings it back");
        return ExitCodes.OK;
    }

    private static boolean lastStepStarted(Map<String, String> events) {
        return events.keySet().stream().reduce((a, b) -> b).map(k -> k.startsWith("power-off-") && !k.equals("power-off-workers"))
                .orElse(false);
    }

    private static boolean finishedReboot(Journal journal) {
        return "done".equals(journal.events(EmergencyProcedures.REBOOT).get("deploy-rest"));
    }

    /** A new shutdown after a finished cycle keeps the old journal beside, as history. */
    private void archive(Journal journal) {
        try {
            Path old = journal.file();
            Files.move(old, Path.of(old + "." + Files.getLastModifiedTime(old).toMillis()));
        } catch (IOException e) {
            throw new SwarmOpsException(SwarmOpsException.Kind.FAILED, "cannot put the old journal aside: " + e.getMessage());
        }
    }
}
