package io.swarmops.recovery.emergency;

import com.fasterxml.jackson.databind.JsonNode;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An append-only, fsync'd record of every step's start and end, next to the state file. Killed at
 * any point, the next run reads which steps finished and which one was under way.
 */
public final class Journal {
    private final Path file;

    public Journal(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public void started(String procedure, String step) {
        append(procedure, step, "started");
    }

    public void done(String procedure, String step) {
        append(procedure, step, "done");
    }

    /** The last event of each step of a procedure, in the order steps first appeared. */
    public Map<String, String> events(String procedure) {
        Map<String, String> last = new LinkedHashMap<>();
        for (JsonNode e : entries()) {
            if (e.path("Procedure").asText().equals(procedure)) {
                last.put(e.path("Step").asText(), e.path("Event").asText());
            }
        }
        return last;
    }

    public boolean isDone(String procedure, String step) {
        return "done".equals(events(procedure).get(step));
    }

    public boolean started(String procedure) {
        return !events(procedure).isEmpty();
    }

    public List<JsonNode> entries() {
        List<JsonNode> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    try {
                        out.add(Json.MAPPER.readTree(line));
                    } catch (IOException torn) {
                        // a line torn by a crash mid-write: the step it names did not finish
                    }
                }
            }
        } catch (IOException e) {
            throw new SwarmOpsException(SwarmOpsException.Kind.FAILED, "cannot read journal " + file + ": " + e.getMessage());
        }
        return out;
    }

    private void append(String procedure, String step, String event) {
        String line = Json.object().put("At", Instant.now().toString()).put("Procedure", procedure).put("Step", step)
                .put("Event", event).toString() + "\n";
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            }
        } catch (IOException e) {
            throw new SwarmOpsException(SwarmOpsException.Kind.FAILED, "cannot write journal " + file + ": " + e.getMessage());
        }
    }
}
