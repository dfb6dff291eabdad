package io.swarmops.cli.emergency;

import io.swarmops.cli.ConfirmOptions;
import io.swarmops.cli.Confirmation;
import io.swarmops.cli.ExitCodes;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.recovery.emergency.EmergencyCycle;
import io.swarmops.recovery.emergency.EmergencyExecutor;
import io.swarmops.recovery.emergency.RegistryProbe;
import io.swarmops.recovery.journal.StepJournal;
import io.swarmops.recovery.power.PowerConfig;
import io.swarmops.recovery.power.PowerSwitch;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code emergency shutdown}: save the state, demote the other managers, remove the stacks and
 * services, power off the workers, then the manager. Run again after a kill, it continues where it
 * stopped.
 */
@Command(name = "shutdown", mixinStandardHelpOptions = true,
        description = "Save the state, demote the other managers, remove stacks and services, power off the workers, then the manager")
public final class EmergencyShutdown extends SwarmopsVerb {
    @Mixin
    StateFileOption stateFile;

    @Mixin
    PowerOptions powerOptions;

    @Mixin
    ConfirmOptions confirm;

    @Option(names = "--keep-manager", paramLabel = "NODE", description = "The manager that stays up to the end (default: the one -H names)")
    String keep;

    @Override
    protected int execute() {
        StepJournal journal = stateFile.journal();
        PowerConfig config = powerOptions.powerConfig();
        EmergencyCycle.Prepared prepared = EmergencyCycle.prepareShutdown(gateway(), journal, stateFile.state, keep);
        boolean resuming = prepared.start() != EmergencyCycle.Start.NEW_CYCLE;
        out().println((resuming ? "continuing the emergency shutdown" : "emergency shutdown") + " of " + prepared.state().nodes().size()
                + " nodes, keeping " + prepared.state().keptManager().hostname() + " to the end:");
        StepJournal.Pass pass = prepared.newPass() ? null : journal.current().orElse(null);
        prepared.runbook().lines(k -> pass != null && pass.isDone(k)).forEach(out()::println);
        out().flush();
        Duration timeout = powerOptions.timeout;
        if (confirm.dryRun) {
            DryRun.run(out(), DryRun.cluster(gateway(), prepared.state()), prepared, stateFile.state, journal,
                    (cluster, state) -> new EmergencyExecutor(cluster, cluster.power(), RegistryProbe.none(), prepared.state(), state, Map.of(),
                            timeout, line -> { }));
            return ExitCodes.OK;
        }
        PowerSwitch power = PowerOptions.power(context(), config);
        String refusal = power.refusal(false);
        if (refusal != null) {
            throw new SwarmOpsException(SwarmOpsException.Kind.FAILED, refusal);
        }
        if (!Confirmation.confirm(context(), confirm, "Shut the whole swarm down?")) {
            context().say("not confirmed; nothing changed");
            return ExitCodes.FAILED;
        }
        var progress = context().progress();
        Map<String, Duration> took = new EmergencyExecutor(gateway(), power, RegistryProbe.none(), prepared.state(), stateFile.state, Map.of(),
                timeout, progress::step).run(prepared, journal);
        Timings.print(out(), took);
        out().println("shutdown complete; 'swarmops emergency reboot --state " + stateFile.state + "' brings the swarm back");
        return ExitCodes.OK;
    }
}
