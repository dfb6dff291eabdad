package io.swarmops.cli.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.swarmops.cli.CliRun;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.Waits;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Task;
import io.swarmops.ops.testing.SwarmState;
import io.swarmops.sandbox.BusyboxImage;
import io.swarmops.sandbox.SandboxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code service explain} on a real 3-node swarm: a service Swarm leaves pending for a constraint no
 * node satisfies, and one it leaves pending at max replicas per node. Each names its cause, node by
 * node and beside the scheduler's own message, and changes nothing.
 */
class ServiceExplainIT {
    @RegisterExtension
    static final SandboxExtension sandbox = SandboxExtension.of("expl", 3, 1).cleaningAfterEach();
    static SwarmGateway g;

    @BeforeAll
    static void up() {
        g = sandbox.gateway();
    }

    static CliRun swarmops(String... args) {
        return CliRun.against(sandbox.host(), args);
    }

    static void createDetached(String... args) {
        List<String> all = new ArrayList<>(List.of("service", "create", "-d", "--no-resolve-image"));
        all.addAll(List.of(args));
        all.addAll(List.of(BusyboxImage.NAME, "sleep", "3600"));
        CliRun c = swarmops(all.toArray(String[]::new));
        assertEquals(0, c.code(), c.err());
    }

    /** Waits until the scheduler has said why it cannot place the service's pending task (Status.Err). */
    static Task pendingWithError(String service, int running) {
        Task[] found = {null};
        Waits.until(service + " to have " + running + " running and a task the scheduler refused", Duration.ofSeconds(120), s -> { }, () -> {
            List<Task> tasks = g.tasks(Map.of("service", List.of(service), "desired-state", List.of("running")));
            found[0] = tasks.stream().filter(t -> t.state().equals("pending") && !t.error().isEmpty()).findFirst().orElse(null);
            return found[0] != null && tasks.stream().filter(Task::isRunning).count() == running;
        });
        return found[0];
    }

    /** Both outputs of {@code service explain}, and the swarm as it was before them. */
    record Explained(JsonNode json, String table, JsonNode pending) {
    }

    static Explained explain(String service) throws Exception {
        SwarmState before = SwarmState.settled(g, Duration.ofSeconds(60));
        CliRun json = swarmops("service", "explain", service, "--format", "json");
        CliRun table = swarmops("service", "explain", service);
        before.assertUnchanged(g);
        assertEquals(0, json.code(), json.err());
        assertEquals(0, table.code(), table.err());
        JsonNode e = Json.MAPPER.readTree(json.out());
        JsonNode p = e.path("PendingTasks");
        assertEquals(1, p.size(), e.toPrettyString());
        System.err.println(table.out());
        return new Explained(e, table.out(), p.get(0));
    }

    static List<String> kinds(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.path("Reasons").forEach(x -> out.add(x.path("Kind").asText()));
        return out;
    }

    @Test
    void aConstraintNoNodeSatisfiesIsNamedOnEveryNodeAndBesideTheSchedulersMessage() throws Exception {
        createDetached("--name", "zoned", "--replicas", "1", "--constraint", "node.labels.zone==east");
        Task pending = pendingWithError("zoned", 0);

        Explained x = explain("zoned");

        JsonNode e = x.json();
        assertEquals(3, e.path("Nodes").size(), e.toPrettyString());
        for (JsonNode n : e.path("Nodes")) {
            assertEquals(false, n.path("CanTakeTask").asBoolean(), n.toString());
            assertEquals(List.of("constraint"), kinds(n), n.toString());
            assertTrue(n.path("Reasons").get(0).path("Message").asText().contains("node.labels.zone==east"), n.toString());
        }
        JsonNode p = x.pending();
        assertEquals(pending.id(), p.path("ID").asText());
        assertEquals("zoned.1", p.path("Name").asText());
        assertTrue(p.path("SchedulerError").asText().contains("constraints not satisfied"), p.toString());
        assertTrue(p.path("Reading").asText().startsWith("no node can take it: constraint on node1, node2, node3"), p.toString());
        assertTrue(x.table().contains("constraints not satisfied") && x.table().contains("node.labels.zone==east"), x.table());
    }

    @Test
    void maxReplicasPerNodeIsNamedOnTheNodesThatHoldTheirShare() throws Exception {
        createDetached("--name", "capped", "--replicas", "4", "--max-replicas", "1");
        Task pending = pendingWithError("capped", 3);

        Explained x = explain("capped");

        JsonNode e = x.json();
        for (JsonNode n : e.path("Nodes")) {
            assertEquals(List.of("max-replicas"), kinds(n), n.toString());
            JsonNode r = n.path("Reasons").get(0);
            assertEquals(1, r.path("Actual").asLong(), r.toString());
            assertEquals(1, r.path("Limit").asLong(), r.toString());
        }
        JsonNode p = x.pending();
        assertEquals(pending.id(), p.path("ID").asText());
        assertTrue(p.path("SchedulerError").asText().contains("max replicas per node"), p.toString());
        assertTrue(p.path("Reading").asText().startsWith("no node can take it: max-replicas on node1, node2, node3"), p.toString());
        assertEquals(3, e.path("Service").path("Running").asInt());
        assertTrue(x.table().contains("max replicas per node"), x.table());
    }
}
