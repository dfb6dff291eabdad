package io.swarmops.cli.quorum;

import io.swarmops.cli.ConfirmOptions;
import io.swarmops.cli.Confirmation;
import io.swarmops.cli.DurationConverter;
import io.swarmops.cli.ExitCodes;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.ops.Waits;
import io.swarmops.recovery.backup.WorkloadBackup;
import io.swarmops.recovery.quorum.QuorumRecovery;
import io.swarmops.recovery.quorum.RecoveryPlan;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code quorum recover}: on a surviving manager, confirm the quorum is really lost, force a new
 * cluster from this manager's state, check nothing was lost, and bring the managers back to their
 * count. Run again when nodes return: it does what is left.
 */
@Command(name = "recover", mixinStandardHelpOptions = true,
        description = "Force a new cluster on this surviving manager when the quorum is lost, then restore the manager count. "
                + "Exit: 0 done, 1 refused, failed or not finished (run again when nodes return), 2 usage")
public final class QuorumRecover extends SwarmopsVerb {
    @Mixin
    ManagerHosts managers;

    @Mixin
    ConfirmOptions confirm;

    @Option(names = "--managers", paramLabel = "N", defaultValue = "0",
            description = "Managers to end with (default: the count before the loss, kept odd; later runs: the count recorded then)")
    int target;

    @Option(names = "--advertise-addr", paramLabel = "ADDR[:PORT]", description = "Address to re-initialise with (default: this manager's Raft address)")
    String advertiseAddr;

    @Option(names = "--remove-stale", description = "Remove the entries of former managers that are down (they must join again)")
    boolean removeStale;

    @Option(names = "--expect", paramLabel = "BACKUP", description = "A 'swarmops backup' file: check that its services, networks, "
            + "configs and secrets are all still there after the new cluster")
    Path expect;

    @Option(names = "--timeout", defaultValue = "2m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long to wait for the leader, the replicas and returning nodes (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--detach", description = "Do not wait for replicas, returning nodes or promotions")
    boolean detach;

    @Override
    protected int execute() {
        if (target < 0) {
            throw io.swarmops.ops.SwarmOpsException.invalid("--managers must be 1 or more");
        }
        WorkloadBackup expected = expect == null ? null : WorkloadBackup.read(expect);
        ManagerHosts.Answers a = managers.ask(context());
        RecoveryPlan plan = RecoveryPlan.plan(a.local(), a.others(), a.notAsked(), ManagerHosts.recorded(context(), a.local()),
                target, advertiseAddr, removeStale);
        a.others().forEach(o -> out().println("asked " + o.host() + ": " + o.answer()));
        if (plan.empty()) {
            out().println("nothing to recover: the quorum is held with " + plan.status().reachable() + " reachable managers ("
                    + plan.targetManagers() + " wanted)");
            return ExitCodes.OK;
        }
        plan.warnings().forEach(w -> out().println("warning: " + w));
        out().println("plan:");
        int i = 1;
        for (RecoveryPlan.Step step : plan.steps()) {
            out().println("  " + i++ + ". " + step.description());
        }
        out().flush();
        if (confirm.dryRun) {
            return ExitCodes.OK;
        }
        if (!Confirmation.confirm(context(), confirm, plan.forcesNewCluster() ? "Force a new cluster from this manager?" : "Go ahead?")) {
            context().say("not confirmed; nothing changed");
            return ExitCodes.FAILED;
        }
        QuorumRecovery recovery = new QuorumRecovery(gateway(),
                QuorumRecovery.peers(ManagerHosts.dockerHosts(a.peers()), context()::gatewayTo), timeout, detach, expected,
                context().progress()::step, Clock.systemUTC(), Waits.THREAD_SLEEP);
        QuorumRecovery.Result r = recovery.run(plan);
        if (r.complete()) {
            out().println("recovered: " + r.reachableManagers() + " managers reachable");
            return ExitCodes.OK;
        }
        out().println("not finished: " + r.reachableManagers() + " of " + r.targetManagers() + " managers reachable");
        r.problems().forEach(p -> out().println("  - " + p));
        return ExitCodes.FAILED;
    }
}
