package io.swarmops.recovery.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.AtomicFile;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.SwarmOpsException.Kind;
import io.swarmops.ops.model.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An append-only record of a procedure's steps, one JSON line per event, each forced to disk
 * before the step goes on: killed at any point (kill -9, a lost SSH session), the next run reads
 * which steps finished and which one was under way. A run of a procedure is a <em>pass</em>: it
 * begins with the list of its steps, then each step is {@code started}, {@code done} or
 * {@code failed}. Only the newest pass is current; a torn last line (a crash mid-write) is ignored.
 */
public final class StepJournal {
    public static final String BEGIN = "begin";
    public static final String STARTED = "started";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    /** One line of the journal. {@code steps} only on a begin; {@code message} only on a failure. */
    public record Entry(Instant at, String procedure, String step, String event, List<String> steps, String message) {
    }

    /**
     * One run of a procedure: the steps it planned and the last event of each step (sub-steps such
     * as one node's power-off included), with when each started and ended.
     */
    public record Pass(String procedure, Instant begun, List<String> steps, Map<String, Entry> last, Map<String, Instant> startedAt) {
        public boolean isDone(String step) {
            Entry e = last.get(step);
            return e != null && DONE.equals(e.event());
        }

        public String event(String step) {
            Entry e = last.get(step);
            return e == null ? "" : e.event();
        }

        /** Every planned step done. */
        public boolean complete() {
            return steps.stream().allMatch(this::isDone);
        }

        /** How long a finished step took, from its start to its end. */
        public Optional<Duration> took(String step) {
            Entry e = last.get(step);
            Instant s = startedAt.get(step);
            return e == null || s == null || !DONE.equals(e.event()) ? Optional.empty() : Optional.of(Duration.between(s, e.at()));
        }
    }

    private final Path file;
    private final Clock clock;

    public StepJournal(Path file) {
        this(file, Clock.systemUTC());
    }

    public StepJournal(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    public boolean exists() {
        return Files.exists(file);
    }

    public void begin(String procedure, List<String> steps) {
        ObjectNode e = entry(procedure, "", BEGIN);
        ArrayNode a = e.putArray("Steps");
        steps.forEach(a::add);
        append(e);
    }

    public void started(String procedure, String step) {
        append(entry(procedure, step, STARTED));
    }

    public void done(String procedure, String step) {
        append(entry(procedure, step, DONE));
    }

    public void failed(String procedure, String step, String message) {
        append(entry(procedure, step, FAILED).put("Message", message));
    }

    /** Every entry, oldest first. */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SwarmOpsException(Kind.FAILED, "cannot read journal " + file + ": " + e.getMessage());
        }
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n;
            try {
                n = Json.MAPPER.readTree(line);
            } catch (IOException torn) {
                // a line torn by a crash mid-write: the event it was writing did not happen for us
                continue;
            }
            List<String> steps = new ArrayList<>();
            n.path("Steps").forEach(s -> steps.add(s.asText()));
            out.add(new Entry(Instant.parse(n.path("At").asText()), n.path("Procedure").asText(), n.path("Step").asText(),
                    n.path("Event").asText(), List.copyOf(steps), n.path("Message").asText("")));
        }
        return out;
    }

    /** Every pass, oldest first. */
    public List<Pass> passes() {
        List<Pass> out = new ArrayList<>();
        Entry begin = null;
        Map<String, Entry> last = new LinkedHashMap<>();
        Map<String, Instant> started = new LinkedHashMap<>();
        for (Entry e : entries()) {
            if (BEGIN.equals(e.event())) {
                if (begin != null) {
                    out.add(new Pass(begin.procedure(), begin.at(), begin.steps(), last, started));
                }
                begin = e;
                last = new LinkedHashMap<>();
                started = new LinkedHashMap<>();
            } else if (begin != null && e.procedure().equals(begin.procedure())) {
                last.put(e.step(), e);
                if (STARTED.equals(e.event())) {
                    started.put(e.step(), e.at());
                }
            }
        }
        if (begin != null) {
            out.add(new Pass(begin.procedure(), begin.at(), begin.steps(), last, started));
        }
        return out;
    }

    /** The newest pass of any procedure. */
    public Optional<Pass> current() {
        List<Pass> all = passes();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** A copy of this journal in another file (a dry run continues a copy, never the journal itself). */
    public StepJournal copyTo(Path other) {
        try {
            if (Files.exists(file)) {
                AtomicFile.write(other, AtomicFile.PRIVATE, Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new SwarmOpsException(Kind.FAILED, "cannot copy journal " + file + ": " + e.getMessage());
        }
        return new StepJournal(other, clock);
    }

    /**
     * Held while a procedure runs, so that two runs (two operators, a cron job and a person) never
     * interleave their steps; released when the process ends, however it ends. The lock file names
     * its holder (user, host, process, since when), and a refused run names it back.
     */
    public AutoCloseable lock() {
        Path lockFile = Path.of(file + ".lock");
        try {
            Files.createDirectories(lockFile.toAbsolutePath().getParent());
            FileChannel ch = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
                    AtomicFile.ownerOnly(AtomicFile.PRIVATE));
            java.nio.channels.FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = holder(ch);
                ch.close();
                throw new SwarmOpsException(Kind.CONFLICT, "another procedure is running on " + file + " (" + holder
                        + ", holding " + lockFile + "); wait for it ('swarmops emergency status' shows an emergency's steps)");
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((holderNow() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(true);
            java.nio.channels.FileLock held = lock;
            return () -> {
                held.release();
                ch.close();
            };
        } catch (IOException e) {
            throw new SwarmOpsException(Kind.FAILED, "cannot lock " + lockFile + ": " + e.getMessage());
        }
    }

    /** Who takes the lock: "root@manager1 (pid 4242) since 2026-11-24T03:00:00Z". */
    private String holderNow() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "?";
        }
        return System.getProperty("user.name") + "@" + host + " (pid " + ProcessHandle.current().pid() + ") since " + clock.instant();
    }

    private static String holder(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(512);
        int n = ch.read(buf, 0);
        String text = n <= 0 ? "" : new String(buf.array(), 0, n, StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "holder unknown" : "held by " + text.lines().findFirst().orElse("");
    }

    private ObjectNode entry(String procedure, String step, String event) {
        return Json.object().put("At", clock.instant().toString()).put("Procedure", procedure).put("Step", step).put("Event", event);
    }

    /** Appends one line and forces it to disk; parallel steps (workers powered off at once) write one at a time. */
    private synchronized void append(ObjectNode entry) {
        byte[] line = (entry.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            boolean created = !Files.exists(file);
            // 0600 from its creation: a journal names the nodes, the steps and their errors
            try (FileChannel ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
                    AtomicFile.ownerOnly(AtomicFile.PRIVATE))) {
                long end = ch.size();
                if (end > 0) {
                    ByteBuffer lastByte = ByteBuffer.allocate(1);
                    ch.read(lastByte, end - 1);
                    if (lastByte.get(0) != '\n') {
                        // a line torn by a crash: end it, so this event is a line of its own
                        end += ch.write(ByteBuffer.wrap(new byte[] {'\n'}), end);
                    }
                }
                ByteBuffer buf = ByteBuffer.wrap(line);
                while (buf.hasRemaining()) {
                    end += ch.write(buf, end);
                }
                ch.force(true);
            }
            if (created) {
                // a new file's name lives in its directory: force that too, or a crash may lose the file
                AtomicFile.forceDirectory(parent);
            }
        } catch (IOException e) {
            throw new SwarmOpsException(Kind.FAILED, "cannot write journal " + file + ": " + e.getMessage());
        }
    }
}
