package io.swarmops.ops.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;

/**
 * A network, config or secret: an object with an ID, a version, a named spec and labels.
 * Network objects have no Spec wrapper in the API; {@link #from} handles both shapes.
 */
public record SwarmObject(String id, long version, String name, Map<String, String> labels, Instant createdAt, ObjectNode raw) {

    public static SwarmObject from(JsonNode n) {
        JsonNode spec = n.has("Spec") ? n.path("Spec") : n;
        String id = n.has("ID") ? Json.text(n, "ID") : Json.text(n, "Id");
        String created = n.has("CreatedAt") ? "CreatedAt" : "Created";
        return new SwarmObject(id, n.path("Version").path("Index").asLong(), Json.text(spec, "Name"),
                Json.labels(spec.path("Labels")), Json.instant(n.path(created)), Json.copy(n));
    }

    public ObjectNode spec() {
        return Json.copy(raw.has("Spec") ? raw.path("Spec") : raw);
    }

    public String stack() {
        return labels.getOrDefault(Service.STACK_NAMESPACE_LABEL, "");
    }
}
