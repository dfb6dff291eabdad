package io.swarmops.ops.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;

/**
 * A swarm node as {@code GET /nodes} describes it. {@link #raw()} keeps the whole Engine object,
 * so a spec read here is the spec written back.
 *
 * @param role         "manager" or "worker"
 * @param availability "active", "pause" or "drain"
 * @param state        "ready", "down", "unknown" or "disconnected"
 * @param manager      null for workers
 * @param nanoCpus     the node's CPUs ×1e9 (capacity the scheduler reserves against)
 * @param memoryBytes  the node's memory
 */
public record Node(
        String id,
        long version,
        String hostname,
        String role,
        String availability,
        String state,
        String addr,
        ManagerStatus manager,
        Map<String, String> labels,
        Map<String, String> engineLabels,
        long nanoCpus,
        long memoryBytes,
        String engineVersion,
        Instant createdAt,
        ObjectNode raw) {

    public static Node from(JsonNode n) {
        JsonNode spec = n.path("Spec");
        JsonNode desc = n.path("Description");
        JsonNode ms = n.path("ManagerStatus");
        ManagerStatus manager = ms.isObject()
                ? new ManagerStatus(ms.path("Leader").asBoolean(false), Json.text(ms, "Reachability"), Json.text(ms, "Addr"))
                : null;
        return new Node(
                Json.text(n, "ID"),
                n.path("Version").path("Index").asLong(),
                Json.text(desc, "Hostname"),
                Json.text(spec, "Role"),
                Json.text(spec, "Availability"),
                Json.text(n.path("Status"), "State"),
                Json.text(n.path("Status"), "Addr"),
                manager,
                Json.labels(spec.path("Labels")),
                Json.labels(desc.path("Engine").path("Labels")),
                desc.path("Resources").path("NanoCPUs").asLong(),
                desc.path("Resources").path("MemoryBytes").asLong(),
                Json.text(desc.path("Engine"), "EngineVersion"),
                Json.instant(n.path("CreatedAt")),
                Json.copy(n));
    }

    public boolean isManager() {
        return "manager".equals(role);
    }

    public boolean isLeader() {
        return manager != null && manager.leader();
    }

    public boolean isReady() {
        return "ready".equals(state);
    }

    public boolean isActive() {
        return "active".equals(availability);
    }

    /** A copy of the node's spec, to change and write back with {@link #version()}. */
    public ObjectNode spec() {
        return Json.copy(raw.path("Spec"));
    }

    /** Role as docker's MANAGER STATUS column prints it: Leader, Reachable, Unreachable, or "" for workers. */
    public String managerStatusColumn() {
        if (manager == null) {
            return "";
        }
        if (manager.leader()) {
            return "Leader";
        }
        String r = manager.reachability();
        return r.isEmpty() ? "" : Character.toUpperCase(r.charAt(0)) + r.substring(1);
    }

    /**
     * @param reachability "reachable" or "unreachable"
     * @param addr         the manager's Raft address, host:port
     */
    public record ManagerStatus(boolean leader, String reachability, String addr) {
        public boolean reachable() {
            return "reachable".equals(reachability);
        }
    }
}
