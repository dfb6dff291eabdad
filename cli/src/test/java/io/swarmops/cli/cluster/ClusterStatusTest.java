package io.swarmops.cli.cluster;

import static io.swarmops.ops.testing.Fixtures.node;
import static io.swarmops.ops.testing.Fixtures.service;
import static io.swarmops.ops.testing.Fixtures.task;
import static io.swarmops.ops.testing.Fixtures.withState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.CliRun;
import io.swarmops.cli.ExitCodes;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.EngineInfo;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import io.swarmops.ops.testing.StubGateway;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterStatusTest {
    static StubGateway cluster(List<Node> nodes, List<Service> services, List<Task> tasks) {
        return new StubGateway() {
            @Override
            public List<Node> nodes() {
                return nodes;
            }

            @Override
            public List<Service> services(Map<String, List<String>> filters) {
                return services;
            }

            @Override
            public List<Task> tasks(Map<String, List<String>> filters) {
                return tasks;
            }
        };
    }

    @Test
    void healthyIsOkWithSpreadAndReplicas() {
        var g = cluster(List.of(node("a", "node1", "leader"), node("b", "node2", "reachable"), node("c", "node3", "reachable")),
                List.of(service("s1", "web", 3)),
                List.of(task("t1", "s1", "a", 1, "running"), task("t2", "s1", "b", 2, "running"), task("t3", "s1", "c", 3, "running")));
        CliRun r = CliRun.run(g, "cluster", "status");
        assertEquals(ExitCodes.MON_OK, r.code(), r.out());
        assertTrue(r.out().startsWith("OK: 3 nodes, 3/3 managers reachable (quorum 2, tolerates 1 failure), leader node1, task spread 0.00"), r.out());
        assertTrue(r.out().contains("web       replicated   3/3"), r.out());
    }

    @Test
    void aServiceBelowItsReplicasAndADownNodeWarn() throws Exception {
        var g = cluster(List.of(node("a", "node1", "leader"), withState(node("b", "node2", null), "down", "active")),
                List.of(service("s1", "web", 2)), List.of(task("t1", "s1", "a", 1, "running")));
        CliRun r = CliRun.run(g, "cluster", "status", "--format", "json");
        assertEquals(ExitCodes.MON_WARNING, r.code());
        var doc = Json.MAPPER.readTree(r.out());
        assertEquals("WARNING", doc.path("Verdict").asText());
        assertEquals("[\"service web: 1/2 running\",\"node node2 is down\"]", doc.path("Problems").toString());
        assertEquals(1, doc.path("Services").get(0).path("RunningTasks").asInt());
    }

    @Test
    void lostQuorumIsCritical() {
        StubGateway noLeader = new StubGateway() {
            @Override
            public List<Node> nodes() {
                throw new SwarmOpsException(SwarmOpsException.Kind.NO_LEADER, "The swarm does not have a leader.");
            }

            @Override
            public EngineInfo info() {
                ObjectNode i = Json.object();
                i.putObject("Swarm").put("LocalNodeState", "active").put("ControlAvailable", true).put("Managers", 3);
                return EngineInfo.from(i);
            }
        };
        CliRun r = CliRun.run(noLeader, "cluster", "status");
        assertEquals(ExitCodes.MON_CRITICAL, r.code());
        assertTrue(r.out().startsWith("CRITICAL: quorum lost"), r.out());
    }

    @Test
    void unreachableIsUnknown() {
        StubGateway down = new StubGateway() {
            @Override
            public List<Node> nodes() {
                throw new SwarmOpsException(SwarmOpsException.Kind.UNREACHABLE, "cannot connect to the Docker daemon at x");
            }
        };
        CliRun r = CliRun.run(down, "cluster", "status");
        assertEquals(ExitCodes.MON_UNKNOWN, r.code());
        assertEquals("UNKNOWN: cannot connect to the Docker daemon at x\n", r.out());
    }
}
