package io.swarmops.cli.rebalance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.CliRun;
import io.swarmops.cli.ExitCodes;
import io.swarmops.ops.ConnectionOptions;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.ContainerStats;
import io.swarmops.ops.model.EngineInfo;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import io.swarmops.ops.testing.Fixtures;
import io.swarmops.ops.testing.StubGateway;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code rebalance plan --by usage-cpu}: each running task measured on its own node's daemon (reached
 * by {@code --node-host}), on a fake manager and fake daemons whose stats the test states: node1 runs
 * two busy tasks, node2 two idle ones. Counted in tasks there is nothing to do; by use, one busy task goes.
 */
class UsageOptionsTest {
    static final Instant T0 = Instant.parse("2026-12-02T06:00:00Z");
    final List<String> opened = new ArrayList<>();
    final Set<String> unreachable = new java.util.HashSet<>();

    static Task task(String id, String serviceId, String nodeId, String container) {
        ObjectNode raw = Fixtures.task(id, serviceId, nodeId, 1, "running").raw().deepCopy();
        ((ObjectNode) raw.get("Status")).putObject("ContainerStatus").put("ContainerID", container);
        return Task.from(raw);
    }

    final List<Service> services = List.of(Fixtures.service("s1", "burn1", 1), Fixtures.service("s2", "burn2", 1),
            Fixtures.service("s3", "idle", 2));

    final SwarmGateway manager = new StubGateway() {
        @Override
        public List<Node> nodes() {
            return List.of(Fixtures.node("n1", "node1", "leader"), Fixtures.node("n2", "node2", null));
        }

        @Override
        public List<Service> services(Map<String, List<String>> filters) {
            return services;
        }

        @Override
        public List<Task> tasks(Map<String, List<String>> filters) {
            return List.of(task("t1", "s1", "n1", "c1"), task("t2", "s2", "n1", "c2"), task("t3", "s3", "n2", "c3"),
                    task("t4", "s3", "n2", "c4"));
        }

        @Override
        public io.swarmops.ops.model.SwarmObject config(String reference) {
            throw SwarmOpsException.notFound("config", reference); // no lock, no last run
        }
    };

    /** A node's daemon: c1 and c2 use half a CPU between their two samples (10 s apart), c3 and c4 nothing. */
    SwarmGateway daemon(String host) {
        String nodeId = host.contains("node1") ? "n1" : "n2";
        Map<String, Integer> asked = new HashMap<>();
        return new StubGateway() {
            @Override
            public EngineInfo info() {
                if (unreachable.contains(nodeId)) {
                    throw new SwarmOpsException(SwarmOpsException.Kind.UNREACHABLE, "cannot connect to the Docker daemon at " + host
                            + " (-H): connection refused");
                }
                ObjectNode i = Json.object();
                i.putObject("Swarm").put("NodeID", nodeId);
                return EngineInfo.from(i);
            }

            @Override
            public ContainerStats containerStats(String containerId) {
                int n = asked.merge(containerId, 1, Integer::sum) - 1;
                boolean busy = containerId.equals("c1") || containerId.equals("c2");
                return new ContainerStats(T0.plusSeconds(10L * n), busy ? 5_000_000_000L * n : 1000, 8 << 20);
            }
        };
    }

    CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of("plan", "--format", "json"));
        all.addAll(List.of(args));
        return rebalance(all.toArray(String[]::new));
    }

    CliRun rebalance(String... args) {
        List<String> all = new ArrayList<>(List.of("-H", "unix:///manager.sock", "rebalance"));
        all.addAll(List.of(args));
        all.addAll(List.of("--window", "0s", "--node-host", "node1=unix:///run/node1.sock", "--node-host", "node2=unix:///run/node2.sock"));
        return CliRun.run((ConnectionOptions o) -> {
            if (o.host().equals("unix:///manager.sock")) {
                return manager;
            }
            synchronized (opened) {
                opened.add(o.host());
            }
            return daemon(o.host());
        }, all.toArray(String[]::new));
    }

    @Test
    void eachTaskMeasuredOnItsNodesDaemonAndABusyTaskPlannedToTheIdleNode() throws Exception {
        CliRun byTasks = run("--by", "tasks", "--threshold", "0.01");
        assertEquals(0, byTasks.code(), byTasks.err());
        assertEquals(0, Json.MAPPER.readTree(byTasks.out()).path("moves").size(), "two tasks each: even");
        assertEquals(List.of(), opened, "counting tasks reaches no node");

        CliRun byUse = run("--by", "usage-cpu", "--threshold", "0.01");

        assertEquals(0, byUse.code(), byUse.err());
        assertEquals(Set.of("unix:///run/node1.sock", "unix:///run/node2.sock"), Set.copyOf(opened));
        JsonNode plan = Json.MAPPER.readTree(byUse.out());
        assertEquals("usage-cpu", plan.path("by").asText());
        assertEquals(0.25, plan.path("spreadBefore").asDouble(), 1e-6, "node1 uses 1 of 2 CPUs, node2 none: loads 0.5 and 0");
        assertEquals(1, plan.path("moves").size(), plan.toPrettyString());
        JsonNode m = plan.path("moves").get(0);
        assertTrue(m.path("serviceName").asText().startsWith("burn"), m.toString());
        assertEquals(List.of("node1", "node2"), List.of(m.path("fromHostname").asText(), m.path("toHostname").asText()));
        assertTrue(byUse.err().contains("node1: 1.00 CPUs of 2.00 CPUs in use (50 %): burn1.1 0.50 CPUs measured, burn2.1 0.50 CPUs"),
                byUse.err());
    }

    @Test
    void aNodeThatDoesNotAnswerIsOneLineAndItsTasksWeighWhatTheyHave() throws Exception {
        unreachable.add("n2");

        CliRun r = run("--by", "usage-cpu", "--threshold", "0.01");

        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("node node2: no measure (connection refused)"), r.err());
        // idle's tasks have no measure, no reservation: each weighs a typical task (the mean of the measured: 0.5 CPUs)
        assertEquals(0, Json.MAPPER.readTree(r.out()).path("spreadBefore").asDouble(), 1e-6, r.err());
        assertTrue(r.err().contains("node2: 1.00 CPUs of 2.00 CPUs in use (50 %): idle.1 0.50 CPUs (a typical task"), r.err());
    }

    @Test
    void anUnknownMeasureIsOneLineAndExitTwo() {
        CliRun r = run("--by", "usage_cpu");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("invalid --by \"usage_cpu\": use tasks, cpu, memory, usage-cpu, usage-memory"), r.err());
        assertEquals(List.of(), opened);
    }

    @Test
    void aRunWithNothingToDoStaysQuietMeasuresIncluded() {
        CliRun r = rebalance("--by", "usage-cpu", "--threshold", "0.5", "--yes");

        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals("", r.err(), "cron mails whatever a run prints");
        assertEquals(2, opened.size(), "both nodes measured");
    }
}
