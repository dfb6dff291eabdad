package io.swarmops.rebalance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmops.ops.model.ClusterSnapshot;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

/**
 * For random clusters, the executor against a swarm that follows swarmkit's rules (SimulatedSwarm,
 * ties by a random coin) makes every planned move as planned: it ends where the plan said, with as
 * many moves, no service ever below its replicas, every node's availability as it was. With the
 * forced-update fallback, whose replacements land where ties fall: the spread never ends higher, a
 * forced service is never more than one task short, and every service keeps its own update config.
 */
class RebalanceExecutionPropertiesTest {

    @Property(tries = 200)
    void swarmMakesEveryPlannedMoveAsPlanned(@ForAll long clusterSeed, @ForAll long coinSeed,
            @ForAll @DoubleRange(min = 0.1, max = 2.0) double threshold) {
        ClusterSnapshot snapshot = RebalancePlannerPropertiesTest.randomCluster(clusterSeed);
        RebalancePolicy policy = new RebalancePolicy(threshold, RebalancePolicy.Measure.tasks, Set.of(), Set.of(), 1000, 1000, false);
        RebalancePlan plan = RebalancePlanner.plan(snapshot, policy);

        Map<String, Integer> lowest = new HashMap<>();
        SimulatedSwarm swarm = observed(snapshot, coinSeed, lowest);
        Rebalancer.Outcome outcome = run(swarm, policy);
        assertEquals(plan.moves().size(), outcome.moves(), "as many moves as planned: " + plan + "\n" + swarm.writes());
        assertEquals(plan.spreadAfter(), outcome.spreadAfter(), 1e-9, "the spread the plan predicted: " + swarm.writes());
        for (Service s : snapshot.services()) {
            if (s.isReplicated()) {
                assertTrue(lowest.getOrDefault(s.name(), (int) s.replicas()) >= snapshot.runningTasks(s.id()).size(),
                        s.name() + " never ran fewer tasks than before: " + lowest);
            }
        }
        for (Node n : snapshot.nodes()) {
            assertEquals(n.availability(), swarm.node(n.id()).availability(), "availability of " + n.hostname() + " as it was");
        }
    }

    /**
     * Found by the property above in CI: planned again after each move, the executor took another
     * path than the plan it started from (15 moves where 9 were planned). It follows the plan while
     * the swarm does as the plan predicts.
     */
    @net.jqwik.api.Example
    void theExecutorFollowsThePlanItStartedFromWhileTheSwarmDoesAsPredicted() {
        swarmMakesEveryPlannedMoveAsPlanned(39, 0, 0.1);
    }

    @Property(tries = 200)
    void theForcedUpdateFallbackNeverRaisesTheSpreadNorTakesMoreThanOneTaskAtATime(@ForAll long clusterSeed, @ForAll long coinSeed,
            @ForAll @DoubleRange(min = 0.1, max = 2.0) double threshold) {
        ClusterSnapshot snapshot = RebalancePlannerPropertiesTest.randomCluster(clusterSeed);
        RebalancePolicy policy = new RebalancePolicy(threshold, RebalancePolicy.Measure.tasks, Set.of(), Set.of(), 1000, 1000, true);

        Map<String, Integer> lowest = new HashMap<>();
        SimulatedSwarm swarm = observed(snapshot, coinSeed, lowest);
        Rebalancer.Outcome outcome = run(swarm, policy);
        net.jqwik.api.statistics.Statistics.label("a forced update made")
                .collect(swarm.writes().stream().anyMatch(w -> w.endsWith(": force-update")));
        assertTrue(outcome.spreadAfter() <= outcome.spreadBefore() + 1e-9, outcome + "\n" + swarm.writes());
        for (Service s : snapshot.services()) {
            if (s.isReplicated()) {
                boolean forced = swarm.writes().contains("service " + s.name() + ": force-update");
                int running = snapshot.runningTasks(s.id()).size();
                assertTrue(lowest.getOrDefault(s.name(), running) >= running - (forced ? 1 : 0), s.name() + " ran " + lowest + swarm.writes());
            }
            assertEquals(s.spec().path("UpdateConfig"), swarm.service(s.id()).spec().path("UpdateConfig"), s.name() + "'s own update config");
        }
        for (Node n : snapshot.nodes()) {
            assertEquals(n.availability(), swarm.node(n.id()).availability(), "availability of " + n.hostname() + " as it was");
        }
        assertTrue(swarm.configs(Map.of()).isEmpty(), "the lock is released");
    }

    /** The snapshot's swarm, noting the fewest running tasks each service had after every step of Swarm's. */
    static SimulatedSwarm observed(ClusterSnapshot snapshot, long coinSeed, Map<String, Integer> lowest) {
        return new SimulatedSwarm(snapshot, coinSeed) {
            @Override
            protected void observe() {
                for (Service s : services(Map.of())) {
                    int running = (int) tasks(Map.of("service", java.util.List.of(s.id()), "desired-state", java.util.List.of("running")))
                            .stream().filter(io.swarmops.ops.model.Task::isRunning).count();
                    lowest.merge(s.name(), running, Math::min);
                }
            }
        };
    }

    static Rebalancer.Outcome run(SimulatedSwarm swarm, RebalancePolicy policy) {
        Rebalancer rebalancer = new Rebalancer(swarm, Duration.ZERO, line -> { });
        try (RebalanceLock lock = RebalanceLock.acquire(swarm, "property", Duration.ofMinutes(15), rebalancer::undo)) {
            return rebalancer.run(policy, lock);
        }
    }
}
