package io.swarmops.ops.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code GET /swarm}: the cluster's ID, version, spec and join tokens. Managers only. */
public record SwarmInfo(String id, long version, String workerToken, String managerToken, ObjectNode raw) {

    public static SwarmInfo from(JsonNode n) {
        JsonNode t = n.path("JoinTokens");
        return new SwarmInfo(Json.text(n, "ID"), n.path("Version").path("Index").asLong(),
                Json.text(t, "Worker"), Json.text(t, "Manager"), Json.copy(n));
    }

    public ObjectNode spec() {
        return Json.copy(raw.path("Spec"));
    }

    public String token(boolean manager) {
        return manager ? managerToken : workerToken;
    }
}
