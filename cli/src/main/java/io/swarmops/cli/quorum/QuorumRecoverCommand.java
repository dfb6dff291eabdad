package io.swarmops.cli.quorum;

import io.swarmops.cli.Confirmation;
import io.swarmops.cli.ConfirmOptions;
import io.swarmops.cli.DurationConverter;
import io.swarmops.cli.ExitCodes;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.recovery.quorum.QuorumRecovery;
import io.swarmops.recovery.quorum.RecoveryPlan;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code quorum recover}: on a surviving manager, confirm the quorum is really lost, force a new
 * cluster from this manager's state, check nothing was lost, and promote nodes back to the manager
 * count. Run again when nodes return: it does what is left.
 */
@Command(name = "recover", mixinStandardHelpOptions = true,
        description = "Force a new cluster on this surviving manager when the quorum is lost, then restore the manager count")
public final class QuorumRecoverCommand extends SwarmopsVerb {
    @Mixin
    ManagerHosts managers;

    @Mixin
    ConfirmOptions confirm;

    @Option(names = "--managers", paramLabel = "N", defaultValue = "0",
            description = "Managers to end with (default: the count before the loss, kept odd)")
    int target;

    @Option(names = "--advertise-addr", paramLabel = "ADDR", description = "Address to re-initialise with (default: this node's own)")
    String advertiseAddr;

    @Option(names = "--remove-stale", description = "Remove the entries of former managers that are down")
    boolean removeStale;

    @Option(names = "--timeout", defaultValue = "2m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long to wait for a leader, for convergence and for returning nodes (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Override
    protected int execute() {
        RecoveryPlan plan = RecoveryPlan.plan(managers.local(context()), managers.others(context()), target, advertiseAddr, removeStale);
        if (plan.empty()) {
            out().println("nothing to recover: the quorum is held with " + plan.targetManagers() + " or more managers");
            return ExitCodes.OK;
        }
        out().println("plan:");
        int i = 1;
        for (RecoveryPlan.Step step : plan.steps()) {
            out().println("  " + i++ + ". " + step.description());
        }
        out().flush();
        if (confirm.dryRun) {
            return ExitCodes.OK;
        }
        if (!Confirmation.confirm(context(), confirm, "Recover the swarm this way?")) {
            context().say("not confirmed; nothing changed");
            return ExitCodes.FAILED;
        }
        int reachable = new QuorumRecovery(gateway(), timeout, context().progress()::step).run(plan);
        out().println("recovered: " + reachable + " managers reachable");
        return ExitCodes.OK;
    }
}
