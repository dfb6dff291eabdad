package io.swarmops.cli.rebalance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.ConfirmOptions;
import io.swarmops.cli.Confirmation;
import io.swarmops.cli.DryRunPrinter;
import io.swarmops.cli.DurationConverter;
import io.swarmops.cli.ExitCodes;
import io.swarmops.cli.Progress;
import io.swarmops.cli.Subcommands;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.ClusterSnapshot;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.SwarmObject;
import io.swarmops.ops.opts.GoDuration;
import io.swarmops.rebalance.LoadMeasure;
import io.swarmops.rebalance.MoveJournal;
import io.swarmops.rebalance.RebalanceLock;
import io.swarmops.rebalance.RebalancePlan;
import io.swarmops.rebalance.RebalancePlanner;
import io.swarmops.rebalance.RebalancePolicy;
import io.swarmops.rebalance.Rebalancer;
import io.swarmops.rebalance.SimulatedSwarm;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rebalance}: when the spread of running tasks per node exceeds the threshold, move the fewest
 * tasks that bring it under — one at a time, observing after each — instead of restarting every
 * task. Cron-safe: one run per cluster (a lock in Swarm), skipped while an update runs or a node is
 * not ready, silent when there is nothing to do.
 */
@Subcommands({RebalancePlanCommand.class})
@Command(name = "rebalance", mixinStandardHelpOptions = true,
        description = "Move the fewest tasks that bring the spread of tasks per node under the threshold")
public final class RebalanceCommand extends SwarmopsVerb {
    static final String LAST_RUN = "swarmops-rebalance-last";
    static final String FINISHED = "io.swarmops.finished";

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
        if (watch) {
            return watch();
        }
        return once();
    }

    private int once() {
        Instant start = Instant.now();
        var progress = context().progress();
        Rebalancer rebalancer = new Rebalancer(gateway(), timeout, progress::step);
        if (confirm.dryRun) {
            RebalanceLock.staleJournal(gateway(), lockTimeout).ifPresent(left ->
                    out().println("dry run: a real run would first undo what a rebalance that died left: " + left.toJson()));
        } else if (!putBackWhatADeadRunLeft(rebalancer, progress)) {
            context().say("not confirmed; nothing changed");
            return ExitCodes.FAILED;
        }
        ClusterSnapshot snapshot = gateway().snapshot();
        RebalancePolicy p = policy.policy();
        LoadMeasure measure = usage.measure(context(), snapshot, p.by());
        RebalancePlan plan = RebalancePlanner.plan(snapshot, p, measure);
        String skip = Rebalancer.reasonToSkip(snapshot);
        if (skip == null && !confirm.dryRun) {
            skip = cooldownLeft();
        }
        if (skip != null) {
            context().say("rebalance skipped: " + skip);
            metrics(plan.spreadBefore(), plan.spreadBefore(), 0, start, true);
            return ExitCodes.OK;
        }
        if (!plan.needed()) {
            metrics(plan.spreadBefore(), plan.spreadBefore(), 0, start, false);
            return ExitCodes.OK; // nothing to do: quiet, for cron
        }
        usage.report(context());
        if (strategy.equals("scale")) {
            PlanTable.print(out(), plan);
        } else {
            out().println("force-update every movable service (the seed's rebalance)");
        }
        out().flush();
        if (confirm.dryRun) {
            return dryRun(snapshot, p, measure);
        }
        if (!Confirmation.confirm(context(), confirm, "Move these tasks?")) {
            context().say("not confirmed; nothing changed");
            return ExitCodes.FAILED;
        }
        CountDownLatch ended = new CountDownLatch(1);
        Thread onSignal = new Thread(() -> {
            progress.step("interrupted: putting the move in progress back");
            rebalancer.stop();
            awaitEnd(ended, progress);
        }, "rebalance-interrupted");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try (RebalanceLock lock = RebalanceLock.acquire(gateway(), owner(), lockTimeout, undoing(rebalancer, progress))) {
            Rebalancer.Outcome outcome = strategy.equals("scale") ? rebalancer.run(p, measure, lock) : rebalancer.forceAll(p, lock);
            recordFinished();
            progress.step(String.format(Locale.ROOT, "rebalanced: %d move(s), spread %.2f → %.2f in %.1f s%s", outcome.moves(),
                    outcome.spreadBefore(), outcome.spreadAfter(), outcome.took().toMillis() / 1000.0,
                    outcome.note().isEmpty() ? "" : " (" + outcome.note() + ")"));
            metrics(outcome.spreadBefore(), outcome.spreadAfter(), outcome.moves(), start, false);
            return outcome.spreadAfter() <= p.threshold() ? ExitCodes.OK : ExitCodes.FAILED;
        } catch (SwarmOpsException e) {
            if (!rebalancer.stopped()) {
                throw e;
            }
            // said here, not by the error handler: the JVM may end (128 + the signal: 130, 143) as soon as this thread is done
            progress.step(e instanceof Rebalancer.Interrupted ? "interrupted: no move left half made; the lock released"
                    : "interrupted: " + e.getMessage() + " (what could not be put back stays journalled in the lock: the first run"
                            + " after --lock-timeout puts it back)");
            return ExitCodes.FAILED;
        } finally {
            ended.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running, and waited for the line above
            }
        }
    }

    /**
     * SIGTERM or Ctrl-C: the shutdown hook waits while the run's own thread puts the move in progress
     * back (see {@link Rebalancer#stop()}), as long as that can take (two steps), then lets the JVM end.
     */
    private void awaitEnd(CountDownLatch ended, Progress progress) {
        Duration bound = timeout.multipliedBy(2).plusSeconds(30);
        try {
            if (!ended.await(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                progress.step("the move in progress was not put back within " + GoDuration.format(bound)
                        + "; the lock keeps its journal: the first run after --lock-timeout puts it back");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What a run that died left half made (nodes paused, a service scaled up, constrained or with the
     * move's update config) is put back before anything is read for the plan or the skips: it is not
     * the cluster to plan on, its paused nodes hide load from the spread (a run with nothing to do
     * would leave them paused), and its forced update would skip every run until it ends. False when
     * the operator, asked, says no.
     */
    private boolean putBackWhatADeadRunLeft(Rebalancer rebalancer, Progress progress) {
        var left = RebalanceLock.staleJournal(gateway(), lockTimeout);
        if (left.isEmpty()) {
            return true;
        }
        if (!Confirmation.confirm(context(), confirm, "A rebalance that died left a move half made: put it back?")) {
            return false;
        }
        RebalanceLock.acquire(gateway(), owner(), lockTimeout, undoing(rebalancer, progress)).close();
        return true;
    }

    private static java.util.function.Consumer<MoveJournal> undoing(Rebalancer rebalancer, Progress progress) {
        return journal -> {
            progress.step("undoing what a rebalance that died left: " + journal.toJson());
            rebalancer.undo(journal);
        };
    }

    /**
     * --dry-run: the real executor, against a simulation of this cluster started from the snapshot
     * (swarmkit's placement rules, ties at random); prints the writes it would make. Waits do not
     * wait: in the simulation a change converges at once, or never.
     */
    private int dryRun(ClusterSnapshot snapshot, RebalancePolicy p, LoadMeasure measure) {
        SimulatedSwarm simulation = SimulatedSwarm.of(snapshot, snapshot.takenAt().toEpochMilli());
        Rebalancer rebalancer = new Rebalancer(simulation, Duration.ZERO, line -> { });
        String headline = "the steps, simulated on a copy of the cluster (Swarm breaks ties at random: a real run re-plans after each move)";
        try (RebalanceLock lock = RebalanceLock.acquire(simulation, owner(), lockTimeout, rebalancer::undo)) {
            Rebalancer.Outcome outcome = strategy.equals("scale") ? rebalancer.run(p, measure, lock) : rebalancer.forceAll(p, lock);
            DryRunPrinter.print(out(), headline, simulation, DryRunPrinter.configs(), String.format(Locale.ROOT,
                    "predicted: %d move(s), spread %.2f → %.2f", outcome.moves(), outcome.spreadBefore(), outcome.spreadAfter()));
            return ExitCodes.OK;
        } catch (SwarmOpsException e) {
            DryRunPrinter.print(out(), headline, simulation, DryRunPrinter.configs(), "the simulation stopped");
            throw new SwarmOpsException(SwarmOpsException.Kind.FAILED, "the simulated rebalance stopped: " + e.getMessage()
                    + " (nothing changed)");
        }
    }

    /**
     * Runs once, then again on each node event that can call for it (a node joined, became ready or
     * active), within the same limits: lock, skips, cooldown. A run that fails says so in one line
     * and the watch goes on; the event stream failing (the daemon gone) ends it, exit 1, for systemd
     * to restart. Events from before the end of the last run (its own pauses and restores among them)
     * are not acted on.
     */
    private int watch() {
        if (!confirm.yes) {
            throw SwarmOpsException.invalid("rebalance --watch acts unattended: pass --yes");
        }
        context().say("watching node events; rebalancing when a node joins, becomes ready or active");
        long[] lastRunEnded = {watchedRun()};
        while (true) {
            gateway().events(Map.of("type", List.of("node")), Duration.ZERO, event -> {
                JsonNode attrs = event.path("Actor").path("Attributes");
                boolean joined = "create".equals(event.path("Action").asText());
                boolean ready = "ready".equals(attrs.path("state.new").asText());
                boolean active = "active".equals(attrs.path("availability.new").asText());
                if ((joined || ready || active) && event.path("time").asLong(Long.MAX_VALUE) > lastRunEnded[0]) {
                    context().say("node " + attrs.path("name").asText(event.path("Actor").path("ID").asText()) + " "
                            + (joined ? "joined" : ready ? "is ready" : "is active") + ": checking the spread");
                    lastRunEnded[0] = watchedRun();
                }
                return true;
            });
        }
    }

    /** One run under --watch: a failure is one line, not the end of the watch. Returns when it ended (epoch s). */
    private long watchedRun() {
        try {
            once();
        } catch (SwarmOpsException e) {
            context().say("rebalance failed: " + e.getMessage());
        }
        return Instant.now().getEpochSecond();
    }

    private String cooldownLeft() {
        try {
            SwarmObject last = gateway().config(LAST_RUN);
            Instant finished = Instant.ofEpochSecond(Long.parseLong(last.labels().getOrDefault(FINISHED, "0")));
            Duration since = Duration.between(finished, Instant.now());
            if (since.compareTo(cooldown) < 0) {
                return "the last run ended " + since.toSeconds() + " s ago (cooldown " + GoDuration.format(cooldown) + ")";
            }
        } catch (SwarmOpsException e) {
            if (e.kind() != SwarmOpsException.Kind.NOT_FOUND) {
                throw e;
            }
        }
        return null;
    }

    private void recordFinished() {
        try {
            SwarmObject last = gateway().config(LAST_RUN);
            gateway().removeConfig(last.id());
        } catch (SwarmOpsException e) {
            if (e.kind() != SwarmOpsException.Kind.NOT_FOUND) {
                throw e;
            }
        }
        ObjectNode spec = Json.object().put("Name", LAST_RUN);
        spec.putObject("Labels").put(FINISHED, String.valueOf(Instant.now().getEpochSecond()));
        spec.put("Data", Base64.getEncoder().encodeToString("last rebalance".getBytes(StandardCharsets.UTF_8)));
        gateway().createConfig(spec);
    }

    private void metrics(double before, double after, int moves, Instant start, boolean skipped) {
        if (metricsFile != null && !confirm.dryRun) { // a dry run writes nothing, metrics included
            MetricsFile.write(metricsFile, before, after, moves, Duration.between(start, Instant.now()).toMillis() / 1000.0, skipped);
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
