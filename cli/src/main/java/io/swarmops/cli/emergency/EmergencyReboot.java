package io.swarmops.cli.emergency;

import io.swarmops.cli.ConfirmOptions;
import io.swarmops.cli.Confirmation;
import io.swarmops.cli.ExitCodes;
import io.swarmops.cli.SecretDataOptions;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.recovery.emergency.EmergencyCycle;
import io.swarmops.recovery.emergency.EmergencyExecutor;
import io.swarmops.recovery.emergency.RegistryProbe;
import io.swarmops.recovery.emergency.RunbookStep;
import io.swarmops.recovery.journal.StepJournal;
import io.swarmops.recovery.power.PowerConfig;
import io.swarmops.recovery.power.PowerSwitch;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code emergency reboot}: the shutdown in reverse — the manager shut down last first, then the
 * others; promote to the saved manager count; the registry stacks first, then everything else, as
 * saved. Works after a partial shutdown too, and continues where it stopped when run again.
 */
@Command(name = "reboot", mixinStandardHelpOptions = true,
        description = "Power on the last manager, then the others; promote; the registry stacks first, then every other stack and service")
public final class EmergencyReboot extends SwarmopsVerb {
    @Mixin
    StateFileOption stateFile;

    @Mixin
    PowerOptions powerOptions;

    @Mixin
    ConfirmOptions confirm;

    @Mixin
    SecretDataOptions secrets;

    @Override
    protected int execute() {
        StepJournal journal = stateFile.journal();
        PowerConfig config = powerOptions.powerConfig();
        EmergencyCycle.Prepared prepared = EmergencyCycle.prepareReboot(journal, stateFile.state, config.registryStacks(), config.registryProbe());
        Map<String, byte[]> secretData = secrets.data();
        out().println("emergency reboot of " + prepared.state().nodes().size() + " nodes, starting with "
                + prepared.state().keptManager().hostname() + (config.registryStacks().isEmpty()
                        ? " (no registry stack configured: registry.stacks in the power config)" : "") + ":");
        StepJournal.Pass pass = prepared.newPass() ? null : journal.current().orElse(null);
        prepared.runbook().lines(k -> pass != null && pass.isDone(k)).forEach(out()::println);
        out().flush();
        Duration timeout = powerOptions.timeout;
        if (confirm.dryRun) {
            DryRun.run(out(), DryRun.cluster(gateway(), prepared.state()), prepared, stateFile.state, journal,
                    (cluster, state) -> new EmergencyExecutor(cluster, cluster.power(), cluster.probe(config.registryStacks()), prepared.state(),
                            state, secretData, timeout, line -> { }));
            return ExitCodes.OK;
        }
        PowerSwitch power = PowerOptions.power(context(), config);
        boolean powersOn = prepared.runbook().steps().stream().anyMatch(s -> (s.action() == RunbookStep.Action.POWER_ON_FIRST_MANAGER
                || s.action() == RunbookStep.Action.POWER_ON_OTHERS) && (pass == null || !pass.isDone(s.key())));
        String refusal = powersOn ? power.refusal(true) : null;
        if (refusal != null) {
            throw new SwarmOpsException(SwarmOpsException.Kind.FAILED, refusal);
        }
        if (!Confirmation.confirm(context(), confirm, "Bring the swarm back?")) {
            context().say("not confirmed; nothing changed");
            return ExitCodes.FAILED;
        }
        RegistryProbe probe = config.registryProbe() == null ? RegistryProbe.none() : RegistryProbe.http(config.registryProbe());
        var progress = context().progress();
        Map<String, Duration> took = new EmergencyExecutor(gateway(), power, probe, prepared.state(), stateFile.state, secretData, timeout,
                progress::step).run(prepared, journal);
        Timings.print(out(), took);
        out().println("reboot complete: " + prepared.state().workload().services().size() + " service(s) as saved");
        return ExitCodes.OK;
    }
}
