package io.swarmops.recovery.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.memory.InMemorySwarm;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backup taken from one fake swarm and restored on an empty one: order, references by name, secrets, idempotence. */
class WorkloadRestoreTest {
    /** A swarm in memory with two nodes; notes the data each secret was created with (the swarm keeps none). */
    static class Swarm extends InMemorySwarm {
        final List<String> secretData = new ArrayList<>();

        Swarm() {
            nodes.put(Fixtures.node("n1", "node1", "leader").raw().deepCopy());
            nodes.put(Fixtures.node("n2", "node2", null).raw().deepCopy());
        }

        @Override
        public String createSecret(ObjectNode spec) {
            secretData.add(spec.path("Name").asText() + "=" + new String(Base64.getDecoder().decode(spec.path("Data").asText()),
                    StandardCharsets.UTF_8));
            return super.createSecret(spec);
        }
    }

    /** The source: a stack with a network, a config, a secret and a service using all three; node2 labelled. */
    static Swarm source() {
        Swarm a = new Swarm();
        String net = a.createNetwork(Json.object().put("Name", "app_front").put("Driver", "overlay"));
        String config = a.createConfig(Json.object().put("Name", "app_motd").put("Data", "aGVsbG8K"));
        String secret = a.createSecret(Json.object().put("Name", "app_token").put("Data", ""));
        ObjectNode spec = Json.object().put("Name", "app_web");
        spec.putObject("Labels").put("com.docker.stack.namespace", "app");
        ObjectNode task = spec.putObject("TaskTemplate");
        ObjectNode cs = task.putObject("ContainerSpec").put("Image", "swarmops/busybox:latest");
        cs.putArray("Secrets").addObject().put("SecretID", secret).put("SecretName", "app_token");
        cs.putArray("Configs").addObject().put("ConfigID", config).put("ConfigName", "app_motd");
        task.putArray("Networks").addObject().put("Target", net);
        spec.putObject("Mode").putObject("Replicated").put("Replicas", 2);
        a.createService(spec, null, w -> { });
        Node n2 = a.node("n2");
        a.updateNode("n2", n2.version(), n2.spec().put("Availability", "drain").set("Labels", Json.object().put("function", "production")));
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
        fresh.createNetwork(Json.object().put("Name", "other")); // a network of the fresh swarm shifts the IDs
        int before = fresh.writes().size();
        WorkloadRestore restore = new WorkloadRestore(fresh, s -> { });
        WorkloadRestore.Plan plan = restore.plan(read, Map.of());
        assertEquals(List.of("app_token"), plan.missingSecrets());
        assertTrue(plan.steps().contains(new WorkloadRestore.Step("service", "app_web", "blocked by a missing secret")), plan.toString());

        int created = restore.apply(read, Map.of("app_token", "s3cr3t".getBytes(StandardCharsets.UTF_8)), s -> false, () -> { });
        assertEquals(4, created);
        assertEquals(List.of("network app_front: create", "config app_motd: create", "secret app_token: create",
                "node node2: availability drain, labels {function=production}", "service app_web: create"),
                fresh.writes().subList(before, fresh.writes().size()));
        assertEquals(List.of("app_token=s3cr3t"), fresh.secretData);
        ObjectNode web = fresh.service("app_web").spec();
        assertEquals(fresh.network("app_front").id(), web.at("/TaskTemplate/Networks/0/Target").asText(), "the network by this swarm's ID");
        assertEquals(fresh.secret("app_token").id(), web.at("/TaskTemplate/ContainerSpec/Secrets/0/SecretID").asText());
        assertEquals(fresh.config("app_motd").id(), web.at("/TaskTemplate/ContainerSpec/Configs/0/ConfigID").asText());
        assertEquals("drain", fresh.node("node2").availability());
        assertEquals(read.services().get(0), WorkloadRestore.portableSpec(fresh, fresh.service("app_web")), "the spec as saved, field for field");

        int done = fresh.writes().size();
        assertTrue(restore.plan(read, Map.of()).nothingToDo(), "everything exists now");
        assertEquals(0, restore.apply(read, Map.of(), s -> false, () -> { }));
        assertEquals(done, fresh.writes().size(), "nothing written again");
    }
}
