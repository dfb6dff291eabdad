package io.swarmops.ops.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * A task as {@code GET /tasks} describes it.
 *
 * @param slot         the replica slot (replicated services), 0 for global services
 * @param desiredState what the orchestrator wants: "running", "shutdown", "remove", ...
 * @param state        what the task is: "new" ... "running", "complete", "failed", ...
 */
public record Task(
        String id,
        long version,
        String serviceId,
        String nodeId,
        int slot,
        String desiredState,
        String state,
        String message,
        String error,
        Instant timestamp,
        String containerId,
        long specVersion,
        ObjectNode raw) {

    /** Swarm's task states in order (api/types.proto); a task only moves forward through them. */
    public static final List<String> STATES = List.of("new", "pending", "assigned", "accepted", "preparing",
            "ready", "starting", "running", "complete", "shutdown", "failed", "rejected", "remove", "orphaned");

    public static Task from(JsonNode n) {
        JsonNode status = n.path("Status");
        return new Task(
                Json.text(n, "ID"),
                n.path("Version").path("Index").asLong(),
                Json.text(n, "ServiceID"),
                Json.text(n, "NodeID"),
                n.path("Slot").asInt(0),
                Json.text(n, "DesiredState"),
                Json.text(status, "State"),
                Json.text(status, "Message"),
                Json.text(status, "Err"),
                Json.instant(status.path("Timestamp")),
                Json.text(status.path("ContainerStatus"), "ContainerID"),
                n.path("SpecVersion").path("Index").asLong(),
                Json.copy(n));
    }

    public boolean isRunning() {
        return "running".equals(state);
    }

    /** Desired to run (running, or ready for a task not yet started). */
    public boolean desiredRunning() {
        return "running".equals(desiredState) || "ready".equals(desiredState);
    }

    /**
     * Counts toward a node's load as the scheduler counts it (nodeinfo.go): observed between pending
     * and running, and desired state at most complete.
     */
    public boolean countsAsActive() {
        int s = STATES.indexOf(state);
        int d = STATES.indexOf(desiredState);
        return s >= STATES.indexOf("pending") && s <= STATES.indexOf("running") && d >= 0 && d <= STATES.indexOf("complete");
    }

    public boolean isFailed() {
        return "failed".equals(state) || "rejected".equals(state);
    }
}
