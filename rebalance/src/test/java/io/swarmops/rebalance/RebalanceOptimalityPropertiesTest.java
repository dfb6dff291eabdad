package io.swarmops.rebalance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.model.ClusterSnapshot;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import io.swarmops.ops.testing.Fixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

/**
 * The planner restarts no more tasks than the fewest an exhaustive search finds over the same move
 * kinds (moves, tied groups, forced updates: {@link RebalancePlanner#steps}), on small clusters
 * (up to 5 nodes, 6 services, 24 tasks) with constraints, max replicas per node, reservations,
 * placement preferences, pinned and global services; and the executor, against the simulation,
 * ends under the threshold whenever the plan does.
 */
class RebalanceOptimalityPropertiesTest {

    static ClusterSnapshot smallCluster(long seed) {
        Random r = new Random(seed);
        int n = 2 + r.nextInt(4);
        List<Node> nodes = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            ObjectNode raw = Fixtures.node("n" + i, "node" + i, i == 1 ? "leader" : null).raw().deepCopy();
            int zone = r.nextInt(3);
            if (zone < 2) {
                raw.with("Spec").with("Labels").put("zone", zone == 0 ? "a" : "b");
            }
            nodes.add(Node.from(raw));
        }
        List<Service> services = new ArrayList<>();
        List<Task> tasks = new ArrayList<>();
        Map<String, long[]> free = new HashMap<>();
        nodes.forEach(x -> free.put(x.id(), new long[] {x.memoryBytes()}));
        int budget = 24;
        int count = 1 + r.nextInt(6);
        for (int i = 0; i < count && budget > 0; i++) {
            int kind = r.nextInt(7);
            boolean global = kind == 6;
            int replicas = global ? n : 1 + r.nextInt(Math.min(8, budget));
            ObjectNode raw = Fixtures.service("s" + i, "svc" + i, replicas).raw().deepCopy();
            ObjectNode spec = (ObjectNode) raw.get("Spec");
            ObjectNode placement = spec.with("TaskTemplate").with("Placement");
            switch (kind) {
                case 1 -> placement.putArray("Constraints").add("node.labels.zone==a");
                case 2 -> placement.put("MaxReplicas", 1 + r.nextInt(3));
                case 3 -> spec.with("TaskTemplate").with("Resources").with("Reservations").put("MemoryBytes", (long) (1 + r.nextInt(2)) << 29);
                case 4 -> placement.putArray("Preferences").addObject().putObject("Spread").put("SpreadDescriptor", "node.labels.zone");
                case 5 -> placement.putArray("Constraints").add("node.hostname==node" + (1 + r.nextInt(n)));
                case 6 -> {
                    spec.remove("Mode");
                    spec.putObject("Mode").putObject("Global");
                }
                default -> { }
            }
            Service s = Service.from(raw);
            services.add(s);
            PlacementFilter f = PlacementFilter.of(s);
            Map<String, Integer> mine = new HashMap<>();
            int placed = 0;
            for (int k = 0; k < replicas && budget > 0; k++) {
                List<Node> fit = new ArrayList<>();
                for (Node x : global ? List.of(nodes.get(k)) : nodes) {
                    if (f.refusal(x, new NodeUsage(mine.getOrDefault(x.id(), 0), 0, x.nanoCpus(), free.get(x.id())[0])) == null) {
                        fit.add(x);
                    }
                }
                if (fit.isEmpty()) {
                    continue;
                }
                // skewed to the first nodes, as a cluster whose last nodes came back empty
                Node on = fit.get(r.nextInt(Math.max(1, (fit.size() + 1) / 2)));
                mine.merge(on.id(), 1, Integer::sum);
                free.get(on.id())[0] -= f.memoryBytes();
                tasks.add(Fixtures.task("t" + tasks.size(), s.id(), on.id(), k + 1, "running"));
                budget--;
                placed++;
            }
            if (!global && placed != replicas) {
                ObjectNode fixed = raw.deepCopy();
                fixed.with("Spec").with("Mode").with("Replicated").put("Replicas", placed);
                services.set(services.size() - 1, Service.from(fixed));
            }
        }
        return new ClusterSnapshot(nodes, services, tasks, Instant.EPOCH);
    }

    @Property(tries = 40)
    void thePlannerRestartsAsFewTasksAsAnExhaustiveSearch(@ForAll long seed, @ForAll @DoubleRange(min = 0.1, max = 1.5) double threshold) {
        ClusterSnapshot snapshot = smallCluster(seed);
        RebalancePolicy policy = new RebalancePolicy(threshold, RebalancePolicy.Measure.tasks, Set.of(), Set.of(), 20, 1000, true);
        RebalancePlan plan = RebalancePlanner.plan(snapshot, policy);
        boolean reached = plan.spreadAfter() <= threshold + 1e-9;
        int planned = restarts(snapshot, plan.moves());
        int fewest = fewestRestarts(snapshot, policy, reached ? planned : Integer.MAX_VALUE);
        if (reached) {
            assertEquals(fewest, planned, "fewest restarts " + fewest + ", planned " + planned + ": " + plan);
        } else {
            assertEquals(-1, fewest, "the planner found no way under the threshold, the search did (" + fewest + " restarts): " + plan);
        }
    }

    /**
     * The counterexample random seeds found first: svc1's forced update has to come before the evictions
     * that finish it (greedy scales svc1 off node3 first, and then only a second forced update helps), and the
     * iterative deepening that searched before ran out of its 20,000 states before it got there (16
     * restarts); the A* search finds 11 after about 5,200 expanded states.
     */
    @Example
    void theForcedUpdateIsPlannedBeforeTheMovesItMakesCheaper() {
        ClusterSnapshot snapshot = smallCluster(9680);
        RebalancePolicy policy = new RebalancePolicy(0.5, RebalancePolicy.Measure.tasks, Set.of(), Set.of(), 20, 1000, true);
        RebalancePlan plan = RebalancePlanner.plan(snapshot, policy);
        assertTrue(plan.spreadAfter() <= 0.5 + 1e-9, plan.toString());
        assertEquals(11, restarts(snapshot, plan.moves()), plan.toString());
        assertEquals(11, fewestRestarts(snapshot, policy, 16));
        assertTrue(plan.moves().stream().anyMatch(m -> m.method() == Move.Method.FORCE && m.serviceName().equals("svc1")), plan.toString());
    }

    /**
     * The counterexample random seeds found next: the exact search needs about 2,000,000 expanded states
     * to prove 13 restarts enough (the greedy plan restarts 14), far over its budget; the weighted search
     * that now runs first reaches a 13 within it, and nothing cheaper exists.
     */
    @Example
    void aWeightedSearchFindsTheCheaperPlanWhereTheExactOneRunsOutOfStates() {
        ClusterSnapshot snapshot = smallCluster(-4717761859960318649L);
        RebalancePolicy policy = new RebalancePolicy(0.6925258204128051, RebalancePolicy.Measure.tasks, Set.of(), Set.of(), 20, 1000, true);
        RebalancePlan plan = RebalancePlanner.plan(snapshot, policy);
        assertTrue(plan.spreadAfter() <= policy.threshold() + 1e-9, plan.toString());
        assertEquals(13, restarts(snapshot, plan.moves()), plan.toString());
        assertEquals(-1, fewestRestarts(snapshot, policy, 12), "none cheaper");
    }

    @Property(tries = 15)
    void theExecutorEndsUnderTheThresholdWhenThePlanDoes(@ForAll long seed, @ForAll long coin,
            @ForAll @DoubleRange(min = 0.1, max = 1.5) double threshold) {
        ClusterSnapshot snapshot = smallCluster(seed);
        RebalancePolicy policy = new RebalancePolicy(threshold, RebalancePolicy.Measure.tasks, Set.of(), Set.of(), 20, 1000, true);
        RebalancePlan plan = RebalancePlanner.plan(snapshot, policy);
        SimulatedSwarm swarm = SimulatedSwarm.of(snapshot, coin);
        Rebalancer.Outcome outcome = RebalanceExecutionPropertiesTest.run(swarm, policy);
        if (plan.spreadAfter() <= threshold + 1e-9) {
            assertTrue(outcome.spreadAfter() <= threshold + 1e-9, outcome + "\n" + plan + "\n" + swarm.writes());
        }
        assertTrue(outcome.spreadAfter() <= outcome.spreadBefore() + 1e-9, outcome + "\n" + swarm.writes());
    }

    /** One per moved task; every task of a service for its forced update. */
    static int restarts(ClusterSnapshot snapshot, List<Move> moves) {
        int out = 0;
        Set<String> forced = new HashSet<>();
        for (Move m : moves) {
            if (m.method() != Move.Method.FORCE) {
                out++;
            } else if (forced.add(m.serviceId())) {
                out += snapshot.runningTasks(m.serviceId()).size();
            }
        }
        return out;
    }

    /**
     * Dijkstra over where the tasks are, cost in restarts, each step one of the planner's step kinds,
     * up to {@code bound} restarts and the policy's moves: the fewest restarts that reach the
     * threshold, or -1.
     */
    static int fewestRestarts(ClusterSnapshot start, RebalancePolicy policy, int bound) {
        record Entry(int cost, int moves, ClusterSnapshot snapshot) {
        }
        PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) -> a.cost != b.cost ? Integer.compare(a.cost, b.cost) : Integer.compare(a.moves, b.moves));
        queue.add(new Entry(0, 0, start));
        Map<String, Integer> best = new HashMap<>();
        while (!queue.isEmpty()) {
            Entry e = queue.poll();
            if (RebalancePlanner.spread(e.snapshot, policy.by()) <= policy.threshold() + 1e-9) {
                return e.cost;
            }
            String key = key(e.snapshot);
            if (best.containsKey(key) && best.get(key) <= e.cost) {
                continue;
            }
            best.put(key, e.cost);
            RebalancePolicy left = policy.withMaxMoves(policy.maxMoves() - e.moves);
            for (List<Move> step : RebalancePlanner.steps(e.snapshot, left)) {
                int cost = e.cost + restarts(e.snapshot, step);
                if (cost <= bound && e.moves + step.size() <= policy.maxMoves()) {
                    queue.add(new Entry(cost, e.moves + step.size(), apply(e.snapshot, step)));
                }
            }
        }
        return -1;
    }

    static ClusterSnapshot apply(ClusterSnapshot s, List<Move> step) {
        List<Task> tasks = new ArrayList<>(s.tasks());
        for (Move m : step) {
            for (int i = 0; i < tasks.size(); i++) {
                Task t = tasks.get(i);
                if (t.serviceId().equals(m.serviceId()) && t.nodeId().equals(m.fromNodeId())) {
                    ObjectNode raw = t.raw().deepCopy();
                    raw.put("NodeID", m.toNodeId());
                    tasks.set(i, Task.from(raw));
                    break;
                }
            }
        }
        return new ClusterSnapshot(s.nodes(), s.services(), tasks, s.takenAt());
    }

    static String key(ClusterSnapshot s) {
        TreeMap<String, Integer> count = new TreeMap<>();
        s.tasks().forEach(t -> count.merge(t.serviceId() + "@" + t.nodeId(), 1, Integer::sum));
        return count.toString();
    }
}
