package io.swarmops.cli.emergency;

import io.swarmops.cli.format.Table;
import io.swarmops.recovery.journal.StepJournal;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** One pass of an emergency procedure's journal as {@code emergency status} prints it: a verdict line, then each step. */
final class JournalFormatter {
    private JournalFormatter() {
    }

    static void print(PrintWriter out, StepJournal.Pass p) {
        out.println(p.procedure() + " begun " + p.begun().truncatedTo(ChronoUnit.SECONDS) + ": " + verdict(p));
        Table t = Table.of("STEP", "STATE", "STARTED", "TOOK");
        for (String step : p.steps()) {
            StepJournal.Entry last = p.last().get(step);
            String state = last == null ? "to do" : switch (last.event()) {
                case StepJournal.DONE -> "done";
                case StepJournal.FAILED -> "failed: " + last.message();
                default -> "under way";
            };
            var started = p.startedAt().get(step);
            t.row(step, state, started == null ? "" : started.truncatedTo(ChronoUnit.SECONDS).toString(),
                    p.took(step).map(JournalFormatter::seconds).orElse(""));
        }
        t.print(out);
    }

    private static String verdict(StepJournal.Pass p) {
        if (p.complete()) {
            return "complete";
        }
        if (EmergencyStatus.lastManagerGoing(p)) {
            return "complete unless the last manager still answers (its power-off was under way; swarmops may have run on it)";
        }
        return p.steps().stream().anyMatch(s -> StepJournal.FAILED.equals(p.event(s))) ? "a step failed" : "unfinished";
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
