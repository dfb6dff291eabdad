package io.swarmops.cli.health;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.ExitCodes;
import io.swarmops.cli.OutputOptions;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.cli.format.JsonOutput;
import io.swarmops.ops.AtomicFile;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Json;
import io.swarmops.recovery.health.HealthReport;
import io.swarmops.recovery.quorum.ManagerView;
import io.swarmops.recovery.quorum.QuorumProbe;
import io.swarmops.recovery.quorum.QuorumStatus;
import io.swarmops.recovery.quorum.RecoveryRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code health}: one check for monitoring and cron — quorum, nodes, services below their replicas,
 * tasks that keep failing, the spread, managers running workloads. The first line is the verdict;
 * exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.
 */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Check the swarm for monitoring. Exit: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN")
public final class Health extends SwarmopsVerb {
    @Mixin
    OutputOptions output;

    @Option(names = "--spread-threshold", defaultValue = "2.0", paramLabel = "STDDEV",
            description = "Warn when tasks per node spread more than this (default: ${DEFAULT-VALUE})")
    double spreadThreshold;

    @Option(names = "--metrics-file", paramLabel = "FILE", description = "Also write Prometheus textfile metrics")
    Path metricsFile;

    @Option(names = "--desired-managers", paramLabel = "N", defaultValue = "0",
            description = "Managers there should be: fewer is a warning (default: what the last 'quorum recover' recorded)")
    int desiredManagers;

    @Override
    protected int execute() {
        HealthReport report;
        ManagerView local = QuorumProbe.ask("local", gateway());
        QuorumStatus quorum = QuorumStatus.judge(local, List.of(), List.of(), desiredManagers > 0 ? desiredManagers : recorded(local));
        if (quorum.verdict() == QuorumStatus.Verdict.HEALTHY || quorum.verdict() == QuorumStatus.Verdict.DEGRADED) {
            try {
                report = HealthReport.of(quorum, gateway().snapshot(), spreadThreshold, Instant.now());
            } catch (SwarmOpsException e) {
                report = new HealthReport(HealthReport.Level.UNKNOWN, List.of(
                        new HealthReport.Finding(HealthReport.Level.UNKNOWN, "swarm", e.getMessage())), 0);
            }
        } else {
            report = HealthReport.unavailable(quorum);
        }
        print(report);
        if (metricsFile != null) {
            metrics(report);
        }
        return switch (report.level()) {
            case OK -> ExitCodes.MON_OK;
            case WARNING -> ExitCodes.MON_WARNING;
            case CRITICAL -> ExitCodes.MON_CRITICAL;
            case UNKNOWN -> ExitCodes.MON_UNKNOWN;
        };
    }

    /** The manager count the last 'quorum recover' recorded in the swarm's labels, or 0. */
    private int recorded(ManagerView local) {
        if (!local.seesLeader()) {
            return 0;
        }
        try {
            return RecoveryRecord.of(gateway().swarm()).map(RecoveryRecord::managers).orElse(0);
        } catch (SwarmOpsException e) {
            return 0;
        }
    }

    private void print(HealthReport report) {
        if (output.json()) {
            ObjectNode o = Json.object();
            o.put("Status", report.level().name());
            o.put("TaskSpread", report.spread());
            var arr = o.putArray("Findings");
            report.findings().forEach(f -> arr.addObject().put("Level", f.level().name()).put("Check", f.check()).put("Message", f.message()));
            JsonOutput.print(out(), o);
            return;
        }
        long problems = report.findings().stream().filter(f -> f.level() != HealthReport.Level.OK).count();
        out().println(report.level() + ": " + (problems == 0 ? "swarm healthy" : problems + " problem(s)"));
        report.findings().forEach(f -> out().println(f.level() + " " + f.check() + ": " + f.message()));
    }

    private void metrics(HealthReport report) {
        StringBuilder b = new StringBuilder();
        b.append("# HELP swarmops_health_status 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.\n# TYPE swarmops_health_status gauge\n");
        b.append("swarmops_health_status ").append(report.level().ordinal()).append('\n');
        b.append("# HELP swarmops_health_problems Findings above OK, by check.\n# TYPE swarmops_health_problems gauge\n");
        for (String check : new String[] {"quorum", "nodes", "services", "tasks", "spread", "managers"}) {
            long n = report.findings().stream().filter(f -> f.check().equals(check) && f.level() != HealthReport.Level.OK).count();
            b.append("swarmops_health_problems{check=\"").append(check).append("\"} ").append(n).append('\n');
        }
        b.append(String.format(Locale.ROOT, "# HELP swarmops_task_spread Tasks per node standard deviation.%n"
                + "# TYPE swarmops_task_spread gauge%nswarmops_task_spread %f%n", report.spread()));
        AtomicFile.write(metricsFile, AtomicFile.PUBLIC, b.toString().getBytes(StandardCharsets.UTF_8));
    }
}
