package io.swarmops.ops.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;

/**
 * A swarm service as {@code GET /services} describes it; {@link #raw()} keeps every field.
 *
 * @param mode         "replicated", "global", "replicated-job" or "global-job"
 * @param replicas     desired replicas (replicated mode), or -1
 * @param updateState  UpdateStatus.State: "", "updating", "paused", "completed", "rollback_started",
 *                     "rollback_paused", "rollback_completed"
 */
public record Service(
        String id,
        long version,
        String name,
        String image,
        String mode,
        long replicas,
        Map<String, String> labels,
        String updateState,
        String updateMessage,
        Instant createdAt,
        Instant updatedAt,
        ObjectNode raw) {

    public static final String STACK_NAMESPACE_LABEL = "com.docker.stack.namespace";

    public static Service from(JsonNode n) {
        JsonNode spec = n.path("Spec");
        JsonNode mode = spec.path("Mode");
        String m;
        long replicas = -1;
        if (mode.has("Global")) {
            m = "global";
        } else if (mode.has("ReplicatedJob")) {
            m = "replicated-job";
            replicas = mode.path("ReplicatedJob").path("TotalCompletions").asLong(1);
        } else if (mode.has("GlobalJob")) {
            m = "global-job";
        } else {
            m = "replicated";
            replicas = mode.path("Replicated").path("Replicas").asLong(1);
        }
        JsonNode us = n.path("UpdateStatus");
        return new Service(
                Json.text(n, "ID"),
                n.path("Version").path("Index").asLong(),
                Json.text(spec, "Name"),
                Json.text(spec.path("TaskTemplate").path("ContainerSpec"), "Image"),
                m,
                replicas,
                Json.labels(spec.path("Labels")),
                Json.text(us, "State"),
                Json.text(us, "Message"),
                Json.instant(n.path("CreatedAt")),
                Json.instant(n.path("UpdatedAt")),
                Json.copy(n));
    }

    public boolean isGlobal() {
        return mode.startsWith("global");
    }

    public boolean isReplicated() {
        return "replicated".equals(mode);
    }

    /** The stack this service belongs to, or "" when it was not deployed as part of one. */
    public String stack() {
        return labels.getOrDefault(STACK_NAMESPACE_LABEL, "");
    }

    /** An update or rollback is running or paused: not a time to change the service. */
    public boolean updateInProgress() {
        return switch (updateState) {
            case "updating", "paused", "rollback_started", "rollback_paused" -> true;
            default -> false;
        };
    }

    /** A copy of the spec, to change and write back with {@link #version()}. */
    public ObjectNode spec() {
        return Json.copy(raw.path("Spec"));
    }

    /** The previous spec, kept by the daemon for rollback, or null. */
    public ObjectNode previousSpec() {
        JsonNode p = raw.path("PreviousSpec");
        return p.isObject() ? Json.copy(p) : null;
    }

    /** Image without the digest docker pins at create time, as {@code docker service ls} prints it. */
    public String imageWithoutDigest() {
        int at = image.indexOf('@');
        return at < 0 ? image : image.substring(0, at);
    }
}
