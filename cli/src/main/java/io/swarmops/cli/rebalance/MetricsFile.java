package io.swarmops.cli.rebalance;

import io.swarmops.ops.AtomicFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/** Prometheus textfile metrics of a run, written whole ({@link AtomicFile}: NAME.tmp, then rename) and 0644 for the collector. */
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
        AtomicFile.write(file, AtomicFile.PUBLIC, text.getBytes(StandardCharsets.UTF_8));
    }
}
