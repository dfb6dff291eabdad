package io.swarmops.cli.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmops.cli.CliRun;
import io.swarmops.cli.ExitCodes;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.testing.SwarmState;
import io.swarmops.sandbox.BusyboxImage;
import io.swarmops.sandbox.Sandbox;
import io.swarmops.sandbox.SandboxExtension;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 5's bar on a real swarm: 3 managers and a worker, two services; two managers lose power;
 * quorum status says lost (2); recover leaves a leader with every service and its replicas; the two
 * nodes boot again and recover --managers 3 ends with 3 reachable managers.
 */
class QuorumRecoveryIT {
    @RegisterExtension
    static final SandboxExtension swarm = SandboxExtension.of("rcvq", 4, 3);
    static Sandbox sandbox;

    @BeforeAll
    static void up() {
        sandbox = swarm.sandbox();
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
        try (SwarmGateway g = swarm.swarm().gateway()) {
            servicesBefore = g.services(Map.of()).stream().map(Service::name).collect(Collectors.toSet());
        }
        CliRun healthy = swarmops("quorum", "status");
        assertEquals(ExitCodes.MON_OK, healthy.code(), healthy.out());

        CliRun refused = swarmops("quorum", "recover", "--yes");
        assertEquals(0, refused.code());
        assertTrue(refused.out().startsWith("nothing to recover"), "a healthy swarm is not re-initialised: " + refused.out());

        // Raft host = Docker address: each unreachable daemon still stands for its manager
        String others = sandbox.address("node2") + "=" + sandbox.host("node2") + "," + sandbox.address("node3") + "=" + sandbox.host("node3");
        sandbox.kill("node2");
        sandbox.kill("node3");
        long t0 = System.nanoTime();
        CliRun lost = swarmops("quorum", "status", "--manager-hosts", others);
        while (lost.code() != ExitCodes.MON_CRITICAL && System.nanoTime() - t0 < 90_000_000_000L) {
            Thread.sleep(500);
            lost = swarmops("quorum", "status", "--manager-hosts", others);
        }
        System.err.printf("quorum loss detected after %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, lost.out());
        assertEquals(ExitCodes.MON_CRITICAL, lost.code(), lost.out());
        assertTrue(lost.out().startsWith("LOST"), lost.out());
        assertTrue(!lost.out().contains("nobody answered"), "both managers were asked: " + lost.out());

        try (SwarmGateway g = swarm.swarm().gateway()) {
            // read BEFORE the dry run: without a leader each part is its error, and a forced new cluster would answer
            SwarmState lostState = SwarmState.read(g);
            CliRun dry = swarmops("quorum", "recover", "--dry-run", "--manager-hosts", others);
            assertEquals(0, dry.code(), dry.out() + dry.err());
            assertTrue(dry.out().contains("--force-new-cluster"), dry.out());
            lostState.assertUnchanged(g);
        }

        CliRun worker = CliRun.against(sandbox.host("node4"), "quorum", "recover", "--yes");
        assertEquals(ExitCodes.FAILED, worker.code(), "a worker refuses: " + worker.out() + worker.err());
        assertTrue(worker.err().contains("not a swarm manager"), worker.err());

        long t1 = System.nanoTime();
        CliRun recover = swarmops("quorum", "recover", "--yes", "--timeout", "45s", "--manager-hosts", others);
        System.err.printf("recovered in %.1f s (exit %d)%n%s%s", (System.nanoTime() - t1) / 1e9, recover.code(), recover.out(), recover.err());
        assertTrue(recover.out().contains("1 of 3 managers reachable; down: node2, node3"),
                "the lone worker is not promoted to an even count; the down managers are waited for: " + recover.out());
        try (SwarmGateway g = swarm.swarm().gateway()) {
            List<Node> nodes = g.nodes();
            assertTrue(nodes.stream().anyMatch(n -> n.isLeader() && n.hostname().equals("node1")), "node1 leads");
            assertEquals(servicesBefore, g.services(Map.of()).stream().map(Service::name).collect(Collectors.toSet()));
            for (Service s : g.services(Map.of())) {
                assertEquals(2, s.replicas(), s.name() + " keeps its replicas");
                awaitRunning(g, s, 2);
            }
        }

        sandbox.boot("node2");
        sandbox.boot("node3");
        long t2 = System.nanoTime();
        CliRun restore = swarmops("quorum", "recover", "--managers", "3", "--yes", "--timeout", "90s");
        System.err.printf("3 managers back in %.1f s after boot%n%s%s", (System.nanoTime() - t2) / 1e9, restore.out(), restore.err());
        assertEquals(0, restore.code(), restore.out() + restore.err());
        try (SwarmGateway g = swarm.swarm().gateway()) {
            long reachable = g.nodes().stream().filter(n -> n.isManager() && n.manager() != null && n.manager().reachable()).count();
            assertEquals(3, reachable, "3 reachable managers: " + restore.out());
        }
        CliRun again = swarmops("quorum", "status");
        assertEquals(ExitCodes.MON_OK, again.code(), again.out());
        CliRun idempotent = swarmops("quorum", "recover", "--yes");
        assertTrue(idempotent.out().startsWith("nothing to recover"), idempotent.out());
    }

    /** Running tasks on ready nodes: tasks of dead nodes still say running. */
    static void awaitRunning(SwarmGateway g, Service s, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            Set<String> ready = g.nodes().stream().filter(Node::isReady).map(Node::id).collect(Collectors.toSet());
            long running = g.tasks(Map.of("service", List.of(s.id()), "desired-state", List.of("running"))).stream()
                    .filter(t -> t.isRunning() && ready.contains(t.nodeId())).count();
            if (running >= count) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, s.name() + " did not get back to " + count + " running on ready nodes");
            Thread.sleep(500);
        }
    }
}
