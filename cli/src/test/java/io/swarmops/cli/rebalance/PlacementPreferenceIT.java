package io.swarmops.cli.rebalance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.CliRun;
import io.swarmops.ops.SpecUpdates;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.Waits;
import io.swarmops.ops.model.ClusterSnapshot;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import io.swarmops.rebalance.RebalancePlan;
import io.swarmops.rebalance.RebalancePlanner;
import io.swarmops.rebalance.RebalancePolicy;
import io.swarmops.rebalance.SimulatedSwarm;
import io.swarmops.sandbox.BusyboxImage;
import io.swarmops.sandbox.SandboxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * swarmkit's spread over placement preferences on a real 4-node swarm with two zones (node1 alone in
 * zone a, node2–node4 in zone b): where the real scheduler puts a service's tasks is where the
 * simulation puts them, and the rebalance keeps the zones' counts where the best move without the
 * preference would take a task out of zone a.
 */
class PlacementPreferenceIT {
    @RegisterExtension
    static final SandboxExtension sandbox = SandboxExtension.of("pref", 4, 1).cleaningAfterEach();
    static String host;
    static SwarmGateway g;

    @BeforeAll
    static void up() {
        host = sandbox.host();
        g = sandbox.gateway();
        for (String n : List.of("node1", "node2", "node3", "node4")) {
            SpecUpdates.updateNode(g, n, s -> {
                s.with("Labels").put("zone", n.equals("node1") ? "a" : "b");
                return s;
            }, System.err::println);
        }
    }

    /** Running tasks per hostname of one service. */
    static Map<String, Integer> perNode(SwarmGateway on, String service) {
        Map<String, String> hostname = on.nodes().stream().collect(Collectors.toMap(Node::id, Node::hostname));
        Map<String, Integer> out = new TreeMap<>();
        on.tasks(Map.of("service", List.of(service), "desired-state", List.of("running"))).stream().filter(Task::isRunning)
                .forEach(t -> out.merge(hostname.get(t.nodeId()), 1, Integer::sum));
        return out;
    }

    @Test
    void theSimulationPlacesAsSwarmkitAndTheRebalanceKeepsTheZones() {
        ClusterSnapshot empty = g.snapshot();
        CliRun c = CliRun.against(host, "service", "create", "--no-resolve-image", "--name", "web", "--replicas", "6",
                "--placement-pref", "spread=node.labels.zone", BusyboxImage.NAME, "sleep", "3600");
        assertEquals(0, c.code(), c.err());
        Waits.until("web's 6 tasks running", Duration.ofMinutes(3), s -> { },
                () -> perNode(g, "web").values().stream().mapToInt(Integer::intValue).sum() == 6);
        Map<String, Integer> real = perNode(g, "web");

        // the same service created in the simulation of the swarm as it was before
        Service created = g.service("web");
        for (long coin = 0; coin < 5; coin++) {
            SimulatedSwarm sim = SimulatedSwarm.of(empty, coin);
            sim.createService(created.spec().deepCopy(), null, w -> { });
            assertEquals(real, perNode(sim, "web"), "the simulation (coin " + coin + ") places as swarmkit did");
        }
        assertEquals(Map.of("node1", 3, "node2", 1, "node3", 1, "node4", 1), real, "half the tasks in each zone: " + real);

        // without the preference the best move would take one of node1's tasks to zone b
        ClusterSnapshot now = g.snapshot();
        ObjectNode raw = created.raw().deepCopy();
        raw.with("Spec").with("TaskTemplate").with("Placement").remove("Preferences");
        ClusterSnapshot withoutPreference = new ClusterSnapshot(now.nodes(), List.of(Service.from(raw)), now.tasks(), now.takenAt());
        RebalancePolicy policy = RebalancePolicy.defaults().withThreshold(0.6);
        RebalancePlan plain = RebalancePlanner.plan(withoutPreference, policy);
        assertTrue(!plain.moves().isEmpty() && plain.moves().get(0).fromHostname().equals("node1"), "without it: " + plain);
        RebalancePlan kept = RebalancePlanner.plan(now, policy);
        assertTrue(kept.moves().stream().noneMatch(m -> m.fromHostname().equals("node1")), "with it, no task leaves zone a: " + kept);

        CliRun run = CliRun.against(host, "rebalance", "--yes", "--cooldown", "0s", "--threshold", "0.6");
        System.err.println("rebalance with a zone preference: exit " + run.code() + "\n" + run.out() + run.err());
        Map<String, Integer> after = perNode(g, "web");
        assertEquals(3, after.getOrDefault("node1", 0), "zone a keeps its 3 tasks: " + after);
    }
}
