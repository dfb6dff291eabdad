package io.swarmops.cli.rebalance;

import io.swarmops.ops.SwarmOpsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/** Prometheus textfile metrics of a run, written whole (temp file, then rename) so a scrape never sees half. */
final class MetricsFile {
    private MetricsFile() {
    }

    static void write(Path file, double before, double after, int moves, double seconds, boolean skipped) {
        String text = String.format(Locale.ROOT, """
                # HELP swarmops_rebalance_spread_before Standard deviation of load per node before the last run.
                # TYPE swarmops_rebalance_spread_before gauge
                swarmops_rebalance_spread_before %f
                # HELP swarmops_rebalance_spread_after Standard deviation of load per node after the last run.
                # TYPE swarmops_rebalance_spread_after gauge
                swarmops_rebalance_spread_after %f
                # HELP swarmops_rebalance_moves Tasks moved by the last run.
                # TYPE swarmops_rebalance_moves gauge
                swarmops_rebalance_moves %d
                # HELP swarmops_rebalance_duration_seconds Duration of the last run.
                # TYPE swarmops_rebalance_duration_seconds gauge
                swarmops_rebalance_duration_seconds %f
                # HELP swarmops_rebalance_skipped Whether the last run was skipped (update in progress, node not ready, lock held, cooldown).
                # TYPE swarmops_rebalance_skipped gauge
                swarmops_rebalance_skipped %d
                # HELP swarmops_rebalance_last_run_timestamp_seconds When the last run ended.
                # TYPE swarmops_rebalance_last_run_timestamp_seconds gauge
                swarmops_rebalance_last_run_timestamp_seconds %d
                """, before, after, moves, seconds, skipped ? 1 : 0, System.currentTimeMillis() / 1000);
        try {
            Path dir = file.toAbsolutePath().getParent();
            Path tmp = Files.createTempFile(dir, ".swarmops-rebalance", ".prom");
            Files.writeString(tmp, text);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new SwarmOpsException(SwarmOpsException.Kind.FAILED, "cannot write metrics file " + file + ": " + e.getMessage());
        }
    }
}
