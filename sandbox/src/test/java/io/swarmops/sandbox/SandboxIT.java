package io.swarmops.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.Waits;
import io.swarmops.ops.model.Node;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A real 3-node swarm: up, a service runs, a node's power is cut and restored, and down leaves nothing. */
class SandboxIT {
    @Test
    void lifecycle() throws Exception {
        long t0 = System.nanoTime();
        TestSwarm swarm = TestSwarm.start("sbxit", 3, 3);
        System.err.printf("up: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        Sandbox sandbox = swarm.sandbox();
        SandboxLayout layout = sandbox.layout();
        try (SwarmGateway g = swarm.gateway()) {
            List<Node> nodes = g.nodes();
            assertEquals(List.of("node1", "node2", "node3"), nodes.stream().map(Node::hostname).sorted().toList());
            assertTrue(nodes.stream().allMatch(n -> n.isReady() && n.isManager()), "3 ready managers");
            for (String n : sandbox.nodeNames()) {
                try (SwarmGateway each = swarm.gateway(n)) {
                    assertEquals(n, each.info().hostname(), "each daemon has its node's hostname");
                    assertTrue(each.info().raw().path("Swarm").path("NodeAddr").asText().startsWith("198.18."));
                }
            }
            String id = g.createService(SandboxExtension.sleeper("sbx-sleep", 3), null, w -> { });
            SandboxExtension.awaitRunning(g, id, 3);

            sandbox.kill("node3");
            assertFalse(sandbox.running("node3"));
            assertTrue(NodeProcesses.of(layout.namespace(3)).isEmpty(), "no process left in node3's namespace");
            awaitNodeState(g, "node3", "down");

            sandbox.boot("node3");
            assertTrue(sandbox.running("node3"));
            awaitNodeState(g, "node3", "ready");
        } finally {
            long t1 = System.nanoTime();
            swarm.close();
            System.err.printf("down: %.1f s%n", (System.nanoTime() - t1) / 1e9);
        }
        assertFalse(Files.exists(layout.stateDir()), "state dir removed");
        assertFalse(Files.exists(layout.runDir()), "run dir removed");
        String netns = HostCommands.check("ip", "netns", "list");
        assertFalse(netns.contains(layout.namespace(1)), netns);
        assertFalse(HostCommands.run(List.of("ip", "link", "show", layout.bridge())).ok(), "bridge removed");
        assertFalse(HostCommands.check("iptables", "-S", "FORWARD").contains(layout.bridge()), "iptables rules removed");
        assertFalse(Files.readString(java.nio.file.Path.of("/proc/self/mountinfo")).contains(layout.stateDir().toString()), "no mounts left");
        assertTrue(Sandbox.find(layout.prefix()).isEmpty());
    }

    static void awaitNodeState(SwarmGateway g, String hostname, String state) {
        Waits.until(hostname + " to be " + state, Duration.ofSeconds(90), line -> { }, () -> g.node(hostname).state().equals(state));
    }
}
