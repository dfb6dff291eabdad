package io.swarmops.cli.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmops.cli.CliRun;
import io.swarmops.cli.ExitCodes;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.engine.EngineGateway;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import io.swarmops.sandbox.BusyboxImage;
import io.swarmops.sandbox.Sandbox;
import io.swarmops.sandbox.TestSwarm;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 5's bar on a real swarm: 3 managers and a worker, two services; two managers lose power;
 * quorum status says lost (2); recover leaves a leader with every service and its replicas; the two
 * nodes boot again and recover --managers 3 ends with 3 reachable managers.
 */
class QuorumRecoveryIT {
    static TestSwarm swarm;
    static Sandbox sandbox;

    @BeforeAll
    static void up() {
        swarm = TestSwarm.start("rcvq", 4, 3);
        sandbox = swarm.sandbox();
    }

    @AfterAll
    static void down() {
        swarm.close();
    }

    static CliRun swarmops(String... args) {
        return CliRun.against(sandbox.host("node1"), args);
    }

    @Test
    void loseTwoOfThreeManagersRecoverAndRestore() throws Exception {
        for (String name : List.of("web", "api")) {
            assertEquals(0, swarmops("service", "create", "--name", name, "--replicas", "2", "--no-resolve-image",
                    BusyboxImage.NAME, "sleep", "3600").code());
        }
        Set<String> servicesBefore;
        try (SwarmGateway g = swarm.gateway()) {
            servicesBefore = g.services(Map.of()).stream().map(Service::name).collect(Collectors.toSet());
        }
        CliRun healthy = swarmops("quorum", "status");
        assertEquals(ExitCodes.MON_OK, healthy.code(), healthy.out());

        CliRun refused = swarmops("quorum", "recover", "--yes");
        assertEquals(0, refused.code());
        assertTrue(refused.out().startsWith("nothing to recover"), "a healthy swarm is not re-initialised: " + refused.out());

        sandbox.kill("node2");
        sandbox.kill("node3");
        long t0 = System.nanoTime();
        CliRun lost = swarmops("quorum", "status", "--manager-hosts", sandbox.host("node2") + "," + sandbox.host("node3"));
        while (lost.code() != ExitCodes.MON_CRITICAL && System.nanoTime() - t0 < 90_000_000_000L) {
            Thread.sleep(1000);
            lost = swarmops("quorum", "status", "--manager-hosts", sandbox.host("node2") + "," + sandbox.host("node3"));
        }
        System.err.printf("quorum loss detected after %.0f s%n", (System.nanoTime() - t0) / 1e9);
        assertEquals(ExitCodes.MON_CRITICAL, lost.code(), lost.out());
        assertTrue(lost.out().startsWith("LOST"), lost.out());

        CliRun worker = CliRun.run(EngineGateway::connect, "-H", sandbox.host("node4"), "quorum", "recover", "--yes");
        assertEquals(ExitCodes.FAILED, worker.code(), "a worker refuses: " + worker.out() + worker.err());

        long t1 = System.nanoTime();
        CliRun recover = swarmops("quorum", "recover", "--yes", "--timeout", "60s",
                "--manager-hosts", sandbox.host("node2") + "," + sandbox.host("node3"));
        System.err.printf("recovered in %.1f s%n%s%s", (System.nanoTime() - t1) / 1e9, recover.out(), recover.err());
        try (SwarmGateway g = swarm.gateway()) {
            List<Node> nodes = g.nodes();
            assertTrue(nodes.stream().anyMatch(n -> n.isLeader() && n.hostname().equals("node1")), "node1 leads");
            assertEquals(servicesBefore, g.services(Map.of()).stream().map(Service::name).collect(Collectors.toSet()));
            for (Service s : g.services(Map.of())) {
                awaitRunning(g, s, 2);
            }
        }

        sandbox.boot("node2");
        sandbox.boot("node3");
        CliRun restore = swarmops("quorum", "recover", "--managers", "3", "--yes", "--timeout", "90s");
        assertEquals(0, restore.code(), restore.out() + restore.err());
        try (SwarmGateway g = swarm.gateway()) {
            long reachable = g.nodes().stream().filter(n -> n.isManager() && n.manager() != null && n.manager().reachable()).count();
            assertEquals(3, reachable, "3 reachable managers: " + restore.out());
        }
        CliRun again = swarmops("quorum", "status");
        assertTrue(again.code() == ExitCodes.MON_OK || again.code() == ExitCodes.MON_WARNING, again.out());
    }

    static void awaitRunning(SwarmGateway g, Service s, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (g.tasks(Map.of("service", List.of(s.id()), "desired-state", List.of("running"))).stream().filter(Task::isRunning).count() < count) {
            assertTrue(System.nanoTime() < deadline, s.name() + " did not get back to " + count + " running");
            Thread.sleep(500);
        }
    }
}
