package io.swarmops.cli.emergency;

import io.swarmops.cli.DryRunPrinter;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.recovery.emergency.EmergencyCycle;
import io.swarmops.recovery.emergency.EmergencyExecutor;
import io.swarmops.recovery.emergency.EmergencyState;
import io.swarmops.recovery.emergency.SimulatedCluster;
import io.swarmops.recovery.journal.StepJournal;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code --dry-run}: the real executor over a copy of the cluster in memory, with copies of the
 * state file and journal in a temporary directory; prints what it would change, changes nothing.
 */
final class DryRun {
    private DryRun() {
    }

    /** A copy of the live cluster, or, when its daemon does not answer (powered off), the cluster as the state file leaves it. */
    static SimulatedCluster cluster(SwarmGateway live, EmergencyState state) {
        try {
            return SimulatedCluster.of(live);
        } catch (SwarmOpsException e) {
            if (e.kind() != SwarmOpsException.Kind.UNREACHABLE) {
                throw e;
            }
            return SimulatedCluster.poweredOff(state);
        }
    }

    interface Executor {
        EmergencyExecutor on(SimulatedCluster cluster, Path stateFile);
    }

    static void run(PrintWriter out, SimulatedCluster cluster, EmergencyCycle.Prepared prepared, Path stateFile, StepJournal journal,
            Executor executor) {
        Path dir;
        try {
            dir = Files.createTempDirectory("swarmops-dry-run");
        } catch (IOException e) {
            throw new SwarmOpsException(SwarmOpsException.Kind.FAILED, "cannot create a directory for the dry run: " + e.getMessage());
        }
        try {
            Path state = dir.resolve("state.json");
            if (prepared.start() != EmergencyCycle.Start.NEW_CYCLE && Files.exists(stateFile)) {
                Files.copy(stateFile, state);
            }
            StepJournal copy = prepared.start() == EmergencyCycle.Start.NEW_CYCLE ? EmergencyCycle.journalOf(state)
                    : journal.copyTo(EmergencyCycle.journalOf(state).file());
            Map<String, Duration> ran = executor.on(cluster, state).run(prepared.runbook(), copy, prepared.newPass());
            List<String> outside = ran.containsKey("save-state") ? List.of("save the state to " + stateFile) : List.of();
            DryRunPrinter.print(out, ran.size() + " step(s) to run", outside, cluster.log(), "");
        } catch (IOException e) {
            throw new SwarmOpsException(SwarmOpsException.Kind.FAILED, "dry run: " + e.getMessage());
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException ignored) {
                // a temporary directory left behind is harmless
            }
        }
    }
}
