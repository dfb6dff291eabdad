package io.swarmops.recovery.emergency;

import java.util.List;

/** A procedure's steps in the order they run. {@code procedure} names it in the journal. */
public record Runbook(String procedure, List<RunbookStep> steps) {
    public static final String SHUTDOWN = "shutdown";
    public static final String REBOOT = "reboot";

    public Runbook {
        steps = List.copyOf(steps);
    }

    public List<String> keys() {
        return steps.stream().map(RunbookStep::key).toList();
    }

    /** The numbered plan, one line a step; {@code done} marks steps a journal shows finished. */
    public List<String> lines(java.util.function.Predicate<String> done) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            RunbookStep s = steps.get(i);
            out.add(String.format("%2d. [%s] %s", i + 1, done.test(s.key()) ? "done" : "    ", s.description()));
        }
        return out;
    }
}
