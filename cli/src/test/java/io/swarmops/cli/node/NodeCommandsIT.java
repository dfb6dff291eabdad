package io.swarmops.cli.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.swarmops.cli.CliRun;
import io.swarmops.cli.ExitCodes;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.engine.EngineGateway;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import io.swarmops.sandbox.SandboxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The node, swarm and cluster commands against a real 3-node swarm (1 manager, 2 workers). */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeCommandsIT {
    @RegisterExtension
    static final SandboxExtension sandbox = SandboxExtension.of("nodeit", 3, 1);

    static CliRun swarmops(String... args) {
        return CliRun.against(sandbox.host(), args);
    }

    static Node node(String name) {
        return sandbox.gateway().node(name);
    }

    @Test
    void lsJsonListsTheNodesByHostname() throws Exception {
        CliRun r = swarmops("node", "ls", "--format", "json");
        assertEquals(0, r.code(), r.err());
        List<String> names = new ArrayList<>();
        for (String line : r.out().lines().toList()) {
            names.add(Json.MAPPER.readTree(line).path("Hostname").asText());
        }
        assertEquals(List.of("node1", "node2", "node3"), names);
        CliRun table = swarmops("node", "ls");
        assertTrue(table.out().lines().anyMatch(l -> l.contains(" *") && l.contains("node1") && l.contains("Leader")), table.out());
    }

    @Test
    void inspectAndUnknownNodes() throws Exception {
        CliRun r = swarmops("node", "inspect", "node2");
        assertEquals(0, r.code(), r.err());
        assertEquals("node2", Json.MAPPER.readTree(r.out()).get(0).path("Description").path("Hostname").asText());
        CliRun missing = swarmops("node", "inspect", "nosuch");
        assertEquals(ExitCodes.FAILED, missing.code());
        assertEquals("error: no such node: nosuch\n", missing.err());
        assertTrue(swarmops("node", "inspect", "--pretty", "self").out().contains("Hostname:\t\tnode1"));
    }

    @Test
    void labelsAndAvailability() {
        assertEquals(0, swarmops("node", "update", "--label-add", "function=production", "node2").code());
        assertEquals(Map.of("function", "production"), node("node2").labels());
        assertEquals(0, swarmops("node", "update", "--label-rm", "function", "node2").code());
        assertEquals(Map.of(), node("node2").labels());
        assertEquals(0, swarmops("node", "update", "--availability", "drain", "node3").code());
        assertEquals("drain", node("node3").availability());
        CliRun status = swarmops("cluster", "status");
        assertEquals(ExitCodes.MON_WARNING, status.code(), status.out());
        assertTrue(status.out().contains("node node3 is drain"), status.out());
        assertEquals(0, swarmops("node", "update", "--availability", "active", "node3").code());
        assertEquals("active", node("node3").availability());
    }

    @Test
    @Order(100)
    void promoteThenDemote() throws InterruptedException {
        CliRun p = swarmops("node", "promote", "node2");
        assertEquals(0, p.code(), p.err());
        assertEquals("manager", node("node2").role());
        // Swarm finishes a promotion in the background: the node must join Raft before it can be demoted
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (node("node2").manager() == null || !node("node2").manager().reachable()) {
            assertTrue(System.nanoTime() < deadline, "node2 did not become a reachable manager");
            Thread.sleep(200);
        }
        CliRun d = swarmops("node", "demote", "node2");
        assertEquals(0, d.code(), d.err());
        assertEquals("worker", node("node2").role());
    }

    @Test
    void joinTokens() {
        String token;
        try (SwarmGateway g = sandbox.swarm().gateway()) {
            token = g.swarm().workerToken();
        }
        assertEquals(token + "\n", swarmops("swarm", "join-token", "-q", "worker").out());
        CliRun m = swarmops("swarm", "join-token", "manager");
        assertTrue(m.out().contains("docker swarm join --token SWMTKN-"), m.out());
        assertTrue(m.out().contains(sandbox.swarm().sandbox().address("node1") + ":2377"), m.out());
    }

    @Test
    void aWorkerAskedForAManagersJobSaysSoInOneLine() {
        CliRun r = CliRun.run(EngineGateway::connect, "-H", sandbox.swarm().sandbox().host("node3"), "node", "ls");
        assertEquals(ExitCodes.FAILED, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("not a swarm manager"), r.err());
        CliRun status = CliRun.run(EngineGateway::connect, "-H", sandbox.swarm().sandbox().host("node3"), "cluster", "status");
        assertEquals(ExitCodes.MON_UNKNOWN, status.code(), status.out());
    }

    @Test
    void clusterStatusJson() throws Exception {
        CliRun r = swarmops("cluster", "status", "--format", "json");
        assertTrue(r.code() == ExitCodes.MON_OK || r.code() == ExitCodes.MON_WARNING, r.out());
        JsonNode doc = Json.MAPPER.readTree(r.out());
        assertEquals(1, doc.path("Quorum").path("Managers").asInt());
        assertEquals(3, doc.path("Nodes").size());
    }
}
