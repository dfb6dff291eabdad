package io.swarmops.cli.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.RegistryAuth;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.SwarmObject;
import io.swarmops.ops.model.Task;
import io.swarmops.ops.testing.Fixtures;
import io.swarmops.ops.testing.StubGateway;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A daemon with services that converge at once: what create and update wrote is kept (as the
 * Engine keeps a spec), each service has as many running tasks as it wants. Records every write.
 */
class FakeServices extends StubGateway {
    final Map<String, ObjectNode> services = new LinkedHashMap<>();
    final List<ObjectNode> created = new ArrayList<>();
    final List<ObjectNode> updates = new ArrayList<>();
    final List<Boolean> rollbacks = new ArrayList<>();
    final Map<String, String> networks = Map.of("front", "net-front-id", "back", "net-back-id");
    /** The registry's answer for distribution(), or null: no registry reachable. */
    String digest;

    /** Adds a service with this spec (JSON), as if created earlier. */
    FakeServices with(String id, String specJson) {
        try {
            ObjectNode s = Json.object();
            s.put("ID", id);
            s.putObject("Version").put("Index", 10);
            s.set("Spec", Json.MAPPER.readTree(specJson));
            services.put(id, s);
            return this;
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public Service service(String reference) {
        for (ObjectNode s : services.values()) {
            if (s.path("ID").asText().equals(reference) || s.at("/Spec/Name").asText().equals(reference)) {
                return Service.from(s);
            }
        }
        throw SwarmOpsException.notFound("service", reference);
    }

    @Override
    public String createService(ObjectNode spec, RegistryAuth auth, Consumer<String> warnings) {
        created.add(spec.deepCopy());
        String id = "svc" + (services.size() + 1) + "0000000000000000000000";
        ObjectNode s = Json.object();
        s.put("ID", id);
        s.putObject("Version").put("Index", 10);
        s.set("Spec", spec.deepCopy());
        services.put(id, s);
        return id;
    }

    @Override
    public void updateService(String id, long version, ObjectNode spec, RegistryAuth auth, boolean rollback, Consumer<String> warnings) {
        ObjectNode s = services.get(id);
        if (s.path("Version").path("Index").asLong() != version) {
            throw new SwarmOpsException(SwarmOpsException.Kind.CONFLICT, "update out of sequence");
        }
        updates.add(spec.deepCopy());
        rollbacks.add(rollback);
        s.set("PreviousSpec", s.path("Spec").deepCopy());
        s.set("Spec", rollback ? s.path("PreviousSpec").deepCopy() : spec.deepCopy());
        s.putObject("Version").put("Index", version + 1);
        if (rollback) {
            s.putObject("UpdateStatus").put("State", "rollback_completed").put("Message", "rollback completed");
        }
    }

    @Override
    public List<Task> tasks(Map<String, List<String>> filters) {
        List<Task> tasks = new ArrayList<>();
        for (ObjectNode s : services.values()) {
            String id = s.path("ID").asText();
            if (filters.containsKey("service") && !filters.get("service").contains(id)) {
                continue;
            }
            long replicas = s.at("/Spec/Mode/Replicated/Replicas").asLong(1);
            for (int slot = 1; slot <= replicas; slot++) {
                tasks.add(Fixtures.task(id + "-task" + slot + "-v" + s.at("/Version/Index").asLong(), id, "node1", slot, "running"));
            }
        }
        return tasks;
    }

    @Override
    public SwarmObject network(String reference) {
        String id = networks.get(reference);
        if (id == null) {
            throw SwarmOpsException.notFound("network", reference);
        }
        ObjectNode n = Json.object().put("Id", id).put("Name", reference);
        return SwarmObject.from(n);
    }

    @Override
    public JsonNode distribution(String image, RegistryAuth auth) {
        if (digest == null) {
            throw new SwarmOpsException(SwarmOpsException.Kind.FAILED, "no registry answers for " + image);
        }
        ObjectNode d = Json.object();
        d.putObject("Descriptor").put("digest", digest);
        return d;
    }
}
