package io.swarmops.rebalance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.ClusterSnapshot;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.SwarmObject;
import io.swarmops.ops.opts.GoDuration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The rules of a rebalance run, whoever starts it: what a run that died left is put back first; the
 * skips (an update running, a node not ready, the cooldown); one run per cluster (the lock);
 * SIGTERM or Ctrl-C puts the move in progress back; a dry run is the real executor over a
 * {@link SimulatedSwarm}; a watch runs again on node events. What it asks, says and prints goes
 * through a {@link Listener}: the command line parses, answers and prints, nothing more.
 */
public final class RebalanceRun {
    /** The config whose label says when the last run ended: the cooldown's clock. */
    public static final String LAST_RUN = "swarmops-rebalance-last";
    static final String FINISHED = "io.swarmops.finished";

    /**
     * @param forceAll force-update every movable service (the seed's rebalance) instead of moving single tasks
     * @param timeout how long one step of a move may take
     * @param owner this run, as the lock names its holder
     */
    public record Settings(RebalancePolicy policy, boolean forceAll, Duration timeout, Duration cooldown, Duration lockTimeout,
            boolean dryRun, String owner) {
    }

    /** What a run asks of and tells its caller, in the order it happens. */
    public interface Listener {
        /** One line for the operator (on stderr): a skip, a refusal, a watch's event. */
        void say(String line);

        /** One step of the run as it goes (on stderr): the executor's moves, an undo, the outcome. */
        void step(String line);

        /** Asks the operator; false is no. */
        boolean confirm(String question);

        /** How this run weighs tasks (measuring use may take a window): asked only once the run is not skipped. */
        LoadMeasure measure(ClusterSnapshot snapshot, RebalancePolicy.Measure by);

        /** The plan about to be carried out or simulated: printed first. */
        void planned(RebalancePlan plan);

        /** A dry run: a real run would first put back what a run that died left. */
        void wouldUndo(MoveJournal left);

        /** A dry run's end: the simulation's writes, and the predicted outcome ("predicted: ...", "the simulation stopped"). */
        void simulated(SimulatedSwarm simulation, String outcome);

        /** A real run's end, skipped or not (not when unconfirmed): for the metrics. */
        void ended(Summary summary);
    }

    /** A real run's numbers. */
    public record Summary(double spreadBefore, double spreadAfter, int moves, Duration took, boolean skipped) {
    }

    /** How a run ended; {@link #ok()} for exit 0. */
    public enum Ending {
        NOT_CONFIRMED, SKIPPED, NOTHING_TO_DO, SIMULATED, BALANCED, ABOVE_THRESHOLD, INTERRUPTED;

        public boolean ok() {
            return this == SKIPPED || this == NOTHING_TO_DO || this == SIMULATED || this == BALANCED;
        }
    }

    private final SwarmGateway gateway;
    private final Settings settings;
    private final Listener listener;
    /** The executor of the real run going on, for {@link #interrupt()}. */
    private volatile Rebalancer running;

    public RebalanceRun(SwarmGateway gateway, Settings settings, Listener listener) {
        this.gateway = gateway;
        this.settings = settings;
        this.listener = listener;
    }

    /** One run: put back what a dead run left, plan, skip or move. */
    public Ending once() {
        Instant start = Instant.now();
        Rebalancer rebalancer = new Rebalancer(gateway, settings.timeout(), listener::step);
        if (settings.dryRun()) {
            RebalanceLock.staleJournal(gateway, settings.lockTimeout()).ifPresent(listener::wouldUndo);
        } else if (!putBackWhatADeadRunLeft(rebalancer)) {
            listener.say("not confirmed; nothing changed");
            return Ending.NOT_CONFIRMED;
        }
        ClusterSnapshot snapshot = gateway.snapshot();
        RebalancePolicy p = settings.policy();
        String skip = Rebalancer.reasonToSkip(snapshot);
        if (skip == null && !settings.dryRun()) {
            skip = cooldownLeft();
        }
        if (skip != null) {
            // before any measuring: a skipped run does not wait out a usage window
            double spread = RebalancePlanner.spread(snapshot, LoadMeasure.of(p.by()));
            listener.say("rebalance skipped: " + skip);
            ended(spread, spread, 0, start, true);
            return Ending.SKIPPED;
        }
        LoadMeasure measure = listener.measure(snapshot, p.by());
        RebalancePlan plan = RebalancePlanner.plan(snapshot, p, measure);
        if (!plan.needed()) {
            ended(plan.spreadBefore(), plan.spreadBefore(), 0, start, false);
            return Ending.NOTHING_TO_DO; // quiet, for cron
        }
        listener.planned(plan);
        if (settings.dryRun()) {
            return dryRun(snapshot, p, measure);
        }
        if (!listener.confirm("Move these tasks?")) {
            listener.say("not confirmed; nothing changed");
            return Ending.NOT_CONFIRMED;
        }
        CountDownLatch done = new CountDownLatch(1);
        Thread onSignal = new Thread(() -> {
            interrupt();
            awaitEnd(done);
        }, "rebalance-interrupted");
        Runtime.getRuntime().addShutdownHook(onSignal);
        running = rebalancer;
        try (RebalanceLock lock = RebalanceLock.acquire(gateway, settings.owner(), settings.lockTimeout(), undoing(rebalancer))) {
            Rebalancer.Outcome outcome = settings.forceAll() ? rebalancer.forceAll(p, lock) : rebalancer.run(p, measure, lock);
            recordFinished();
            listener.step(String.format(Locale.ROOT, "rebalanced: %d move(s), spread %.2f → %.2f in %.1f s%s", outcome.moves(),
                    outcome.spreadBefore(), outcome.spreadAfter(), outcome.took().toMillis() / 1000.0,
                    outcome.note().isEmpty() ? "" : " (" + outcome.note() + ")"));
            ended(outcome.spreadBefore(), outcome.spreadAfter(), outcome.moves(), start, false);
            return outcome.spreadAfter() <= p.threshold() ? Ending.BALANCED : Ending.ABOVE_THRESHOLD;
        } catch (SwarmOpsException e) {
            if (!rebalancer.stopped()) {
                throw e;
            }
            // said here, not by the error handler: the JVM may end (128 + the signal: 130, 143) as soon as this thread is done
            listener.step(e instanceof Rebalancer.Interrupted ? "interrupted: no move left half made; the lock released"
                    : "interrupted: " + e.getMessage() + " (what could not be put back stays journalled in the lock: the first run"
                            + " after --lock-timeout puts it back)");
            return Ending.INTERRUPTED;
        } finally {
            running = null;
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running, and waited for the line above
            }
        }
    }

    /**
     * SIGTERM or Ctrl-C (the shutdown hook), from any thread: the run makes no further change and its
     * own thread puts the move in progress back (see {@link Rebalancer#stop()}). No-op between runs.
     */
    public void interrupt() {
        Rebalancer r = running;
        if (r != null) {
            listener.step("interrupted: putting the move in progress back");
            r.stop();
        }
    }

    /** The shutdown hook waits while the run's own thread puts the move back, as long as that can take (two steps). */
    private void awaitEnd(CountDownLatch done) {
        Duration bound = settings.timeout().multipliedBy(2).plusSeconds(30);
        try {
            if (!done.await(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                listener.step("the move in progress was not put back within " + GoDuration.format(bound)
                        + "; the lock keeps its journal: the first run after --lock-timeout puts it back");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What a run that died left half made (nodes paused, a service scaled up, constrained or with the
     * move's update config) is put back before anything is read for the plan or the skips: it is not
     * the cluster to plan on, its paused nodes hide load from the spread (a run with nothing to do
     * would leave them paused), and its forced update would skip every run until it ends. False when
     * the operator, asked, says no.
     */
    private boolean putBackWhatADeadRunLeft(Rebalancer rebalancer) {
        if (RebalanceLock.staleJournal(gateway, settings.lockTimeout()).isEmpty()) {
            return true;
        }
        if (!listener.confirm("A rebalance that died left a move half made: put it back?")) {
            return false;
        }
        RebalanceLock.acquire(gateway, settings.owner(), settings.lockTimeout(), undoing(rebalancer)).close();
        return true;
    }

    private java.util.function.Consumer<MoveJournal> undoing(Rebalancer rebalancer) {
        return journal -> {
            listener.step("undoing what a rebalance that died left: " + journal.toJson());
            rebalancer.undo(journal);
        };
    }

    /**
     * The real executor, against a simulation of this cluster started from the snapshot (swarmkit's
     * placement rules, ties at random). Waits do not wait: in the simulation a change converges at
     * once, or never.
     */
    private Ending dryRun(ClusterSnapshot snapshot, RebalancePolicy p, LoadMeasure measure) {
        SimulatedSwarm simulation = SimulatedSwarm.of(snapshot, snapshot.takenAt().toEpochMilli());
        Rebalancer rebalancer = new Rebalancer(simulation, Duration.ZERO, line -> { });
        try (RebalanceLock lock = RebalanceLock.acquire(simulation, settings.owner(), settings.lockTimeout(), rebalancer::undo)) {
            Rebalancer.Outcome outcome = settings.forceAll() ? rebalancer.forceAll(p, lock) : rebalancer.run(p, measure, lock);
            listener.simulated(simulation, String.format(Locale.ROOT, "predicted: %d move(s), spread %.2f → %.2f", outcome.moves(),
                    outcome.spreadBefore(), outcome.spreadAfter()));
            return Ending.SIMULATED;
        } catch (SwarmOpsException e) {
            listener.simulated(simulation, "the simulation stopped");
            throw new SwarmOpsException(SwarmOpsException.Kind.FAILED, "the simulated rebalance stopped: " + e.getMessage()
                    + " (nothing changed)");
        }
    }

    /**
     * Runs once, then again on each node event that can call for it (a node joined, became ready or
     * active), within the same limits: lock, skips, cooldown. A run that fails says so in one line
     * and the watch goes on; the event stream failing (the daemon gone) ends it: returns only by
     * throwing that failure. Events from before the end of the last run (its own pauses and restores
     * among them) are not acted on.
     */
    public void watch() {
        listener.say("watching node events; rebalancing when a node joins, becomes ready or active");
        long[] lastRunEnded = {watchedRun()};
        while (true) {
            gateway.events(Map.of("type", List.of("node")), Duration.ZERO, event -> {
                JsonNode attrs = event.path("Actor").path("Attributes");
                boolean joined = "create".equals(event.path("Action").asText());
                boolean ready = "ready".equals(attrs.path("state.new").asText());
                boolean active = "active".equals(attrs.path("availability.new").asText());
                if ((joined || ready || active) && event.path("time").asLong(Long.MAX_VALUE) > lastRunEnded[0]) {
                    listener.say("node " + attrs.path("name").asText(event.path("Actor").path("ID").asText()) + " "
                            + (joined ? "joined" : ready ? "is ready" : "is active") + ": checking the spread");
                    lastRunEnded[0] = watchedRun();
                }
                return true;
            });
        }
    }

    /** One run under a watch: a failure is one line, not the end of the watch. Returns when it ended (epoch s). */
    private long watchedRun() {
        try {
            once();
        } catch (SwarmOpsException e) {
            listener.say("rebalance failed: " + e.getMessage());
        }
        return Instant.now().getEpochSecond();
    }

    private String cooldownLeft() {
        try {
            SwarmObject last = gateway.config(LAST_RUN);
            Instant finished = Instant.ofEpochSecond(Long.parseLong(last.labels().getOrDefault(FINISHED, "0")));
            Duration since = Duration.between(finished, Instant.now());
            if (since.compareTo(settings.cooldown()) < 0) {
                return "the last run ended " + since.toSeconds() + " s ago (cooldown " + GoDuration.format(settings.cooldown()) + ")";
            }
        } catch (SwarmOpsException e) {
            if (e.kind() != SwarmOpsException.Kind.NOT_FOUND) {
                throw e;
            }
        }
        return null;
    }

    private void recordFinished() {
        try {
            SwarmObject last = gateway.config(LAST_RUN);
            gateway.removeConfig(last.id());
        } catch (SwarmOpsException e) {
            if (e.kind() != SwarmOpsException.Kind.NOT_FOUND) {
                throw e;
            }
        }
        ObjectNode spec = Json.object().put("Name", LAST_RUN);
        spec.putObject("Labels").put(FINISHED, String.valueOf(Instant.now().getEpochSecond()));
        spec.put("Data", Base64.getEncoder().encodeToString("last rebalance".getBytes(StandardCharsets.UTF_8)));
        gateway.createConfig(spec);
    }

    private void ended(double before, double after, int moves, Instant start, boolean skipped) {
        if (!settings.dryRun()) { // a dry run writes nothing, metrics included
            listener.ended(new Summary(before, after, moves, Duration.between(start, Instant.now()), skipped));
        }
    }
}
