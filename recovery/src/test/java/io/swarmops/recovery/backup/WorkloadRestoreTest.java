package io.swarmops.recovery.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.RegistryAuth;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.SwarmObject;
import io.swarmops.ops.testing.Fixtures;
import io.swarmops.ops.testing.StubGateway;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backup taken from one fake swarm and restored on an empty one: order, references by name, secrets, idempotence. */
class WorkloadRestoreTest {
    /** A swarm that keeps what is created in it, by name, with IDs of its own. */
    static class Swarm extends StubGateway {
        final List<String> writes = new ArrayList<>();
        final List<SwarmObject> networks = new ArrayList<>();
        final List<SwarmObject> configs = new ArrayList<>();
        final List<SwarmObject> secrets = new ArrayList<>();
        final List<Service> services = new ArrayList<>();
        final List<Node> nodes = new ArrayList<>(List.of(Fixtures.node("n1", "node1", "leader"), Fixtures.node("n2", "node2", null)));
        int ids;

        SwarmObject add(List<SwarmObject> into, ObjectNode spec) {
            ObjectNode o = Json.object().put("ID", "id" + ++ids);
            o.putObject("Version").put("Index", 1);
            o.set("Spec", spec.deepCopy());
            SwarmObject obj = SwarmObject.from(o);
            into.add(obj);
            return obj;
        }

        @Override
        public List<SwarmObject> networks(Map<String, List<String>> filters) {
            return networks;
        }

        @Override
        public SwarmObject network(String reference) {
            return networks.stream().filter(n -> n.name().equals(reference) || n.id().equals(reference)).findFirst().orElseThrow();
        }

        @Override
        public String createNetwork(ObjectNode request) {
            writes.add("network " + request.path("Name").asText());
            ObjectNode raw = request.deepCopy();
            raw.put("ID", "id" + ++ids);
            networks.add(SwarmObject.from(raw));
            return "id" + ids;
        }

        @Override
        public List<SwarmObject> configs(Map<String, List<String>> filters) {
            return configs;
        }

        @Override
        public SwarmObject config(String reference) {
            return configs.stream().filter(c -> c.name().equals(reference)).findFirst().orElseThrow();
        }

        @Override
        public String createConfig(ObjectNode spec) {
            writes.add("config " + spec.path("Name").asText());
            return add(configs, spec).id();
        }

        @Override
        public List<SwarmObject> secrets(Map<String, List<String>> filters) {
            return secrets;
        }

        @Override
        public SwarmObject secret(String reference) {
            return secrets.stream().filter(c -> c.name().equals(reference)).findFirst().orElseThrow();
        }

        @Override
        public String createSecret(ObjectNode spec) {
            writes.add("secret " + spec.path("Name").asText() + "=" + new String(Base64.getDecoder().decode(spec.path("Data").asText()),
                    StandardCharsets.UTF_8));
            ObjectNode kept = spec.deepCopy();
            kept.remove("Data");
            return add(secrets, kept).id();
        }

        @Override
        public List<Service> services(Map<String, List<String>> filters) {
            return services;
        }

        @Override
        public String createService(ObjectNode spec, RegistryAuth auth, Consumer<String> warnings) {
            writes.add("service " + spec.path("Name").asText() + " " + spec.at("/TaskTemplate/Networks/0/Target").asText()
                    + " " + spec.at("/TaskTemplate/ContainerSpec/Secrets/0/SecretID").asText());
            ObjectNode o = Json.object().put("ID", "id" + ++ids);
            o.putObject("Version").put("Index", 1);
            o.set("Spec", spec.deepCopy());
            services.add(Service.from(o));
            return "id" + ids;
        }

        @Override
        public List<Node> nodes() {
            return nodes;
        }

        @Override
        public Node node(String reference) {
            return nodes.stream().filter(n -> n.hostname().equals(reference) || n.id().equals(reference)).findFirst().orElseThrow();
        }

        @Override
        public void updateNode(String id, long version, ObjectNode spec) {
            writes.add("node " + id + " " + spec.path("Labels"));
            nodes.replaceAll(n -> {
                if (!n.id().equals(id)) {
                    return n;
                }
                ObjectNode raw = n.raw().deepCopy();
                raw.set("Spec", spec);
                return Node.from(raw);
            });
        }
    }

    /** The source: a stack with a network, a config, a secret and a service using all three; node2 labelled. */
    static Swarm source() {
        Swarm a = new Swarm();
        SwarmObject net = a.add(a.networks, Json.object().put("Name", "app_front").put("Driver", "overlay"));
        a.networks.set(0, SwarmObject.from(Json.object().put("ID", net.id()).put("Name", "app_front").put("Driver", "overlay")
                .put("Scope", "swarm")));
        a.add(a.configs, Json.object().put("Name", "app_motd").put("Data", "aGVsbG8K"));
        SwarmObject secret = a.add(a.secrets, Json.object().put("Name", "app_token"));
        ObjectNode spec = Json.object().put("Name", "app_web");
        spec.putObject("Labels").put("com.docker.stack.namespace", "app");
        ObjectNode task = spec.putObject("TaskTemplate");
        ObjectNode cs = task.putObject("ContainerSpec").put("Image", "swarmops/busybox:latest");
        cs.putArray("Secrets").addObject().put("SecretID", secret.id()).put("SecretName", "app_token");
        cs.putArray("Configs").addObject().put("ConfigID", a.configs.get(0).id()).put("ConfigName", "app_motd");
        task.putArray("Networks").addObject().put("Target", net.id());
        spec.putObject("Mode").putObject("Replicated").put("Replicas", 2);
        a.createService(spec, null, w -> { });
        a.updateNode("n2", 1, a.node("n2").spec().put("Availability", "drain").set("Labels", Json.object().put("function", "production")));
        return a;
    }

    @TempDir
    Path dir;

    @Test
    void aBackupRestoredOnAnEmptySwarmRecreatesEverythingInOrderWithItsOwnIds() {
        WorkloadBackup b = WorkloadBackup.capture(source());
        b.write(dir.resolve("b.json"));
        WorkloadBackup read = WorkloadBackup.read(dir.resolve("b.json"));
        assertFalse(read.json().contains("\"Data\" : \"czNjcjN0"), "no secret data");
        Swarm fresh = new Swarm();
        fresh.add(fresh.networks, Json.object()); // a network of the fresh swarm shifts the IDs
        WorkloadRestore restore = new WorkloadRestore(fresh, s -> { });
        WorkloadRestore.Plan plan = restore.plan(read, Map.of());
        assertEquals(List.of("app_token"), plan.missingSecrets());
        assertTrue(plan.steps().contains(new WorkloadRestore.Step("service", "app_web", "blocked by a missing secret")), plan.toString());

        int created = restore.apply(read, Map.of("app_token", "s3cr3t".getBytes(StandardCharsets.UTF_8)), s -> false, () -> { });
        assertEquals(4, created);
        String netId = fresh.network("app_front").id();
        String secretId = fresh.secret("app_token").id();
        assertEquals(List.of("network app_front", "config app_motd", "secret app_token=s3cr3t",
                "node n2 {\"function\":\"production\"}", "service app_web " + netId + " " + secretId), fresh.writes);
        assertEquals("drain", fresh.node("node2").availability());
        assertEquals(read.services().get(0), WorkloadRestore.portableSpec(fresh, fresh.services.get(0)), "the spec as saved, field for field");

        fresh.writes.clear();
        assertTrue(restore.plan(read, Map.of()).nothingToDo(), "everything exists now");
        assertEquals(0, restore.apply(read, Map.of(), s -> false, () -> { }));
        assertEquals(List.of(), fresh.writes);
    }
}
