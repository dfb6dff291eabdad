package io.swarmops.cli.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.node.NodeHealth.DaemonView;
import io.swarmops.cli.node.NodeHealth.Report;
import io.swarmops.cli.node.NodeHealth.Severity;
import io.swarmops.ops.model.EngineInfo;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.testing.Fixtures;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeHealthTest {
    static final Node WORKER = Fixtures.node("n2", "node2", null);

    static EngineInfo info(String state, String nodeId, String clusterId, String version) {
        ObjectNode i = Json.object().put("ServerVersion", version);
        ObjectNode s = i.putObject("Swarm").put("LocalNodeState", state).put("NodeID", nodeId);
        s.putObject("Cluster").put("ID", clusterId);
        return EngineInfo.from(i);
    }

    static Report judge(EngineInfo info, Duration skew, List<String> missing) {
        return NodeHealth.judge(WORKER, "c1", "unix:///n2.sock (inventory)", new DaemonView(info, skew, missing), null);
    }

    @Test
    void aDaemonThatAgreesWithTheManagerIsOk() {
        Report r = judge(info("active", "n2", "c1", "20.10.24"), Duration.ofMillis(300), List.of());
        assertEquals(List.of(), r.findings());
        assertEquals(Severity.OK, r.worst());
    }

    @Test
    void whatDoesNotAgreeIsSaidWithItsSeverity() {
        assertEquals(Severity.CRITICAL, NodeHealth.judge(WORKER, "c1", "unix:///n2.sock", null, "connection refused").worst());
        assertTrue(NodeHealth.judge(WORKER, "c1", "unix:///n2.sock", null, "connection refused").findings().get(0).text()
                .equals("its daemon does not answer at unix:///n2.sock: connection refused; the manager still lists it ready"));
        assertFinding(judge(info("inactive", "", "", "20.10.24"), Duration.ZERO, List.of()), Severity.CRITICAL,
                "its daemon is not in a swarm (it left or was never joined); the manager lists it ready");
        assertFinding(judge(info("locked", "n2", "c1", "20.10.24"), Duration.ZERO, List.of()), Severity.CRITICAL,
                "its swarm state is locked: 'docker swarm unlock' on the node");
        assertFinding(judge(info("pending", "n2", "c1", "20.10.24"), Duration.ZERO, List.of()), Severity.WARNING,
                "its daemon is still joining the swarm (pending)");
        assertFinding(judge(info("active", "n9", "c1", "20.10.24"), Duration.ZERO, List.of()), Severity.CRITICAL,
                "the daemon at unix:///n2.sock (inventory) is node n9, not n2 (rejoined under a new ID, or the inventory points at another node)");
        assertFinding(judge(info("active", "n2", "c7", "20.10.24"), Duration.ZERO, List.of()), Severity.CRITICAL,
                "its daemon is in another swarm (cluster c7, not c1)");
        assertFinding(judge(info("active", "n2", "c1", "24.0.7"), Duration.ZERO, List.of()), Severity.WARNING,
                "the manager records engine 20.10.24, the daemon runs 24.0.7");
        assertFinding(judge(info("active", "n2", "c1", "20.10.24"), Duration.ofMillis(-2500), List.of()), Severity.WARNING,
                "its clock is -2.5s off the manager's");
        assertFinding(judge(info("active", "n2", "c1", "20.10.24"), Duration.ofSeconds(90), List.of()), Severity.CRITICAL,
                "its clock is +90.0s off the manager's");
        assertFinding(judge(info("active", "n2", "c1", "20.10.24"), Duration.ZERO, List.of("nginx:1.27")), Severity.WARNING,
                "images its tasks need are not on it: nginx:1.27");
        Report down = NodeHealth.judge(Fixtures.withState(WORKER, "down", "active"), "c1", "e",
                new DaemonView(info("active", "n2", "c1", "20.10.24"), Duration.ZERO, List.of()), null);
        assertFinding(down, Severity.WARNING, "its daemon answers and is in the swarm, but the manager lists it down");
    }

    private static void assertFinding(Report r, Severity severity, String text) {
        assertEquals(1, r.findings().size(), r.findings().toString());
        assertEquals(severity, r.findings().get(0).severity());
        assertEquals(text, r.findings().get(0).text());
        assertEquals(severity, r.worst());
    }
}
