package io.swarmops.recovery.journal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The runbook step machinery, for any procedure whose steps say themselves whether they are done
 * and how to do them: for each step, the journal says whether a previous run finished it, the
 * cluster says whether it is done already, and only then is it done — journalled (forced to disk)
 * before and after, so a run killed anywhere is continued by the same command. Held under the
 * journal's lock, so two runs never interleave.
 */
public final class JournalledSteps {
    private JournalledSteps() {
    }

    /** One step: its key in the journal (unique in its procedure), the line the plan prints, and how to tell and do it. */
    public interface Step {
        String key();

        String description();

        /** Whether the cluster shows it done; a daemon that does not answer shows nothing done. */
        boolean isDone();

        void act();
    }

    /**
     * Runs the steps: a new pass of the procedure in the journal ({@code newPass}), or the
     * continuation of the journal's current one. Returns how long each step run now took. A failed
     * step is journalled failed and its exception goes up: the steps after it are not run.
     */
    public static Map<String, Duration> run(StepJournal journal, String procedure, List<? extends Step> steps, boolean newPass,
            Consumer<String> say) {
        return locked(journal, () -> runHeld(journal, procedure, steps, newPass, say));
    }

    /** {@link #run} for a caller that holds the journal's lock already (it did something first under it). */
    public static Map<String, Duration> runHeld(StepJournal journal, String procedure, List<? extends Step> steps, boolean newPass,
            Consumer<String> say) {
        if (newPass) {
            journal.begin(procedure, steps.stream().map(Step::key).toList());
        }
        Map<String, Duration> took = new LinkedHashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            String label = (i + 1) + "/" + steps.size() + " " + step.description();
            if (done(journal, procedure, step.key())) {
                say.accept(label + ": done (journal)");
                continue;
            }
            if (step.isDone()) {
                journal.done(procedure, step.key());
                say.accept(label + ": done already");
                continue;
            }
            say.accept(label + " ...");
            long t0 = System.nanoTime();
            journal.started(procedure, step.key());
            try {
                step.act();
            } catch (RuntimeException e) {
                journal.failed(procedure, step.key(), String.valueOf(e.getMessage()));
                throw e;
            }
            journal.done(procedure, step.key());
            Duration d = Duration.ofNanos(System.nanoTime() - t0);
            took.put(step.key(), d);
            say.accept(String.format(Locale.ROOT, "%s: done (%.1f s)", label, d.toMillis() / 1000.0));
        }
        return took;
    }

    /** Does {@code work} under the journal's lock: two runs never interleave. */
    public static <T> T locked(StepJournal journal, Supplier<T> work) {
        try (AutoCloseable lock = journal.lock()) {
            return work.get();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new io.swarmops.ops.SwarmOpsException(io.swarmops.ops.SwarmOpsException.Kind.FAILED,
                    "cannot release the journal's lock: " + e.getMessage());
        }
    }

    /** The journal's current pass is of this procedure and shows the step (or a sub-step, "reboot-1:node2:off") done. */
    public static boolean done(StepJournal journal, String procedure, String key) {
        return journal.current().filter(p -> p.procedure().equals(procedure)).map(p -> p.isDone(key)).orElse(false);
    }
}
