package io.swarmops.rebalance;

import io.swarmops.ops.SpecUpdates;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.SwarmOpsException.Kind;
import io.swarmops.ops.Waits;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.model.ClusterSnapshot;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Carries out a rebalance through the gateway, closed loop: observe, plan, make one move, observe
 * again. A move is a scale-up by one with the nodes that would outrank the target paused (Swarm
 * places the new task on the target), then the scale-down (Swarm removes from the node with most
 * tasks of the service: the source). No other task restarts, and the service never runs fewer
 * replicas than it wants. Where the plan falls back to a forced update of one service, its tasks are
 * replaced one at a time, stop-first, and nothing else changes. Paused nodes get their availability back whatever happens; the journal in
 * the lock lets a later run undo what a killed one left.
 */
public final class Rebalancer {
    private final SwarmGateway gateway;
    private final Consumer<String> say;
    private final Duration stepTimeout;
    /** Set by {@link #stop()}: no further change; the move in progress is put back. */
    private volatile boolean stopping;

    public Rebalancer(SwarmGateway gateway, Duration stepTimeout, Consumer<String> say) {
        this.gateway = gateway;
        this.stepTimeout = stepTimeout;
        this.say = say;
    }

    /**
     * Asks the run to stop, from another thread (the shutdown hook of SIGTERM or Ctrl-C): it makes no
     * further change, its waits for a move's effect end at once, and the move in progress is put back
     * by the run's own thread, the one that knows what it has done (an undo in the hook's thread raced
     * the run's next change: the run went on after it, or the daemon connection closed under it).
     * What is already the way back (availability restored, the scale-down, the placement back) is
     * finished. The run ends with {@link Interrupted}, or with the undo's failure.
     */
    public void stop() {
        stopping = true;
    }

    public boolean stopped() {
        return stopping;
    }

    /** A stopped run, at the point where it would have made its next change; the move in progress was put back. */
    public static final class Interrupted extends SwarmOpsException {
        Interrupted() {
            super(Kind.FAILED, "interrupted");
        }
    }

    private void notStopped() {
        if (stopping) {
            throw new Interrupted();
        }
    }

    /**
     * Waits for a move's effect, renewing the lock's heartbeat meanwhile (null: no lock), or until the
     * run is stopped: then {@link Interrupted}, for the caller to undo the move.
     */
    private void awaitEffect(String what, Duration timeout, RebalanceLock lock, java.util.function.BooleanSupplier done) {
        Waits.until(what, timeout, say, () -> {
            if (lock != null) {
                lock.renew();
            }
            return stopping || done.getAsBoolean();
        });
        notStopped();
    }

    /** What a run did. */
    public record Outcome(double spreadBefore, double spreadAfter, int moves, Duration took, String note) {
    }

    /** Why a run must not start now, or null: an update or rollback running, or a node not ready. */
    public static String reasonToSkip(ClusterSnapshot snapshot) {
        for (Service s : snapshot.services()) {
            if (s.updateInProgress()) {
                return "service " + s.name() + " has an update " + s.updateState();
            }
        }
        for (Node n : snapshot.nodes()) {
            if (!n.isReady()) {
                return "node " + n.hostname() + " is " + n.state();
            }
        }
        return null;
    }

    /** Plans and moves until the spread is under the threshold, no move helps, or the limits are reached. */
    public Outcome run(RebalancePolicy policy, RebalanceLock lock) {
        return run(policy, LoadMeasure.of(policy.by()), lock);
    }

    /** {@link #run(RebalancePolicy, RebalanceLock)} with each task weighed by {@code measure}. */
    public Outcome run(RebalancePolicy policy, LoadMeasure measure, RebalanceLock lock) {
        Instant start = Instant.now();
        ClusterSnapshot snapshot = gateway.snapshot();
        double before = RebalancePlanner.spread(snapshot, measure);
        int done = 0;
        String note = "";
        Map<String, Integer> perNode = new LinkedHashMap<>();
        java.util.Set<String> forced = new java.util.HashSet<>();
        // the plan is followed while the swarm does as it predicts; where a move lands otherwise the rest
        // is planned again from what the swarm shows, with the moves made counted against the limits
        List<Move> pending = null;
        String planReason = "";
        while (done < policy.maxMoves()) {
            notStopped();
            boolean fresh = pending == null;
            if (fresh) {
                RebalancePlan plan = RebalancePlanner.plan(snapshot, policy.withMaxMoves(policy.maxMoves() - done), measure, perNode);
                pending = new ArrayList<>(plan.moves());
                planReason = plan.reason();
            }
            if (pending.isEmpty()) {
                note = planReason;
                break;
            }
            List<Move> next = firstStep(pending);
            Move first = next.get(0);
            double now = RebalancePlanner.spread(snapshot, measure);
            if (first.method() == Move.Method.FORCE) {
                if (!forced.add(first.serviceId())) {
                    note = "the forced update of " + first.serviceName() + " did not even out its tasks as predicted";
                    break;
                }
                say.accept(String.format(java.util.Locale.ROOT, "move %d: forced update of %s, every task replaced one at a time: %s"
                        + " (spread %.2f → %.2f predicted)", done + 1, first.serviceName(),
                        next.stream().map(m -> m.fromHostname() + " → " + m.toHostname()).collect(java.util.stream.Collectors.joining(", ")),
                        now, first.spreadAfter()));
                forceMove(first, lock);
            } else {
                ClusterSnapshot seen = snapshot;
                say.accept(String.format(java.util.Locale.ROOT, "move %d: %s from %s to %s by %s (spread %.2f → %.2f predicted)",
                        done + 1, first.serviceName(), next.stream().map(m -> counts(seen, m.serviceId(), m.fromNodeId(), m.fromHostname()))
                                .distinct().collect(java.util.stream.Collectors.joining(", ")),
                        counts(snapshot, first.serviceId(), first.toNodeId(), first.toHostname()),
                        first.method().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '), now, first.spreadAfter()));
                if (first.method() == Move.Method.SCALE_TIED) {
                    scaleMove(next, gateway.service(first.serviceId()), lock);
                } else {
                    move(first, lock);
                }
            }
            done += next.size();
            for (Move m : next) {
                perNode.merge(m.fromNodeId(), 1, Integer::sum);
                perNode.merge(m.toNodeId(), 1, Integer::sum);
            }
            ClusterSnapshot after = gateway.snapshot();
            if (first.method() != Move.Method.FORCE && landedAsPlanned(snapshot, after, next)) {
                pending.subList(0, next.size()).clear();
            } else {
                pending = null;
            }
            snapshot = after;
        }
        double after = RebalancePlanner.spread(snapshot, measure);
        return new Outcome(before, after, done, Duration.between(start, Instant.now()), note);
    }

    /**
     * Whether the swarm went where the moves said and nowhere else: one running task of each move's
     * service fewer on its source node and one more on its target, every other count as it was.
     */
    static boolean landedAsPlanned(ClusterSnapshot before, ClusterSnapshot after, List<Move> moves) {
        Map<String, Integer> want = running(before);
        for (Move m : moves) {
            want.merge(m.serviceId() + "@" + m.fromNodeId(), -1, Integer::sum);
            want.merge(m.serviceId() + "@" + m.toNodeId(), 1, Integer::sum);
        }
        want.values().removeIf(c -> c == 0);
        return want.equals(running(after));
    }

    private static Map<String, Integer> running(ClusterSnapshot snapshot) {
        Map<String, Integer> out = new java.util.HashMap<>();
        for (Task t : snapshot.tasks()) {
            if (t.isRunning() && t.desiredRunning()) {
                out.merge(t.serviceId() + "@" + t.nodeId(), 1, Integer::sum);
            }
        }
        return out;
    }

    /** "node1 (5 tasks, 3 of web)": the numbers a move is decided on, for the log. */
    private static String counts(ClusterSnapshot snapshot, String serviceId, String nodeId, String hostname) {
        int all = 0;
        int mine = 0;
        for (Task t : snapshot.tasks()) {
            if (t.nodeId().equals(nodeId) && t.isRunning() && t.desiredRunning()) {
                all++;
                mine += t.serviceId().equals(serviceId) ? 1 : 0;
            }
        }
        return hostname + " (" + all + " tasks, " + mine + " of the service)";
    }

    /**
     * The plan's first step: its first move with the moves made together with it (a tied group: same
     * service, same target; a forced update: same service).
     */
    static List<Move> firstStep(List<Move> moves) {
        Move m = moves.get(0);
        int end = 1;
        if (m.method() == Move.Method.SCALE_TIED || m.method() == Move.Method.FORCE) {
            while (end < moves.size() && moves.get(end).method() == m.method() && moves.get(end).serviceId().equals(m.serviceId())
                    && (m.method() == Move.Method.FORCE || moves.get(end).toNodeId().equals(m.toNodeId()))) {
                end++;
            }
        }
        return List.copyOf(moves.subList(0, end));
    }

    /** One move, by the method the plan chose; undone on failure. */
    public void move(Move move, RebalanceLock lock) {
        Service service = gateway.service(move.serviceId());
        if (!service.isReplicated()) {
            throw new SwarmOpsException(Kind.INVALID, "only replicated services can be moved: " + service.name() + " is " + service.mode());
        }
        if (move.method() == Move.Method.EVICT) {
            evict(move, service, lock);
        } else {
            scaleMove(List.of(move), service, lock);
        }
    }

    /**
     * Pause the target's competitors, scale up by one per move (all to the target), restore their
     * availability, scale down by as many: Swarm takes them from the nodes with most tasks of the service.
     */
    private void scaleMove(List<Move> group, Service service, RebalanceLock lock) {
        Move move = group.get(0);
        int t = group.size();
        long replicas = service.replicas();
        ClusterSnapshot snapshot = gateway.snapshot();
        Map<String, String> paused = competitors(snapshot, service, move.toNodeId(), t);
        int onTargetBefore = runningOn(service.id(), move.toNodeId());
        MoveJournal journal = new MoveJournal(service.id(), replicas, true, paused);
        lock.journal(journal);
        try {
            notStopped();
            paused.keySet().forEach(id -> SpecUpdates.updateNode(gateway, id, SpecUpdates.availability("pause"), say));
            notStopped();
            scale(service.id(), replicas + t);
            awaitEffect(t + " new task(s) of " + service.name() + " on " + move.toHostname() + " (" + (replicas + t) + " running)",
                    stepTimeout, lock, () -> settled(service.id(), replicas + t));
            if (runningOn(service.id(), move.toNodeId()) < onTargetBefore + t) {
                throw new SwarmOpsException(Kind.FAILED, "Swarm placed the new task of " + service.name() + " elsewhere than "
                        + move.toHostname());
            }
        } catch (RuntimeException e) {
            undo(journal);
            lock.journal(null);
            throw e;
        }
        restoreAvailability(paused);
        MoveJournal scaledUp = new MoveJournal(service.id(), replicas, true, Map.of());
        lock.journal(scaledUp);
        try {
            scale(service.id(), replicas);
            awaitRunning(service.id(), replicas, service.name() + " back to " + replicas + " replicas");
        } catch (RuntimeException e) {
            undoNowOrLater(scaledUp, lock, e);
            throw e;
        }
        lock.journal(null);
    }

    /**
     * One more try at putting back what the journal says, at once (a daemon that hiccuped); if that
     * fails too, the journal stays in the lock and the next run does it.
     */
    private void undoNowOrLater(MoveJournal journal, RebalanceLock lock, RuntimeException cause) {
        try {
            undo(journal);
            lock.journal(null);
        } catch (RuntimeException again) {
            cause.addSuppressed(again);
        }
    }

    /**
     * Pause the target's competitors and forbid the source for a moment, with start-first updates:
     * Swarm replaces only the source's task, on the target, before stopping the old one. Then the
     * availability and the service's own placement and update config come back; a placement-only
     * change that every task satisfies replaces nothing.
     */
    private void evict(Move move, Service service, RebalanceLock lock) {
        long replicas = service.replicas();
        ObjectNode spec = service.spec();
        String placement = spec.path("TaskTemplate").path("Placement").toString();
        String updateConfig = spec.path("UpdateConfig").toString();
        Map<String, String> paused = competitors(gateway.snapshot(), service, move.toNodeId(), 1);
        paused.remove(move.fromNodeId());
        int onTargetBefore = runningOn(service.id(), move.toNodeId());
        MoveJournal journal = new MoveJournal(service.id(), replicas, false, paused, placement, updateConfig);
        lock.journal(journal);
        try {
            notStopped();
            paused.keySet().forEach(id -> SpecUpdates.updateNode(gateway, id, SpecUpdates.availability("pause"), say));
            evictFrom(service, move.fromNodeId(), "the task of " + service.name() + " on " + move.fromHostname() + " to be replaced on "
                    + move.toHostname(), s -> s, lock);
            if (runningOn(service.id(), move.toNodeId()) <= onTargetBefore) {
                throw new SwarmOpsException(Kind.FAILED, "Swarm placed the replacement of " + service.name() + " elsewhere than "
                        + move.toHostname());
            }
        } catch (RuntimeException e) {
            undo(journal);
            lock.journal(null);
            throw e;
        }
        restoreAvailability(paused);
        MoveJournal evicted = new MoveJournal(service.id(), replicas, false, Map.of(), placement, updateConfig);
        lock.journal(evicted);
        try {
            restoreSpec(service.id(), placement, updateConfig);
        } catch (RuntimeException e) {
            undoNowOrLater(evicted, lock, e);
            throw e;
        }
        lock.journal(null);
    }

    /**
     * The evict move's core, for a move and for a drain that keeps capacity: the node forbidden to
     * the service with start-first updates, one task at a time, so Swarm replaces only the service's
     * tasks there, each replacement running before its predecessor stops. {@code alsoChange} goes
     * into the same write (a journal of what must come back). Returns once the node runs none of the
     * service's tasks and the service runs as many as it wants; the caller puts the placement and
     * update config back ({@link #restoreSpec}).
     */
    public void evictFrom(Service service, String nodeId, String what, java.util.function.UnaryOperator<ObjectNode> alsoChange,
            RebalanceLock lock) {
        long replicas = service.replicas();
        notStopped();
        SpecUpdates.updateService(gateway, service.id(), s -> {
            s.with("TaskTemplate").with("Placement").withArray("Constraints").add("node.id!=" + nodeId);
            ObjectNode update = s.with("UpdateConfig");
            update.put("Order", "start-first");
            update.put("Parallelism", 1);
            return alsoChange.apply(s);
        }, null, say);
        awaitEffect(what, stepTimeout, lock, () -> runningOn(service.id(), nodeId) == 0 && settled(service.id(), replicas));
    }

    /**
     * A forced rolling update of one service, one task at a time, stop-first: Swarm places each
     * replacement where it ranks best. Its own update config comes back afterwards (that replaces
     * nothing); the journal has it if the run dies meanwhile. Swarm goes on with a started update by
     * itself, so nothing else needs undoing.
     */
    private void forceMove(Move move, RebalanceLock lock) {
        Service service = gateway.service(move.serviceId());
        ObjectNode spec = service.spec();
        JsonNode update = spec.path("UpdateConfig");
        // an absent UpdateConfig is Swarm's default (one at a time, stop-first); a present one omits a zero Parallelism: all at once
        boolean ownConfigWill = update.isMissingNode()
                || ("stop-first".equals(update.path("Order").asText("stop-first")) && update.path("Parallelism").asLong(0) == 1);
        if (ownConfigWill) {
            forceUpdate(service, lock, s -> { });
            return;
        }
        MoveJournal journal = new MoveJournal(service.id(), service.replicas(), false, Map.of(),
                spec.path("TaskTemplate").path("Placement").toString(), update.toString());
        lock.journal(journal);
        try {
            forceUpdate(service, lock, s -> s.with("UpdateConfig").put("Order", "stop-first").put("Parallelism", 1));
            restoreSpec(service.id(), journal.placementBefore(), journal.updateConfigBefore());
        } catch (RuntimeException e) {
            undoNowOrLater(journal, lock, e);
            throw e;
        }
        lock.journal(null);
    }

    /**
     * Increments TaskTemplate.ForceUpdate (with whatever else {@code alsoChange} changes in the spec)
     * and waits until every task meant to run carries it and runs. The update status
     * counts only once it differs from the one before: a finished earlier update says "completed" too.
     */
    private void forceUpdate(Service service, RebalanceLock lock, Consumer<ObjectNode> alsoChange) {
        notStopped();
        String statusBefore = service.raw().path("UpdateStatus").toString();
        long[] force = new long[1];
        SpecUpdates.updateService(gateway, service.id(), spec -> {
            ObjectNode task = spec.with("TaskTemplate");
            force[0] = task.path("ForceUpdate").asLong(0) + 1;
            task.put("ForceUpdate", force[0]);
            alsoChange.accept(spec);
            return spec;
        }, null, say);
        String[] stopped = new String[1];
        // one task at a time: the step timeout for each
        Duration timeout = stepTimeout.multipliedBy(Math.max(1, service.replicas()));
        awaitEffect("every task of " + service.name() + " replaced", timeout, lock, () -> {
            Service now = gateway.service(service.id());
            boolean fresh = !now.raw().path("UpdateStatus").toString().equals(statusBefore);
            if (fresh && (now.updateState().contains("paused") || now.updateState().startsWith("rollback"))) {
                stopped[0] = now.updateState() + ": " + now.updateMessage();
                return true;
            }
            List<Task> tasks = gateway.tasks(Map.of("service", List.of(service.id()), "desired-state", List.of("running")));
            return !(fresh && now.updateState().equals("updating")) && tasks.size() == now.replicas()
                    && tasks.stream().allMatch(t -> t.isRunning() && t.raw().path("Spec").path("ForceUpdate").asLong(0) == force[0]);
        });
        if (stopped[0] != null) {
            throw new SwarmOpsException(Kind.FAILED, "the forced update of " + service.name() + " stopped: " + stopped[0]);
        }
    }

    /**
     * The service's placement and update config as they were (JSON, as read from its spec; "" for
     * none); waits until that update settled.
     */
    public void restoreSpec(String serviceId, String placement, String updateConfig) {
        SpecUpdates.updateService(gateway, serviceId, s -> {
            try {
                JsonNode before = Json.MAPPER.readTree(placement);
                if (before != null && before.isObject()) {
                    s.with("TaskTemplate").set("Placement", before);
                } else if (s.path("TaskTemplate").has("Placement")) {
                    // never no Placement after a placement change: dockerd 20.10's updater dereferences a nil
                    // Placement when only the placement changed, and the manager crashes (moby/moby#37883)
                    s.with("TaskTemplate").putObject("Placement");
                }
                s.set("UpdateConfig", Json.MAPPER.readTree(updateConfig));
            } catch (java.io.IOException e) {
                throw new SwarmOpsException(Kind.FAILED, "unreadable journalled spec: " + e.getMessage());
            }
            if (s.path("UpdateConfig").isEmpty()) {
                s.remove("UpdateConfig");
            }
            return s;
        }, null, say);
        Service after = gateway.service(serviceId);
        Waits.until(after.name() + " to settle", stepTimeout, say, () -> settled(serviceId, after.replicas())
                && !gateway.service(serviceId).updateState().equals("updating"));
    }

    /** As many tasks meant to run as wanted, and all of them running. */
    private boolean settled(String serviceId, long replicas) {
        List<Task> tasks = gateway.tasks(Map.of("service", List.of(serviceId), "desired-state", List.of("running")));
        return tasks.size() == replicas && tasks.stream().allMatch(Task::isRunning);
    }

    /** Puts back what a journal says a move changed: availability first, then the replica count or the placement. */
    public void undo(MoveJournal journal) {
        restoreAvailability(journal.pausedNodes());
        if (journal.placementBefore() != null) {
            try {
                say.accept("putting the placement and update config of service " + journal.serviceId() + " back");
                restoreSpec(journal.serviceId(), journal.placementBefore(), journal.updateConfigBefore());
            } catch (SwarmOpsException e) {
                if (e.kind() != Kind.NOT_FOUND) {
                    throw e;
                }
            }
        }
        if (journal.scaledUp()) {
            try {
                Service s = gateway.service(journal.serviceId());
                if (s.replicas() > journal.replicasBefore()) {
                    say.accept("putting " + s.name() + " back to " + journal.replicasBefore() + " replicas");
                    scale(s.id(), journal.replicasBefore());
                    // settled before anything is planned on it: a task still starting is not yet where it will be
                    awaitRunning(s.id(), journal.replicasBefore(), s.name() + " back to " + journal.replicasBefore() + " replicas");
                }
            } catch (SwarmOpsException e) {
                if (e.kind() != Kind.NOT_FOUND) {
                    throw e;
                }
            }
        }
    }

    private void restoreAvailability(Map<String, String> paused) {
        List<SwarmOpsException> failures = new ArrayList<>();
        paused.forEach((id, availability) -> {
            try {
                SpecUpdates.updateNode(gateway, id, spec -> "pause".equals(spec.path("Availability").asText())
                        ? spec.put("Availability", availability) : spec, say);
            } catch (SwarmOpsException e) {
                failures.add(e);
            }
        });
        if (!failures.isEmpty()) {
            throw new SwarmOpsException(Kind.FAILED, "could not restore availability of " + failures.size()
                    + " node(s): " + failures.get(0).getMessage() + " — check 'swarmops node ls'");
        }
    }

    /**
     * Nodes that would rank at least as well as the target for one of the {@code newTasks} new tasks
     * (scheduler.go nodeLess: fewer tasks of the service, then fewer tasks in all; the target gains
     * each one it takes) and can take it: they are paused during the scale-up, with the availability
     * they had. With placement preferences, every other node that could take it: swarmkit first picks
     * the group (the label value) by its count of the service's tasks, then a node in it.
     */
    static Map<String, String> competitors(ClusterSnapshot snapshot, Service service, String targetId, int newTasks) {
        Map<String, Integer> ofService = new LinkedHashMap<>();
        Map<String, Integer> total = new LinkedHashMap<>();
        for (Task t : snapshot.tasks()) {
            if (t.countsAsActive()) {
                total.merge(t.nodeId(), 1, Integer::sum);
                if (t.serviceId().equals(service.id())) {
                    ofService.merge(t.nodeId(), 1, Integer::sum);
                }
            }
        }
        int targetOfService = ofService.getOrDefault(targetId, 0);
        int targetTotal = total.getOrDefault(targetId, 0);
        PlacementFilter filter = PlacementFilter.of(service);
        // with placement preferences the scheduler picks a group before a node: only the target may take the task
        boolean all = !filter.preferences().isEmpty();
        Map<String, String> out = new LinkedHashMap<>();
        for (Node n : snapshot.nodes()) {
            if (n.id().equals(targetId) || filter.staticRefusal(n) != null) {
                continue;
            }
            if (all) {
                out.put(n.id(), n.availability());
                continue;
            }
            int mine = ofService.getOrDefault(n.id(), 0);
            int targetLast = targetOfService + newTasks - 1; // the target's count before the last new task
            if (mine < targetLast || (mine == targetLast && total.getOrDefault(n.id(), 0) <= targetTotal + newTasks - 1)) {
                out.put(n.id(), n.availability());
            }
        }
        return out;
    }

    private void scale(String serviceId, long replicas) {
        SpecUpdates.updateService(gateway, serviceId, spec -> {
            spec.with("Mode").with("Replicated").put("Replicas", replicas);
            return spec;
        }, null, say);
    }

    private int runningOn(String serviceId, String nodeId) {
        return (int) gateway.tasks(Map.of("service", List.of(serviceId), "node", List.of(nodeId), "desired-state", List.of("running")))
                .stream().filter(Task::isRunning).count();
    }

    /** Waits until exactly {@code count} tasks run and no other task is still meant to. */
    private void awaitRunning(String serviceId, long count, String what) {
        Waits.until(what + " (" + count + " running)", stepTimeout, say, () -> settled(serviceId, count));
    }

    /** The seed's way, for comparison: a forced rolling update of every movable service. */
    public Outcome forceAll(RebalancePolicy policy, RebalanceLock lock) {
        Instant start = Instant.now();
        ClusterSnapshot snapshot = gateway.snapshot();
        double before = RebalancePlanner.spread(snapshot, policy.by());
        int count = 0;
        for (Service s : snapshot.services()) {
            if (!RebalancePlanner.movable(s, policy)) {
                continue;
            }
            say.accept("force-updating " + s.name());
            forceUpdate(s, lock, u -> { });
            count++;
        }
        double after = RebalancePlanner.spread(gateway.snapshot(), policy.by());
        return new Outcome(before, after, count, Duration.between(start, Instant.now()), "force-updated " + count + " service(s)");
    }
}
