package io.swarmops.cli.image;

import io.swarmops.cli.OutputOptions;
import io.swarmops.cli.format.JsonOutput;
import io.swarmops.cli.format.Table;
import io.swarmops.cli.image.ImageStatus.Status;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The one formatter of image checks and updates: a table, JSON, or a template over the table's columns. */
final class ImageReport {
    private ImageReport() {
    }

    static void print(PrintWriter out, List<ImageStatus> statuses, OutputOptions output) {
        if (output != null && output.json()) {
            JsonOutput.printAll(out, statuses, ImageStatus::json);
            return;
        }
        Table t = Table.of("SERVICE", "IMAGE", "RUNNING", "REGISTRY", "STATUS", "NOTE");
        for (ImageStatus s : statuses) {
            t.row(s.service(), s.image(), ImageStatus.shortDigest(s.running()), ImageStatus.shortDigest(s.registry()), s.status(), s.note());
        }
        t.print(out, output == null ? null : output.template());
        out.flush();
    }

    /** "1 updated, 2 unchanged, 1 failed": the counts that are not zero, in the order of {@link Status}. */
    static String summary(List<ImageStatus> statuses) {
        Map<Status, Long> counts = new EnumMap<>(Status.class);
        statuses.forEach(s -> counts.merge(s.status(), 1L, Long::sum));
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }

    static long count(List<ImageStatus> statuses, Status status) {
        return statuses.stream().filter(s -> s.status() == status).count();
    }
}
