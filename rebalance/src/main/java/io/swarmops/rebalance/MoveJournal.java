package io.swarmops.rebalance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.model.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a move has changed and must be put back if the run dies: the service's replicas before the
 * scale-up, the nodes it paused with the availability each had, and for an eviction the service's
 * placement and update config as they were (JSON), or null.
 */
public record MoveJournal(String serviceId, long replicasBefore, boolean scaledUp, Map<String, String> pausedNodes,
        String placementBefore, String updateConfigBefore) {

    public MoveJournal(String serviceId, long replicasBefore, boolean scaledUp, Map<String, String> pausedNodes) {
        this(serviceId, replicasBefore, scaledUp, pausedNodes, null, null);
    }

    public String toJson() {
        ObjectNode o = Json.object();
        o.put("Service", serviceId);
        o.put("ReplicasBefore", replicasBefore);
        o.put("ScaledUp", scaledUp);
        ObjectNode paused = o.putObject("Paused");
        pausedNodes.forEach(paused::put);
        if (placementBefore != null) {
            o.put("Placement", placementBefore);
            o.put("UpdateConfig", updateConfigBefore);
        }
        return o.toString();
    }

    public static MoveJournal parse(String json) {
        try {
            JsonNode o = Json.MAPPER.readTree(json);
            Map<String, String> paused = new java.util.LinkedHashMap<>();
            o.path("Paused").fields().forEachRemaining(e -> paused.put(e.getKey(), e.getValue().asText()));
            return new MoveJournal(o.path("Service").asText(), o.path("ReplicasBefore").asLong(), o.path("ScaledUp").asBoolean(),
                    paused, o.path("Placement").asText(null), o.path("UpdateConfig").asText(null));
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable rebalance journal: " + json, e);
        }
    }

    List<String> nodes() {
        return new ArrayList<>(pausedNodes.keySet());
    }
}
