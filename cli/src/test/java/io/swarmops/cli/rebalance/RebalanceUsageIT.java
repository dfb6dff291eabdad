package io.swarmops.cli.rebalance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.swarmops.cli.CliRun;
import io.swarmops.ops.SpecUpdates;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.Waits;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Task;
import io.swarmops.ops.testing.SwarmState;
import io.swarmops.sandbox.BusyboxImage;
import io.swarmops.sandbox.SandboxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code rebalance --by usage-cpu} on a real 3-node swarm: node1 runs two busy tasks (a busybox
 * loop, each held to half a CPU), node2 one, node3 four idle ones. Counted in tasks node3 is the
 * fullest; by what the tasks use it is the idlest, and the one move that evens the CPU out takes a
 * busy task from node1 to node3. Each node's capacity is what its daemon reports (all share this
 * machine's CPUs); the loops' limit keeps the difference clear however loaded the machine is.
 */
class RebalanceUsageIT {
    static final List<String> NODES = List.of("node1", "node2", "node3");
    /** Cleaning: the loops stop burning CPU as soon as the test is done. */
    @RegisterExtension
    static final SandboxExtension sandbox = SandboxExtension.of("usage", 3, 1).cleaningAfterEach();
    static SwarmGateway g;

    @BeforeAll
    static void up() {
        g = sandbox.gateway();
    }

    static CliRun swarmops(String... args) {
        return CliRun.against(sandbox.host(), args);
    }

    static void availability(String node, String availability) {
        SpecUpdates.updateNode(g, node, SpecUpdates.availability(availability), System.err::println);
    }

    /** Creates the service with only {@code on} active, so that Swarm places every task there. */
    static void createOn(String on, String name, int replicas, String... command) {
        NODES.forEach(n -> availability(n, n.equals(on) ? "active" : "pause"));
        List<String> all = new ArrayList<>(List.of("service", "create", "--no-resolve-image", "--name", name, "--replicas",
                String.valueOf(replicas)));
        if (command.length > 0) {
            all.addAll(List.of("--limit-cpu", "0.5", BusyboxImage.NAME));
            all.addAll(List.of(command));
        } else {
            all.addAll(List.of(BusyboxImage.NAME, "sleep", "3600"));
        }
        CliRun c = swarmops(all.toArray(String[]::new));
        assertEquals(0, c.code(), c.err());
    }

    /** Service name → hostnames of its running tasks. */
    static Map<String, List<String>> placement() {
        Map<String, String> host = g.nodes().stream().collect(Collectors.toMap(Node::id, Node::hostname));
        Map<String, String> name = new java.util.HashMap<>();
        g.services(Map.of()).forEach(s -> name.put(s.id(), s.name()));
        return g.tasks(Map.of("desired-state", List.of("running"))).stream().filter(Task::isRunning)
                .collect(Collectors.groupingBy(t -> name.get(t.serviceId()), java.util.TreeMap::new,
                        Collectors.mapping(t -> host.get(t.nodeId()), Collectors.toList())));
    }

    static Set<String> runningIds(String service) {
        return g.tasks(Map.of("service", List.of(service), "desired-state", List.of("running"))).stream().filter(Task::isRunning)
                .map(Task::id).collect(Collectors.toSet());
    }

    @Test
    void aBusyTaskGoesToTheNodeWithTheMostIdleCpu() throws Exception {
        String[] loop = {"sh", "-c", "while :; do :; done"};
        createOn("node1", "burn1", 1, loop);
        createOn("node1", "burn2", 1, loop);
        createOn("node2", "burn3", 1, loop);
        createOn("node3", "idle", 4);
        NODES.forEach(n -> availability(n, "active"));
        Map<String, List<String>> before = placement();
        assertEquals(Map.of("burn1", List.of("node1"), "burn2", List.of("node1"), "burn3", List.of("node2"),
                "idle", List.of("node3", "node3", "node3", "node3")), before);
        Set<String> idleTasks = runningIds("idle");
        String inventory = sandbox.sandbox().layout().inventory().toString();

        // counted in tasks, node3 (4 tasks) is the one to take from: the usage measure is what sends a task there
        CliRun byTasks = swarmops("rebalance", "plan", "--by", "tasks", "--threshold", "0.5", "--format", "json");
        assertEquals(0, byTasks.code(), byTasks.err());
        JsonNode tasksPlan = Json.MAPPER.readTree(byTasks.out());
        assertTrue(tasksPlan.path("moves").size() > 0 && tasksPlan.path("moves").get(0).path("fromHostname").asText().equals("node3"),
                tasksPlan.toPrettyString());

        // the loops get what this shared machine leaves them: the threshold is set from the spread measured now,
        // half of it (one busy task to node3 evens the three loops out; moving anything else helps nothing)
        CliRun measured = swarmops("rebalance", "plan", "--by", "usage-cpu", "--window", "15s", "--threshold", "0", "--config", inventory,
                "--format", "json");
        assertEquals(0, measured.code(), measured.err());
        System.err.println(measured.err());
        double spread = Json.MAPPER.readTree(measured.out()).path("spreadBefore").asDouble();
        assertTrue(spread > 0.001, "the loops use some CPU: " + measured.out() + measured.err());
        String threshold = String.format(java.util.Locale.ROOT, "%.4f", spread / 2);

        SwarmState untouched = SwarmState.settled(g, Duration.ofSeconds(60));
        CliRun dry = swarmops("rebalance", "--by", "usage-cpu", "--window", "15s", "--threshold", threshold, "--config", inventory,
                "--dry-run");
        System.err.println(dry.out() + dry.err());
        assertEquals(0, dry.code(), dry.out() + dry.err());
        untouched.assertUnchanged(g);
        assertTrue(dry.out().lines().anyMatch(l -> l.contains("burn") && l.contains("node1") && l.contains("node3")), dry.out());

        CliRun run = swarmops("rebalance", "--by", "usage-cpu", "--window", "15s", "--threshold", threshold, "--config", inventory,
                "--yes", "--cooldown", "0s");
        System.err.println(run.out() + run.err());
        assertEquals(0, run.code(), run.out() + run.err());

        Map<String, List<String>> after = placement();
        List<String> busy = new ArrayList<>(after.get("burn1"));
        busy.addAll(after.get("burn2"));
        busy.sort(null);
        assertEquals(List.of("node1", "node3"), busy, "one busy task from node1 to node3: " + after);
        assertEquals(List.of("node2"), after.get("burn3"), after.toString());
        assertEquals(idleTasks, runningIds("idle"), "no idle task moved: " + after);
        Waits.until("every node active again", Duration.ofSeconds(30), s -> { }, () -> g.nodes().stream().allMatch(Node::isActive));
    }
}
