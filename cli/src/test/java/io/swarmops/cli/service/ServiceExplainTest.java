package io.swarmops.cli.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.CliRun;
import io.swarmops.cli.ExitCodes;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import io.swarmops.ops.testing.Fixtures;
import io.swarmops.ops.testing.StubGateway;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What service explain prints, on a fake manager: node10 after node2, each reason, the pending task's two readings. */
class ServiceExplainTest {
    static final Service WEB;

    static {
        ObjectNode raw = Fixtures.service("s1", "web", 3).raw().deepCopy();
        raw.with("Spec").with("TaskTemplate").with("Placement").put("MaxReplicas", 1);
        WEB = Service.from(raw);
    }

    final StubGateway manager = new StubGateway() {
        @Override
        public List<Node> nodes() {
            return List.of(Fixtures.node("n10", "node10", null), Fixtures.node("n2", "node2", "leader"));
        }

        @Override
        public Service service(String reference) {
            if (!reference.equals("web")) {
                throw SwarmOpsException.notFound("service", reference);
            }
            return WEB;
        }

        @Override
        public List<Service> services(Map<String, List<String>> filters) {
            return List.of(WEB);
        }

        @Override
        public List<Task> tasks(Map<String, List<String>> filters) {
            ObjectNode pending = Fixtures.task("p3", "s1", "", 3, "pending").raw().deepCopy();
            ((ObjectNode) pending.get("Status")).put("Message", "pending task scheduling")
                    .put("Err", "no suitable node (max replicas per node limit exceed)");
            return List.of(Fixtures.task("t1", "s1", "n2", 1, "running"), Fixtures.task("t2", "s1", "n10", 2, "running"),
                    Task.from(pending));
        }
    };

    @Test
    void theTableNamesEachReasonAndThePendingTasksTwoReadings() {
        CliRun r = CliRun.run(manager, "service", "explain", "web");

        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("service web: replicated, 3 replicas, 2 running, 1 pending", lines.get(0));
        assertTrue(lines.get(2).startsWith("node2 ") && lines.get(3).startsWith("node10 "), r.out());
        assertTrue(lines.get(2).contains("no") && lines.get(2).contains("max-replicas: node2 already runs 1 tasks of web"), r.out());
        assertTrue(r.out().contains("web.3") && r.out().contains("no suitable node (max replicas per node limit exceed)")
                && r.out().contains("no node can take it: max-replicas on node2, node10"), r.out());
    }

    @Test
    void jsonIsOneDocumentWithEveryNodeAndPendingTask() throws Exception {
        CliRun r = CliRun.run(manager, "service", "explain", "web", "--format", "json");

        assertEquals(0, r.code(), r.err());
        JsonNode e = Json.MAPPER.readTree(r.out());
        assertEquals("web", e.path("Service").path("Name").asText());
        assertEquals(List.of("node2", "node10"), List.of(e.path("Nodes").get(0).path("Hostname").asText(),
                e.path("Nodes").get(1).path("Hostname").asText()));
        JsonNode reason = e.path("Nodes").get(0).path("Reasons").get(0);
        assertEquals("max-replicas", reason.path("Kind").asText());
        assertEquals(List.of(1L, 1L), List.of(reason.path("Actual").asLong(), reason.path("Limit").asLong()));
        assertEquals(false, e.path("Nodes").get(0).path("CanTakeTask").asBoolean());
        JsonNode p = e.path("PendingTasks").get(0);
        assertEquals("p3", p.path("ID").asText());
        assertEquals("web.3", p.path("Name").asText());
        assertEquals("pending task scheduling", p.path("SchedulerMessage").asText());
        assertEquals("no suitable node (max replicas per node limit exceed)", p.path("SchedulerError").asText());
    }

    @Test
    void aTemplateOrAnUnknownServiceIsOneLine() {
        CliRun t = CliRun.run(manager, "service", "explain", "web", "--format", "{{.ID}}");
        assertEquals(ExitCodes.USAGE, t.code());
        assertEquals("service explain prints --format table or json", t.err().strip().replaceFirst("^[^:]*error: ", ""));

        CliRun missing = CliRun.run(manager, "service", "explain", "nope");
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        assertTrue(missing.err().contains("nope"), missing.err());
    }
}
