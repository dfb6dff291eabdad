package io.swarmops.cli.health;

import static io.swarmops.ops.testing.Fixtures.node;
import static io.swarmops.ops.testing.Fixtures.service;
import static io.swarmops.ops.testing.Fixtures.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.CliRun;
import io.swarmops.cli.ExitCodes;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.SwarmOpsException.Kind;
import io.swarmops.ops.model.EngineInfo;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.SwarmInfo;
import io.swarmops.ops.model.Task;
import io.swarmops.ops.testing.StubGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthTest {
    @TempDir
    Path dir;

    static EngineInfo info(String error) {
        ObjectNode i = Json.object();
        ObjectNode s = i.putObject("Swarm").put("NodeID", "a").put("NodeAddr", "10.0.0.1").put("LocalNodeState", "active")
                .put("ControlAvailable", true).put("Error", error);
        s.putArray("RemoteManagers").addObject().put("NodeID", "a").put("Addr", "10.0.0.1:2377");
        return EngineInfo.from(i);
    }

    static StubGateway swarm(String error, List<Node> nodes, List<Service> services, List<Task> tasks) {
        return new StubGateway() {
            @Override
            public EngineInfo info() {
                return HealthTest.info(error);
            }

            @Override
            public List<Node> nodes() {
                return nodes;
            }

            @Override
            public SwarmInfo swarm() {
                ObjectNode s = Json.object().put("ID", "x");
                s.putObject("Spec").putObject("Labels").put("io.swarmops.quorum.managers", "3");
                return SwarmInfo.from(s);
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
    void oneManagerWhereARecoveryRecordedThreeIsAWarningWithMetrics() throws Exception {
        Path metrics = dir.resolve("swarm.prom");
        var g = swarm("", List.of(node("a", "node1", "leader"), node("w", "node2", null)), List.of(service("s", "web", 1)),
                List.of(task("t", "s", "w", 1, "running")));
        CliRun r = CliRun.run(g, "health", "--metrics-file", metrics.toString());
        assertEquals(ExitCodes.MON_WARNING, r.code(), r.out());
        assertTrue(r.out().startsWith("WARNING: 1 problem(s)"), r.out());
        assertTrue(r.out().contains("WARNING quorum: degraded: 1 managers reachable, 3 desired"), r.out());
        String prom = Files.readString(metrics);
        assertTrue(prom.contains("swarmops_health_status 1\n") && prom.contains("swarmops_health_problems{check=\"quorum\"} 1\n"), prom);
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(metrics)),
                "readable by node_exporter's user");
        try (var files = Files.list(dir)) {
            assertEquals(List.of("swarm.prom"), files.map(f -> f.getFileName().toString()).toList(), "no temp file left");
        }
    }

    @Test
    void aLostQuorumIsCriticalAndAnUnreachableDaemonUnknown() {
        CliRun lost = CliRun.run(swarm("The swarm does not have a leader.", List.of(), List.of(), List.of()), "health");
        assertEquals(ExitCodes.MON_CRITICAL, lost.code(), lost.out());
        assertTrue(lost.out().startsWith("CRITICAL"), lost.out());
        CliRun down = CliRun.run(new StubGateway() {
            @Override
            public EngineInfo info() {
                throw new SwarmOpsException(Kind.UNREACHABLE, "cannot connect");
            }
        }, "health");
        assertEquals(ExitCodes.MON_UNKNOWN, down.code(), down.out());
    }
}
