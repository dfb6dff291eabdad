package io.swarmops.cli.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.CliRun;
import io.swarmops.cli.ExitCodes;
import io.swarmops.ops.ConnectionOptions;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.EngineInfo;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Task;
import io.swarmops.ops.testing.Fixtures;
import io.swarmops.ops.testing.StubGateway;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** node check on a fake manager and fake node daemons: one that agrees, one that never answers. */
class NodeCheckTest {
    static EngineInfo info(String nodeId) {
        ObjectNode i = Json.object().put("ServerVersion", "20.10.24").put("SystemTime", Instant.now().toString());
        ObjectNode s = i.putObject("Swarm").put("LocalNodeState", "active").put("NodeID", nodeId);
        s.putObject("Cluster").put("ID", "c1");
        return EngineInfo.from(i);
    }

    static Node swarmNode(String id, String hostname, String addr, String manager) {
        ObjectNode raw = Fixtures.node(id, hostname, manager).raw().deepCopy();
        ((ObjectNode) raw.get("Status")).put("Addr", addr);
        return Node.from(raw);
    }

    final SwarmGateway manager = new StubGateway() {
        @Override
        public List<Node> nodes() {
            return List.of(swarmNode("n2", "node2", "10.0.0.2", null), swarmNode("n1", "node1", "10.0.0.1", "leader"));
        }

        @Override
        public EngineInfo info() {
            return NodeCheckTest.info("n1");
        }

        @Override
        public List<Task> tasks(Map<String, List<String>> filters) {
            return List.of(Fixtures.task("t1", "s1", "n1", 1, "running"));
        }
    };

    final CountDownLatch never = new CountDownLatch(1);

    SwarmGateway daemon(String host) {
        return new StubGateway() {
            @Override
            public EngineInfo info() {
                if (host.contains("10.0.0.2")) {
                    try {
                        never.await(); // a daemon that accepted and never answers
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return NodeCheckTest.info("n1");
            }

            @Override
            public boolean hasImage(String reference) {
                return reference.equals("swarmops/busybox:latest");
            }

            @Override
            public void close() {
            }
        };
    }

    CliRun run(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-H";
        all[1] = "unix:///manager.sock";
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.run((ConnectionOptions o) -> o.host().equals("unix:///manager.sock") ? manager : daemon(o.host()), all);
    }

    @Test
    void aNodeThatNeverAnswersIsOneLineAndDoesNotHoldUpTheOthers() {
        CliRun r = run("node", "check", "--node-timeout", "3s", "--node-host", "node1=tcp://10.0.0.1:2375",
                "--node-host", "node2=tcp://10.0.0.2:2375");
        never.countDown();
        assertEquals(ExitCodes.MON_CRITICAL, r.code(), r.out() + r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(1).startsWith("node1 ") && lines.get(1).endsWith(" OK"), r.out());
        assertTrue(lines.get(2).startsWith("node2 ") && lines.get(2).endsWith(" CRITICAL"), r.out());
        assertEquals("node2: CRITICAL: its daemon does not answer at tcp://10.0.0.2:2375 (--node-host node2): no answer within 3s; "
                + "the manager still lists it ready", lines.get(3));
        assertEquals(4, lines.size(), r.out());
    }

    @Test
    void aManagerThatDoesNotAnswerIsUnknown() {
        SwarmGateway down = new StubGateway() {
            @Override
            public List<Node> nodes() {
                throw new SwarmOpsException(SwarmOpsException.Kind.UNREACHABLE, "cannot connect to the Docker daemon at unix:///m.sock (-H): refused");
            }
        };
        CliRun r = CliRun.run(down, "node", "check");
        assertEquals(ExitCodes.MON_UNKNOWN, r.code());
        assertEquals("UNKNOWN: the manager does not answer: cannot connect to the Docker daemon at unix:///m.sock (-H): refused\n", r.err());
    }

    @Test
    void jsonSaysBothViews() throws Exception {
        CliRun r = run("node", "check", "node1", "--format", "json", "--node-host", "node1=tcp://10.0.0.1:2375");
        assertEquals(ExitCodes.MON_OK, r.code(), r.out() + r.err());
        var doc = Json.MAPPER.readTree(r.out());
        assertEquals(1, doc.size());
        assertEquals("manager", doc.get(0).path("Manager").path("Role").asText());
        assertEquals("n1", doc.get(0).path("Daemon").path("NodeID").asText());
        assertEquals("OK", doc.get(0).path("Check").asText());
    }
}
