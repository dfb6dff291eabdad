package io.swarmops.rebalance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmops.ops.model.ClusterSnapshot;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** For random clusters: no plan breaks a rule Swarm enforces, and the predicted spread never rises. */
class RebalancePlannerPropertiesTest {

    static ClusterSnapshot randomCluster(long seed) {
        Random r = new Random(seed);
        Snapshots s = new Snapshots().nodes(2 + r.nextInt(7));
        for (Node n : List.copyOf(s.nodes)) {
            if (r.nextBoolean()) {
                s.label(n.hostname(), "zone", r.nextBoolean() ? "a" : "b");
            }
        }
        int services = 1 + r.nextInt(6);
        for (int i = 0; i < services; i++) {
            int replicas = 1 + r.nextInt(8);
            int kind = r.nextInt(4);
            Service svc = s.service("s" + i, replicas, spec -> {
                if (kind == 1) {
                    spec.with("TaskTemplate").with("Placement").putArray("Constraints").add("node.labels.zone==a");
                } else if (kind == 2) {
                    spec.with("TaskTemplate").with("Placement").put("MaxReplicas", 1 + r.nextInt(3));
                } else if (kind == 3) {
                    spec.with("TaskTemplate").with("Resources").with("Reservations").put("MemoryBytes", (long) (1 + r.nextInt(3)) << 29);
                }
            });
            String[] hosts = new String[replicas];
            for (int k = 0; k < replicas; k++) {
                hosts[k] = s.nodes.get(r.nextInt(Math.max(1, s.nodes.size() / 2))).hostname(); // skewed to the first nodes
            }
            s.run(svc, hosts);
        }
        return s.build();
    }

    @Property(tries = 300)
    void plansNeverBreakConstraintsAndNeverRaiseTheSpread(@ForAll long seed, @ForAll @DoubleRange(min = 0.1, max = 3.0) double threshold,
            @ForAll @IntRange(min = 1, max = 30) int maxMoves) {
        ClusterSnapshot snapshot = randomCluster(seed);
        RebalancePolicy policy = new RebalancePolicy(threshold, RebalancePolicy.Measure.tasks, java.util.Set.of(), java.util.Set.of(),
                maxMoves, 10, true);
        RebalancePlan plan = RebalancePlanner.plan(snapshot, policy);
        assertTrue(plan.moves().size() <= maxMoves);
        Map<String, Map<String, Integer>> count = new HashMap<>();
        snapshot.tasks().forEach(t -> count.computeIfAbsent(t.serviceId(), k -> new HashMap<>()).merge(t.nodeId(), 1, Integer::sum));
        double previous = plan.spreadBefore();
        for (Move m : plan.moves()) {
            Service s = snapshot.service(m.serviceId()).orElseThrow();
            Node to = snapshot.node(m.toNodeId()).orElseThrow();
            var c = count.get(s.id());
            assertTrue(c.getOrDefault(m.fromNodeId(), 0) > 0, "moves a task that is there: " + m);
            c.merge(m.fromNodeId(), -1, Integer::sum);
            c.merge(m.toNodeId(), 1, Integer::sum);
            for (var constraint : s.raw().at("/Spec/TaskTemplate/Placement/Constraints")) {
                assertTrue(PlacementConstraint.parse(constraint.asText()).matches(to), "constraint " + constraint + " on " + to.hostname());
            }
            long max = s.raw().at("/Spec/TaskTemplate/Placement/MaxReplicas").asLong(0);
            assertTrue(max == 0 || c.get(m.toNodeId()) <= max, "max replicas per node on " + to.hostname());
            assertTrue(m.spreadAfter() <= previous + 1e-9, "spread never rises: " + plan);
            previous = m.spreadAfter();
        }
        assertTrue(plan.spreadAfter() <= plan.spreadBefore() + 1e-9);
    }
}
