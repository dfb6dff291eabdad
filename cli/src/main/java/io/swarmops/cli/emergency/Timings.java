package io.swarmops.cli.emergency;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** How long each step run took, as the shutdown and reboot print it at the end. */
final class Timings {
    private Timings() {
    }

    static void print(PrintWriter out, Map<String, Duration> took) {
        took.forEach((step, d) -> out.println(String.format(Locale.ROOT, "  %-32s %7.1f s", step, d.toMillis() / 1000.0)));
    }
}
