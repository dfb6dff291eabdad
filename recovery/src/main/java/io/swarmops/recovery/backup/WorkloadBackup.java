package io.swarmops.recovery.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.AtomicFile;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.SwarmObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to rebuild a swarm's workload on a fresh swarm, in one JSON document: service
 * specs (references to networks, configs and secrets by name, since IDs do not survive), swarm
 * networks, configs with their data, secret names and labels (the Engine never returns secret
 * data), nodes' roles, availability and labels, and the manager count. Stack membership travels in
 * the services' and objects' own labels. The one capture of a workload in swarmops: {@code backup}
 * writes it, and the emergency shutdown keeps it in its state file to rebuild from.
 */
public record WorkloadBackup(ObjectNode document) {
    public static final int FORMAT = 1;

    public static WorkloadBackup capture(SwarmGateway gateway) {
        ObjectNode doc = Json.object();
        doc.put("Format", FORMAT);
        doc.put("CreatedAt", Instant.now().toString());
        Map<String, String> networkNames = new HashMap<>();
        ArrayNode networks = doc.putArray("Networks");
        for (SwarmObject n : gateway.networks(Map.of("scope", List.of("swarm")))) {
            networkNames.put(n.id(), n.name());
            if (n.raw().path("Ingress").asBoolean(false) || n.name().equals("ingress")) {
                continue;
            }
            ObjectNode create = Json.object();
            create.put("Name", n.name());
            create.put("Driver", n.raw().path("Driver").asText("overlay"));
            create.put("Scope", "swarm");
            create.put("Attachable", n.raw().path("Attachable").asBoolean(false));
            create.put("Internal", n.raw().path("Internal").asBoolean(false));
            create.set("Options", n.raw().path("Options").deepCopy());
            create.set("Labels", n.raw().path("Labels").deepCopy());
            if (n.raw().path("IPAM").isObject()) {
                create.set("IPAM", n.raw().path("IPAM").deepCopy());
            }
            networks.add(create);
        }
        ArrayNode configs = doc.putArray("Configs");
        for (SwarmObject c : gateway.configs(Map.of())) {
            if (!c.name().startsWith("swarmops-")) {
                configs.add(c.spec());
            }
        }
        ArrayNode secrets = doc.putArray("Secrets");
        for (SwarmObject s : gateway.secrets(Map.of())) {
            ObjectNode spec = s.spec();
            spec.remove("Data");
            secrets.add(spec);
        }
        ArrayNode services = doc.putArray("Services");
        for (Service s : gateway.services(Map.of())) {
            services.add(portable(s.spec(), networkNames));
        }
        ArrayNode nodes = doc.putArray("Nodes");
        int managers = 0;
        for (Node n : gateway.nodes()) {
            ObjectNode o = nodes.addObject();
            o.put("Hostname", n.hostname());
            o.put("Addr", n.addr());
            o.set("Spec", n.spec());
            managers += n.isManager() ? 1 : 0;
        }
        doc.put("Managers", managers);
        return new WorkloadBackup(doc);
    }

    /** A spec whose references are by name: network targets, config and secret IDs dropped for their names. */
    static ObjectNode portable(ObjectNode spec, Map<String, String> networkNames) {
        ObjectNode task = spec.with("TaskTemplate");
        for (JsonNode net : task.path("Networks")) {
            String target = net.path("Target").asText();
            ((ObjectNode) net).put("Target", networkNames.getOrDefault(target, target));
        }
        for (JsonNode net : spec.path("Networks")) {
            String target = net.path("Target").asText();
            ((ObjectNode) net).put("Target", networkNames.getOrDefault(target, target));
        }
        for (JsonNode c : task.path("ContainerSpec").path("Configs")) {
            ((ObjectNode) c).remove("ConfigID");
        }
        for (JsonNode s : task.path("ContainerSpec").path("Secrets")) {
            ((ObjectNode) s).remove("SecretID");
        }
        return spec;
    }

    /** The same backup with only the services {@code keep} accepts (the rest of it unchanged). */
    public WorkloadBackup withServices(java.util.function.Predicate<JsonNode> keep) {
        ObjectNode doc = document.deepCopy();
        ArrayNode services = doc.putArray("Services");
        services().stream().filter(keep).forEach(s -> services.add(s.deepCopy()));
        return new WorkloadBackup(doc);
    }

    public List<JsonNode> services() {
        return list("Services");
    }

    public List<JsonNode> networks() {
        return list("Networks");
    }

    public List<JsonNode> configs() {
        return list("Configs");
    }

    public List<JsonNode> secrets() {
        return list("Secrets");
    }

    public List<JsonNode> nodes() {
        return list("Nodes");
    }

    public int managers() {
        return document.path("Managers").asInt();
    }

    private List<JsonNode> list(String field) {
        List<JsonNode> out = new java.util.ArrayList<>();
        document.path(field).forEach(out::add);
        return out;
    }

    /** The backup as the file holds it. */
    public String json() {
        try {
            return Json.PRETTY.writeValueAsString(document);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes the backup whole ({@link AtomicFile}: temp file, fsync, rename), 0600 from its creation:
     * specs hold environment values such as passwords. A crash never leaves half a backup.
     */
    public void write(Path file) {
        AtomicFile.write(file, AtomicFile.PRIVATE, json().getBytes(StandardCharsets.UTF_8));
    }

    public static WorkloadBackup read(Path file) {
        try {
            JsonNode doc = Json.MAPPER.readTree(file.toFile());
            if (!doc.isObject() || doc.path("Format").asInt() != FORMAT) {
                throw new SwarmOpsException(SwarmOpsException.Kind.INVALID, file + " is not a swarmops backup (format " + FORMAT + ")");
            }
            return new WorkloadBackup((ObjectNode) doc);
        } catch (IOException e) {
            throw new SwarmOpsException(SwarmOpsException.Kind.INVALID, "cannot read backup " + file + ": " + e.getMessage());
        }
    }
}
