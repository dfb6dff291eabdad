package io.swarmops.recovery.emergency;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A procedure as a list of idempotent steps: each says what it will do, whether it is already done,
 * and how to do it. Every step is journalled before and after it runs; a step the journal or the
 * cluster shows done is skipped, so a run that was killed is finished by running it again.
 */
public record Runbook(String procedure, List<Step> steps) {

    public record Step(String key, String description, BooleanSupplier done, Runnable action) {
    }

    /** The numbered plan, each step marked done or to do. */
    public void print(Journal journal, Consumer<String> out) {
        int i = 1;
        for (Step s : steps) {
            boolean done = journal.isDone(procedure, s.key());
            out.accept(String.format("%2d. [%s] %s", i++, done ? "done" : "    ", s.description()));
        }
    }

    /** Whether the cluster shows the step done; a daemon that does not answer (still off) shows nothing done. */
    private static boolean observedDone(Step s) {
        try {
            return s.done().getAsBoolean();
        } catch (io.swarmops.ops.SwarmOpsException e) {
            return false;
        }
    }

    public void run(Journal journal, Consumer<String> say) {
        int i = 1;
        for (Step s : steps) {
            String label = i++ + "/" + steps.size() + " " + s.description();
            if (journal.isDone(procedure, s.key()) || observedDone(s)) {
                say.accept(label + ": already done");
                if (!journal.isDone(procedure, s.key())) {
                    journal.done(procedure, s.key());
                }
                continue;
            }
            long t0 = System.nanoTime();
            say.accept(label + " ...");
            journal.started(procedure, s.key());
            s.action().run();
            journal.done(procedure, s.key());
            say.accept(String.format(java.util.Locale.ROOT, "%s: done (%.1f s)", label, (System.nanoTime() - t0) / 1e9));
        }
    }
}
