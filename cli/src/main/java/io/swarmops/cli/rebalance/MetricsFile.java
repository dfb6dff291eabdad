package io.swarmops.cli.rebalance;

import io.swarmops.ops.AtomicFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prometheus textfile metrics of a run, written whole ({@link AtomicFile}: NAME.tmp, then rename) and
 * 0644 for the collector, so a scrape never sees half. Every file ends with
 * {@code <prefix>_last_run_timestamp_seconds}.
 */
public final class MetricsFile {
    private MetricsFile() {
    }

    /** One gauge: its name, its help line, its value as Prometheus reads it. */
    public record Gauge(String name, String help, String value) {
        public static Gauge of(String name, String help, double value) {
            return new Gauge(name, help, String.format(Locale.ROOT, "%f", value));
        }

        public static Gauge count(String name, String help, long value) {
            return new Gauge(name, help, Long.toString(value));
        }
    }

    static void write(Path file, double before, double after, int moves, double seconds, boolean skipped) {
        write(file, "swarmops_rebalance", List.of(
                Gauge.of("swarmops_rebalance_spread_before", "Standard deviation of load per node before the last run.", before),
                Gauge.of("swarmops_rebalance_spread_after", "Standard deviation of load per node after the last run.", after),
                Gauge.count("swarmops_rebalance_moves", "Tasks moved by the last run.", moves),
                Gauge.of("swarmops_rebalance_duration_seconds", "Duration of the last run.", seconds),
                Gauge.count("swarmops_rebalance_skipped",
                        "Whether the last run was skipped (update in progress, node not ready, lock held, cooldown).", skipped ? 1 : 0)));
    }

    /** Writes the gauges, then {@code <prefix>_last_run_timestamp_seconds}, the time now. */
    public static void write(Path file, String prefix, List<Gauge> gauges) {
        List<Gauge> all = new ArrayList<>(gauges);
        all.add(Gauge.count(prefix + "_last_run_timestamp_seconds", "When the last run ended.", System.currentTimeMillis() / 1000));
        StringBuilder text = new StringBuilder();
        for (Gauge g : all) {
            text.append("# HELP ").append(g.name()).append(' ').append(g.help()).append('\n')
                    .append("# TYPE ").append(g.name()).append(" gauge\n")
                    .append(g.name()).append(' ').append(g.value()).append('\n');
        }
        AtomicFile.write(file, AtomicFile.PUBLIC, text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
