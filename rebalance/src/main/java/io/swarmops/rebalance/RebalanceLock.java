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
    /** Renewed with every journal write: a long run (many moves) is not taken for a dead one. */
    static final String HEARTBEAT = "io.swarmops.heartbeat";

    private final SwarmGateway gateway;
    private String id;
    /** A move is journalled and not finished: the lock must outlive this run for the next one to undo it. */
    private boolean pending;

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
        Instant alive = Instant.ofEpochSecond(Math.max(started.getEpochSecond(), Long.parseLong(held.labels().getOrDefault(HEARTBEAT, "0"))));
        String holder = held.labels().getOrDefault(OWNER, "?");
        if (Duration.between(alive, now).compareTo(staleAfter) < 0) {
            throw new SwarmOpsException(Kind.CONFLICT, "another " + what + " is running (" + holder + ", since " + started
                    + ", last heard of " + alive + "); its lock is stale " + staleAfter.toMinutes() + " min after that");
        }
        journalOf(held).ifPresent(recover);
        gateway.removeConfig(held.id());
        return new RebalanceLock(gateway, gateway.createConfig(spec(name, what, owner, now)));
    }

    /** The journal a crashed run left, if any: what a later run must undo. */
    static Optional<MoveJournal> journalOf(SwarmObject lock) {
        String j = lock.labels().get(JOURNAL);
        return j == null || j.isEmpty() ? Optional.empty() : Optional.of(MoveJournal.parse(j));
    }

    /** Records the move in progress (or null when none), before its next effect. */
    public void journal(MoveJournal journal) {
        SwarmObject current = gateway.config(id);
        ObjectNode spec = current.spec();
        ObjectNode labels = spec.with("Labels");
        if (journal == null) {
            labels.remove(JOURNAL);
        } else {
            labels.put(JOURNAL, journal.toJson());
        }
        labels.put(HEARTBEAT, String.valueOf(Instant.now().getEpochSecond()));
        gateway.updateConfig(current.id(), current.version(), spec);
        pending = journal != null;
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
