package io.swarmops.cli.rebalance;

import io.swarmops.cli.ConfirmOptions;
import io.swarmops.cli.Confirmation;
import io.swarmops.cli.DryRunPrinter;
import io.swarmops.cli.DurationConverter;
import io.swarmops.cli.ExitCodes;
import io.swarmops.cli.Subcommands;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.ClusterSnapshot;
import io.swarmops.rebalance.LoadMeasure;
import io.swarmops.rebalance.MoveJournal;
import io.swarmops.rebalance.RebalancePlan;
import io.swarmops.rebalance.RebalancePolicy;
import io.swarmops.rebalance.RebalanceRun;
import io.swarmops.rebalance.SimulatedSwarm;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rebalance}: when the spread of running tasks per node exceeds the threshold, move the fewest
 * tasks that bring it under — one at a time, observing after each — instead of restarting every
 * task. Cron-safe: one run per cluster (a lock in Swarm), skipped while an update runs or a node is
 * not ready, silent when there is nothing to do. The rules of a run are {@link RebalanceRun}'s; this
 * command parses the options, answers the run's questions and prints what it says.
 */
@Subcommands({io.swarmops.cli.rebalance.RebalancePlan.class}) // not the imported plan: the verb `rebalance plan`
@Command(name = "rebalance", mixinStandardHelpOptions = true,
        description = "Move the fewest tasks that bring the spread of tasks per node under the threshold")
public final class RebalanceCommand extends SwarmopsVerb {
    @Mixin
    PolicyOptions policy;

    @Mixin
    UsageOptions usage;

    @Mixin
    ConfirmOptions confirm;

    @Option(names = "--strategy", defaultValue = "scale", paramLabel = "STRATEGY",
            description = "scale: move single tasks (default); force: force-update every service, as the seed's cron does")
    String strategy;

    @Option(names = "--timeout", defaultValue = "2m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long one step of a move may take; a forced update, this long for each task (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--cooldown", defaultValue = "5m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Skip when the last run ended less than this ago (default: ${DEFAULT-VALUE})")
    Duration cooldown;

    @Option(names = "--lock-timeout", defaultValue = "15m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "A lock older than this belongs to a run that died: undo its move and go on (default: ${DEFAULT-VALUE})")
    Duration lockTimeout;

    @Option(names = "--metrics-file", paramLabel = "FILE", description = "Write Prometheus textfile metrics of the run")
    Path metricsFile;

    @Option(names = "--watch", description = "Keep running: rebalance when a node joins or returns to ready (needs --yes)")
    boolean watch;

    @Override
    protected int execute() {
        if (!strategy.equals("scale") && !strategy.equals("force")) {
            throw SwarmOpsException.invalid("invalid --strategy \"" + strategy + "\": use scale or force");
        }
        RebalanceRun run = new RebalanceRun(gateway(), new RebalanceRun.Settings(policy.policy(), strategy.equals("force"), timeout,
                cooldown, lockTimeout, confirm.dryRun, owner()), new Printed());
        if (watch) {
            if (!confirm.yes) {
                throw SwarmOpsException.invalid("rebalance --watch acts unattended: pass --yes");
            }
            run.watch(); // returns only by throwing: the event stream failed
        }
        return run.once().ok() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** What the run asks and tells, on this command's terminal and streams. */
    private final class Printed implements RebalanceRun.Listener {
        @Override
        public void say(String line) {
            context().say(line);
        }

        @Override
        public void step(String line) {
            context().progress().step(line);
        }

        @Override
        public boolean confirm(String question) {
            return Confirmation.confirm(context(), confirm, question);
        }

        @Override
        public LoadMeasure measure(ClusterSnapshot snapshot, RebalancePolicy.Measure by) {
            return usage.measure(context(), snapshot, by);
        }

        @Override
        public void planned(RebalancePlan plan) {
            usage.report(context());
            if (strategy.equals("scale")) {
                PlanTable.print(out(), plan);
            } else {
                out().println("force-update every movable service (the seed's rebalance)");
            }
            out().flush();
        }

        @Override
        public void wouldUndo(MoveJournal left) {
            out().println("dry run: a real run would first undo what a rebalance that died left: " + left.toJson());
        }

        @Override
        public void simulated(SimulatedSwarm simulation, String outcome) {
            DryRunPrinter.print(out(), "the steps, simulated on a copy of the cluster (Swarm breaks ties at random: a real run re-plans"
                    + " after each move)", simulation, DryRunPrinter.configs(), outcome);
        }

        @Override
        public void ended(RebalanceRun.Summary s) {
            if (metricsFile != null) {
                MetricsFile.write(metricsFile, s.spreadBefore(), s.spreadAfter(), s.moves(), s.took().toMillis() / 1000.0, s.skipped());
            }
        }
    }

    /** This run, as a lock names its holder: host/pid. */
    public static String owner() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "unknown";
        }
        return System.getProperty("user.name") + "@" + host + "/" + ManagementFactory.getRuntimeMXBean().getPid();
    }
}
