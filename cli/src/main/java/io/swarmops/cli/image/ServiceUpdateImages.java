package io.swarmops.cli.image;

import io.swarmops.cli.ConfirmOptions;
import io.swarmops.cli.Confirmation;
import io.swarmops.cli.DryRunPrinter;
import io.swarmops.cli.DurationConverter;
import io.swarmops.cli.ExitCodes;
import io.swarmops.cli.OutputOptions;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.cli.image.ImageStatus.Status;
import io.swarmops.cli.rebalance.MetricsFile;
import io.swarmops.cli.rebalance.MetricsFile.Gauge;
import io.swarmops.cli.rebalance.RebalanceCommand;
import io.swarmops.compose.RegistryCredentials;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.opts.GoDuration;
import io.swarmops.rebalance.RebalanceLock;
import io.swarmops.rebalance.SimulatedSwarm;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code service update-images}: what shepherd does, with the safety of a cron job. Each selected
 * service's tag is resolved at its registry; a service whose digest moved is updated to
 * {@code name:tag@digest} (registry auth sent for the nodes' pulls), one at a time, rolling, watched
 * until it converged or rolled back (failure action rollback, see {@link ImageUpdater}). The plan is printed first and confirmed unless {@code --yes}.
 * One run per cluster (a Swarm-config lock), nothing printed when nothing moved, metrics for
 * Prometheus' textfile collector. Exit 1 when an update failed or a registry gave no digest.
 */
@Command(name = "update-images", mixinStandardHelpOptions = true,
        description = "Update services whose image tag moved at the registry to the new digest")
public final class ServiceUpdateImages extends SwarmopsVerb {
    @Mixin
    ImageSelection selection;

    @Mixin
    RegistryClientOptions registry;

    @Mixin
    ConfirmOptions confirm;

    @Mixin
    OutputOptions output;

    @Option(names = "--max", paramLabel = "N", defaultValue = "0",
            description = "Update at most N services in this run; the others wait for the next (default: no limit)")
    int max;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
            description = "How long one service's update may take to converge (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--keep-failure-action",
            description = "Keep the service's own update failure action (default: rollback, written into the spec)")
    boolean keepFailureAction;

    @Option(names = "--watch", description = "Keep running: check again every --interval (needs --yes)")
    boolean watch;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
            description = "Under --watch, the time between two runs (default: ${DEFAULT-VALUE})")
    Duration interval;

    @Option(names = "--lock-timeout", paramLabel = "DURATION", defaultValue = "30m", converter = DurationConverter.class,
            description = "A lock not renewed for this long belongs to a run that died (default: ${DEFAULT-VALUE})")
    Duration lockTimeout;

    @Option(names = "--metrics-file", paramLabel = "FILE", description = "Write Prometheus textfile metrics of the run")
    Path metricsFile;

    @Override
    protected int execute() {
        if (max < 0) {
            throw SwarmOpsException.invalid("invalid --max " + max + ": use 0 (no limit) or more");
        }
        if (!watch) {
            return once();
        }
        if (!confirm.yes || confirm.dryRun) {
            throw SwarmOpsException.invalid("service update-images --watch acts unattended: pass --yes (and not --dry-run)");
        }
        context().say("checking image tags every " + GoDuration.format(interval));
        while (true) {
            try {
                once();
            } catch (SwarmOpsException e) {
                context().say("update-images failed: " + e.getMessage());
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ExitCodes.FAILED;
            }
        }
    }

    private int once() {
        Instant start = Instant.now();
        RegistryCredentials credentials = registry.credentials();
        ImageChecker checker = new ImageChecker(registry.client(gateway()), credentials, context()::say);
        List<ImageStatus> plan = limited(checker.check(selection.select(gateway())));
        if (ImageReport.count(plan, Status.outdated) == 0) {
            metrics(plan, start); // nothing to do: quiet, for cron (a registry's refusal was said on stderr)
            return ImageReport.count(plan, Status.unreachable) > 0 ? ExitCodes.FAILED : ExitCodes.OK;
        }
        ImageReport.print(out(), plan, output);
        if (confirm.dryRun) {
            return dryRun(plan, checker);
        }
        if (!Confirmation.confirm(context(), confirm, "Update " + ImageReport.count(plan, Status.outdated) + " service(s)?")) {
            context().say("not confirmed; nothing changed");
            return ExitCodes.FAILED;
        }
        var progress = context().progress();
        List<ImageStatus> result;
        try (RebalanceLock lock = RebalanceLock.acquire(gateway(), RebalanceLock.IMAGE_UPDATES, "image update", RebalanceCommand.owner(),
                lockTimeout, journal -> { })) {
            Thread release = new Thread(lock::close);
            Runtime.getRuntime().addShutdownHook(release);
            try {
                result = new ImageUpdater(gateway(), checker::auth, timeout, keepFailureAction, progress::step, lock::heartbeat).apply(plan);
            } finally {
                Runtime.getRuntime().removeShutdownHook(release);
            }
        }
        out().println();
        ImageReport.print(out(), result, output);
        progress.step("update-images: " + ImageReport.summary(result));
        metrics(result, start);
        return ImageReport.count(result, Status.failed) + ImageReport.count(result, Status.unreachable) > 0 ? ExitCodes.FAILED : ExitCodes.OK;
    }

    /** Outdated services over --max are deferred to the next run. */
    private List<ImageStatus> limited(List<ImageStatus> plan) {
        List<ImageStatus> out = new ArrayList<>();
        int taken = 0;
        for (ImageStatus s : plan) {
            if (s.status() == Status.outdated && max > 0 && taken++ >= max) {
                out.add(s.with(Status.deferred, "over --max " + max + ": the next run takes it"));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    /** --dry-run: the real executor against a simulation of this cluster; prints the writes it would make. */
    private int dryRun(List<ImageStatus> plan, ImageChecker checker) {
        SwarmGateway live = gateway();
        SimulatedSwarm simulation = SimulatedSwarm.of(live.snapshot(), 1);
        List<ImageStatus> result = new ImageUpdater(simulation, checker::auth, Duration.ZERO, keepFailureAction, line -> { }, () -> { }).apply(plan);
        DryRunPrinter.print(out(), "the updates, simulated on a copy of the cluster", simulation, DryRunPrinter.none(),
                "predicted: " + ImageReport.summary(result));
        return ExitCodes.OK;
    }

    private void metrics(List<ImageStatus> statuses, Instant start) {
        if (metricsFile == null) {
            return;
        }
        long checked = statuses.stream().filter(s -> s.status() != Status.skipped).count();
        MetricsFile.write(metricsFile, "swarmops_update_images", List.of(
                Gauge.count("swarmops_update_images_checked", "Services whose tag was asked at its registry in the last run.", checked),
                Gauge.count("swarmops_update_images_updated", "Services moved to a new digest by the last run.",
                        ImageReport.count(statuses, Status.updated)),
                Gauge.count("swarmops_update_images_failed", "Services whose update failed (rolled back, paused, timed out) in the last run.",
                        ImageReport.count(statuses, Status.failed)),
                Gauge.count("swarmops_update_images_unreachable", "Services whose registry gave no digest in the last run.",
                        ImageReport.count(statuses, Status.unreachable)),
                Gauge.count("swarmops_update_images_deferred", "Outdated services left for the next run by --max.",
                        ImageReport.count(statuses, Status.deferred)),
                Gauge.of("swarmops_update_images_duration_seconds", "Duration of the last run.",
                        Duration.between(start, Instant.now()).toMillis() / 1000.0)));
    }
}
