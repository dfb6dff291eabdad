package io.swarmops.cli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.CliRun;
import io.swarmops.ops.RegistryAuth;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.SwarmObject;
import io.swarmops.ops.testing.StubGateway;
import io.swarmops.recovery.emergency.SimulatedCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackDeployTest {
    @TempDir
    Path dir;

    /** A swarm holding {@code services}; records every write. */
    static class RecordingSwarm extends StubGateway {
        final List<String> writes = new ArrayList<>();
        final List<Service> services = new ArrayList<>();
        final List<SwarmObject> secrets = new ArrayList<>();
        ObjectNode lastSpec;

        @Override
        public List<Service> services(Map<String, List<String>> filters) {
            return services;
        }

        @Override
        public List<SwarmObject> networks(Map<String, List<String>> filters) {
            return List.of();
        }

        @Override
        public List<SwarmObject> secrets(Map<String, List<String>> filters) {
            return secrets;
        }

        @Override
        public List<SwarmObject> configs(Map<String, List<String>> filters) {
            return List.of();
        }

        @Override
        public String createNetwork(ObjectNode request) {
            writes.add("network " + request.path("Name").asText() + " " + request.path("Driver").asText());
            return "net1";
        }

        @Override
        public String createSecret(ObjectNode spec) {
            writes.add("secret " + spec.path("Name").asText());
            ObjectNode raw = Json.object().put("ID", "sec1");
            raw.set("Spec", spec);
            secrets.add(SwarmObject.from(raw));
            return "sec1";
        }

        @Override
        public String createService(ObjectNode spec, RegistryAuth auth, Consumer<String> warnings) {
            writes.add("create " + spec.path("Name").asText());
            lastSpec = spec;
            return "svc1";
        }

        @Override
        public void updateService(String id, long version, ObjectNode spec, RegistryAuth auth, boolean rollback, Consumer<String> warnings) {
            writes.add("update " + id + " v" + version);
            lastSpec = spec;
        }
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void deployCreatesNetworksSecretsThenServicesAsDockerDoes() throws IOException {
        write("pw.txt", "hunter2");
        Path f = write("stack.yml", """
                services:
                  web:
                    image: redis
                    secrets: [pw]
                secrets:
                  pw:
                    file: ./pw.txt
                """);
        RecordingSwarm swarm = new RecordingSwarm();
        CliRun run = CliRun.run(swarm, "stack", "deploy", "--resolve-image", "never", "-c", f.toString(), "st");
        assertEquals(0, run.code(), run.err());
        assertEquals(List.of("network st_default overlay", "secret st_pw", "create st_web"), swarm.writes);
        assertEquals("Creating network st_default\nCreating secret st_pw\nCreating service st_web\n", run.out());
        assertEquals("redis:latest", swarm.lastSpec.path("TaskTemplate").path("ContainerSpec").path("Image").asText());
        assertEquals("sec1", swarm.lastSpec.path("TaskTemplate").path("ContainerSpec").path("Secrets").get(0).path("SecretID").asText());
        assertEquals("redis", swarm.lastSpec.path("Labels").path("com.docker.stack.image").asText());
    }

    @Test
    void aBadFileDeploysNothingAndSaysWhereOnOneLine() throws IOException {
        Path f = write("stack.yml", """
                services:
                  web:
                    image: redis
                    replicas: 2
                """);
        RecordingSwarm swarm = new RecordingSwarm();
        CliRun run = CliRun.run(swarm, "stack", "deploy", "-c", f.toString(), "st");
        assertEquals(io.swarmops.cli.ExitCodes.USAGE, run.code(), "bad input: nothing was tried");
        assertTrue(swarm.writes.isEmpty());
        assertEquals("error: " + f + ":4: services.web.replicas: additional property replicas is not allowed", run.err().strip());
    }

    @Test
    void anExistingServiceIsUpdatedInPlaceWithItsVersionAndForceUpdate() throws IOException {
        Path f = write("stack.yml", "services:\n  web:\n    image: redis:7\n");
        RecordingSwarm swarm = new RecordingSwarm();
        swarm.services.add(Service.from(Json.MAPPER.readTree("""
                {"ID": "abc", "Version": {"Index": 42}, "Spec": {"Name": "st_web",
                 "Labels": {"com.docker.stack.namespace": "st", "com.docker.stack.image": "redis:6"},
                 "TaskTemplate": {"ContainerSpec": {"Image": "redis:6@sha256:aaaa"}, "ForceUpdate": 3}}}
                """)));
        CliRun run = CliRun.run(swarm, "stack", "deploy", "--resolve-image", "never", "-c", f.toString(), "st");
        assertEquals(0, run.code(), run.err());
        assertEquals(List.of("network st_default overlay", "update abc v42"), swarm.writes);
        assertEquals(3, swarm.lastSpec.path("TaskTemplate").path("ForceUpdate").asInt());
        assertEquals("redis:7", swarm.lastSpec.path("TaskTemplate").path("ContainerSpec").path("Image").asText());
        assertTrue(run.out().contains("Updating service st_web (id: abc)"), run.out());
    }

    @Test
    void pruneRemovesServicesNoLongerInTheFile() throws IOException {
        Path f = write("stack.yml", "services:\n  web:\n    image: redis\n");
        RecordingSwarm swarm = new RecordingSwarm() {
            @Override
            public void removeService(String id) {
                writes.add("remove " + id);
            }
        };
        swarm.services.add(Service.from(Json.MAPPER.readTree("""
                {"ID": "old1", "Version": {"Index": 1}, "Spec": {"Name": "st_gone", "Labels": {"com.docker.stack.namespace": "st"},
                 "TaskTemplate": {"ContainerSpec": {"Image": "x"}}}}
                """)));
        CliRun run = CliRun.run(swarm, "stack", "deploy", "--prune", "--resolve-image", "never", "-c", f.toString(), "st");
        assertEquals(0, run.code(), run.err());
        assertEquals(List.of("remove old1", "network st_default overlay", "create st_web"), swarm.writes);
    }

    @Test
    void diffShowsWhatADeployWouldChangeWithoutWriting() throws IOException {
        Path f = write("stack.yml", "services:\n  web:\n    image: redis\n  db:\n    image: postgres\n");
        RecordingSwarm swarm = new RecordingSwarm();
        CliRun run = CliRun.run(swarm, "stack", "diff", "-c", f.toString(), "st");
        assertEquals(0, run.code(), run.err());
        assertTrue(swarm.writes.isEmpty());
        assertEquals("network st_default: create\nservice st_db: create\nservice st_web: create\n", run.out());
    }

    @Test
    void aDryRunPrintsThePlanThenTheDeployersWritesOnACopyAndChangesNothing() throws IOException {
        write("pw.txt", "hunter2");
        Path f = write("stack.yml", "services:\n  web:\n    image: redis\n    secrets: [pw]\nsecrets:\n  pw:\n    file: ./pw.txt\n");
        SimulatedCluster live = new SimulatedCluster().addNode("n1", "node1", true);
        CliRun run = CliRun.run(live, "stack", "deploy", "--dry-run", "--resolve-image", "never", "-c", f.toString(), "st");
        assertEquals(0, run.code(), run.err());
        assertEquals("""
                Creating network st_default
                Creating secret st_pw
                Creating service st_web
                dry run: the deploy, simulated on a copy of the cluster, making these changes:
                  network st_default: create
                  secret st_pw: create
                  service st_web: create
                nothing changed
                """, run.out());
        assertEquals(List.of(), live.writes(), "nothing written");
        assertEquals(List.of(), live.services(Map.of()));
    }
}
