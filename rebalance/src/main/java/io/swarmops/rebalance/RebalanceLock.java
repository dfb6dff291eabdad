package io.swarmops.rebalance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.SwarmOpsException.Kind;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.SwarmObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * At most one rebalance per cluster, whichever manager it runs on: a Swarm config named
 * {@value #NAME}, whose creation fails while it exists. It also carries the journal of the move in
 * progress in its labels (a config's labels are the one part of it that can be updated), so a run
 * that died half way (kill -9, a lost SSH session) is undone by the next one. A lock older than
 * the stale timeout belongs to a run that died. Other cron-run commands take the same kind of lock
 * under their own name ({@code service update-images}: {@value #IMAGE_UPDATES}), with no journal.
 */
public final class RebalanceLock implements AutoCloseable {
    public static final String NAME = "swarmops-rebalance-lock";
    /** The lock of {@code service update-images}. */
    public static final String IMAGE_UPDATES = "swarmops-update-images-lock";
    static final String OWNER = "io.swarmops.owner";
    static final String STARTED = "io.swarmops.started";
    static final String JOURNAL = "io.swarmops.journal";
    /**
     * Renewed with every journal write and, while a move waits on Swarm, every {@link #RENEW_EVERY}: a
     * long run (many moves, a forced update of many tasks) is not taken for a dead one.
     */
    static final String HEARTBEAT = "io.swarmops.heartbeat";
    public static final Duration RENEW_EVERY = Duration.ofSeconds(3);

    private final SwarmGateway gateway;
    private String id;
    /** A move is journalled and not finished: the lock must outlive this run for the next one to undo it. */
    private boolean pending;
    private Instant renewed = Instant.now();

    private RebalanceLock(SwarmGateway gateway, String id) {
        this.gateway = gateway;
        this.id = id;
    }

    /**
     * Takes the lock. A stale lock's journal is handed to {@code recover} before the lock is taken
     * over; a live one is a CONFLICT naming its owner.
     */
    public static RebalanceLock acquire(SwarmGateway gateway, String owner, Duration staleAfter,
            java.util.function.Consumer<MoveJournal> recover) {
        return acquire(gateway, NAME, "rebalance", owner, staleAfter, recover);
    }

    /**
     * Takes the lock named {@code name}, for a run of {@code what} ("rebalance", "image update"):
     * the same rules, stale lock and journal included.
     */
    public static RebalanceLock acquire(SwarmGateway gateway, String name, String what, String owner, Duration staleAfter,
            java.util.function.Consumer<MoveJournal> recover) {
        Instant now = Instant.now();
        try {
            return new RebalanceLock(gateway, gateway.createConfig(spec(name, what, owner, now)));
        } catch (SwarmOpsException e) {
            if (e.kind() != Kind.CONFLICT && !e.getMessage().contains("already exists")) {
                throw e;
            }
        }
        SwarmObject held = gateway.config(name);
        Instant started = Instant.ofEpochSecond(Long.parseLong(held.labels().getOrDefault(STARTED, "0")));
        Instant alive = lastHeardOf(held);
        String holder = held.labels().getOrDefault(OWNER, "?");
        if (Duration.between(alive, now).compareTo(staleAfter) < 0) {
            throw new SwarmOpsException(Kind.CONFLICT, "another " + what + " is running (" + holder + ", since " + started
                    + ", last heard of " + alive + "); its lock is stale " + staleAfter.toMinutes() + " min after that");
        }
        journalOf(held).ifPresent(recover);
        gateway.removeConfig(held.id());
        return new RebalanceLock(gateway, gateway.createConfig(spec(name, what, owner, now)));
    }

    /**
     * The journal of the lock a run that died left, if its lock is older than {@code staleAfter}: what
     * must be put back before anything is planned. Empty when there is no lock, a live one, or one with
     * no move journalled.
     */
    public static Optional<MoveJournal> staleJournal(SwarmGateway gateway, Duration staleAfter) {
        SwarmObject held;
        try {
            held = gateway.config(NAME);
        } catch (SwarmOpsException e) {
            if (e.kind() == Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
        return Duration.between(lastHeardOf(held), Instant.now()).compareTo(staleAfter) < 0 ? Optional.empty() : journalOf(held);
    }

    private static Instant lastHeardOf(SwarmObject lock) {
        long started = Long.parseLong(lock.labels().getOrDefault(STARTED, "0"));
        return Instant.ofEpochSecond(Math.max(started, Long.parseLong(lock.labels().getOrDefault(HEARTBEAT, "0"))));
    }

    /** The journal a crashed run left, if any: what a later run must undo. */
    public static Optional<MoveJournal> journalOf(SwarmObject lock) {
        String j = lock.labels().get(JOURNAL);
        return j == null || j.isEmpty() ? Optional.empty() : Optional.of(MoveJournal.parse(j));
    }

    /** Records the move in progress (or null when none), before its next effect. */
    public void journal(MoveJournal journal) {
        write(labels -> {
            if (journal == null) {
                labels.remove(JOURNAL);
            } else {
                labels.put(JOURNAL, journal.toJson());
            }
        });
        pending = journal != null;
    }

    /**
     * Says this run is alive, at most every {@link #RENEW_EVERY}: called while a move waits. A failed
     * renewal is left to the next one (the wait goes on; the journal is what matters).
     */
    public void renew() {
        if (id == null || Duration.between(renewed, Instant.now()).compareTo(RENEW_EVERY) < 0) {
            return;
        }
        try {
            write(labels -> { });
        } catch (SwarmOpsException e) {
            // the next renewal, or the next journal write, tries again
        }
    }

    /** Changes the lock's labels and renews its heartbeat, in one write. */
    private void write(java.util.function.Consumer<ObjectNode> change) {
        SwarmObject current = gateway.config(id);
        ObjectNode spec = current.spec();
        ObjectNode labels = spec.with("Labels");
        change.accept(labels);
        Instant now = Instant.now();
        labels.put(HEARTBEAT, String.valueOf(now.getEpochSecond()));
        gateway.updateConfig(current.id(), current.version(), spec);
        renewed = now;
    }

    /** Says the run is alive (a long run is not taken for a dead one); nothing to undo. */
    public void heartbeat() {
        journal(null);
    }

    private static ObjectNode spec(String name, String what, String owner, Instant started) {
        ObjectNode s = Json.object();
        s.put("Name", name);
        ObjectNode labels = s.putObject("Labels");
        labels.put(OWNER, owner);
        labels.put(STARTED, String.valueOf(started.getEpochSecond()));
        s.put("Data", Base64.getEncoder().encodeToString((what + " lock of " + owner).getBytes(StandardCharsets.UTF_8)));
        return s;
    }

    /**
     * Releases the lock, unless a journalled move is unfinished (its undo failed too, the daemon went
     * away): then the lock stays, with the journal, and the first run after it is stale puts it back.
     */
    @Override
    public void close() {
        if (id != null && !pending) {
            gateway.removeConfig(id);
            id = null;
        }
    }
}
