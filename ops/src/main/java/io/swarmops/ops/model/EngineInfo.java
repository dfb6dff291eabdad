package io.swarmops.ops.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code GET /info} says about the daemon and its place in a swarm. Answered by any daemon,
 * manager or not, with or without quorum: the first thing to ask when diagnosing.
 *
 * @param localNodeState    "inactive", "pending", "active", "error" or "locked"
 * @param controlAvailable  true on a manager
 * @param managers          managers known to this node (0 when unknown)
 * @param remoteManagers    the managers' Raft addresses known to this node
 * @param swarmError        the daemon's own description of a swarm problem, or ""
 */
public record EngineInfo(
        String hostname,
        String serverVersion,
        String nodeId,
        String nodeAddr,
        String localNodeState,
        boolean controlAvailable,
        String clusterId,
        int managers,
        int nodes,
        List<String> remoteManagers,
        String swarmError,
        long nanoCpus,
        long memoryBytes,
        ObjectNode raw) {

    public static EngineInfo from(JsonNode n) {
        JsonNode swarm = n.path("Swarm");
        List<String> remotes = new ArrayList<>();
        swarm.path("RemoteManagers").forEach(r -> remotes.add(Json.text(r, "Addr")));
        return new EngineInfo(
                Json.text(n, "Name"),
                Json.text(n, "ServerVersion"),
                Json.text(swarm, "NodeID"),
                Json.text(swarm, "NodeAddr"),
                Json.text(swarm, "LocalNodeState"),
                swarm.path("ControlAvailable").asBoolean(false),
                Json.text(swarm.path("Cluster"), "ID"),
                swarm.path("Managers").asInt(0),
                swarm.path("Nodes").asInt(0),
                List.copyOf(remotes),
                Json.text(swarm, "Error"),
                n.path("NCPU").asLong() * 1_000_000_000L,
                n.path("MemTotal").asLong(),
                Json.copy(n));
    }

    public boolean inSwarm() {
        return "active".equals(localNodeState) || "pending".equals(localNodeState) || "error".equals(localNodeState)
                || "locked".equals(localNodeState);
    }

    public boolean isManager() {
        return controlAvailable;
    }
}
