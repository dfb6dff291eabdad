package io.swarmops.rebalance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.ClusterSnapshot;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.SwarmObject;
import io.swarmops.ops.testing.SwarmState;
import io.swarmops.rebalance.testing.FakeSwarm;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The run rules on the simulation: cooldown, the watch and its end, the undo on interrupt, the dry run. */
class RebalanceRunTest {

    /** What a run said and printed, line by line, in order; every question answered yes. */
    static final class Recorded implements RebalanceRun.Listener {
        final List<String> lines = new ArrayList<>();
        final List<RebalanceRun.Summary> ended = new ArrayList<>();

        @Override
        public void say(String line) {
            lines.add("say " + line);
        }

        @Override
        public void step(String line) {
            lines.add("step " + line);
        }

        @Override
        public boolean confirm(String question) {
            lines.add("asked " + question);
            return true;
        }

        @Override
        public LoadMeasure measure(ClusterSnapshot snapshot, RebalancePolicy.Measure by) {
            lines.add("measured by " + by);
            return LoadMeasure.of(by);
        }

        @Override
        public void planned(RebalancePlan plan) {
            lines.add("planned " + plan.moves().size());
        }

        @Override
        public void wouldUndo(MoveJournal left) {
            lines.add("would undo " + left.toJson());
        }

        @Override
        public void simulated(SimulatedSwarm simulation, String outcome) {
            lines.add("simulated " + simulation.log().size() + " write(s): " + outcome);
        }

        @Override
        public void ended(RebalanceRun.Summary summary) {
            ended.add(summary);
        }

        boolean said(String prefix) {
            return lines.stream().anyMatch(l -> l.startsWith(prefix));
        }
    }

    static RebalanceRun.Settings settings(double threshold, Duration cooldown, boolean dryRun) {
        return new RebalanceRun.Settings(RebalancePolicy.defaults().withThreshold(threshold), false, Duration.ofSeconds(5), cooldown,
                Duration.ofMinutes(15), dryRun, "test/1");
    }

    @Test
    void aRunWithinTheCooldownOfTheLastIsSkippedAndWritesNothing() {
        FakeSwarm swarm = RebalancerTest.sixSixZero(11);
        Recorded first = new Recorded();
        assertEquals(RebalanceRun.Ending.BALANCED, new RebalanceRun(swarm, settings(1.0, Duration.ofMinutes(5), false), first).once());
        assertTrue(first.said("step rebalanced: 3 move(s), spread 2.83 → 0.82"), first.lines.toString());
        assertTrue(swarm.configs(Map.of()).stream().map(SwarmObject::name).toList().contains(RebalanceRun.LAST_RUN), "its end recorded");

        SwarmState before = SwarmState.read(swarm);
        Recorded soon = new Recorded();
        assertEquals(RebalanceRun.Ending.SKIPPED, new RebalanceRun(swarm, settings(0.5, Duration.ofMinutes(5), false), soon).once());
        assertTrue(soon.said("say rebalance skipped: the last run ended "), soon.lines.toString());
        assertTrue(soon.lines.get(0).endsWith(" s ago (cooldown 5m0s)"), soon.lines.toString());
        assertEquals(1, soon.ended.size());
        assertTrue(soon.ended.get(0).skipped(), "metrics say skipped");
        assertTrue(first.said("measured by tasks") && !soon.said("measured"), "a skipped run measures nothing (a usage window is not waited out): "
                + soon.lines);
        before.assertUnchanged(swarm);

        Recorded later = new Recorded();
        assertNotEquals(RebalanceRun.Ending.SKIPPED, new RebalanceRun(swarm, settings(0.5, Duration.ZERO, false), later).once(),
                "past the cooldown the run goes on: " + later.lines);
    }

    @Test
    void aWatchRunsAgainOnANodeEventAfterItsRunWithinTheCooldownAndEndsWhenTheStreamFails() {
        FakeSwarm swarm = RebalancerTest.sixSixZero(11).nodeEventsThenGone(
                FakeSwarm.nodeEvent("update", 1, "node2", "availability.new", "active"),
                FakeSwarm.nodeEvent("create", Instant.now().getEpochSecond() + 5, "node4"));
        Recorded watched = new Recorded();

        SwarmOpsException end = assertThrows(SwarmOpsException.class,
                () -> new RebalanceRun(swarm, settings(1.0, Duration.ofMinutes(5), false), watched).watch());

        assertEquals("cannot connect to the Docker daemon", end.getMessage());
        assertTrue(watched.said("step rebalanced: 3 move(s)"), watched.lines.toString());
        assertTrue(!watched.said("say node node2"), "an event from before the run is not acted on: " + watched.lines);
        assertTrue(watched.said("say node node4 joined: checking the spread"), watched.lines.toString());
        assertTrue(watched.said("say rebalance skipped: the last run ended"), "the cooldown holds: " + watched.lines);
        assertEquals(List.of(false, true), watched.ended.stream().map(RebalanceRun.Summary::skipped).toList(), "two runs, one skipped");
    }

    @Test
    void anInterruptPutsTheMoveInProgressBackAndReleasesTheLock() {
        RebalanceRun[] run = new RebalanceRun[1];
        FakeSwarm swarm = new FakeSwarm(11) {
            @Override
            protected void write(String kind, String name, String change) {
                super.write(kind, name, change);
                if (kind.equals("service") && change.equals("replicas 4")) { // half way through the first move: Ctrl-C
                    run[0].interrupt();
                }
            }
        };
        swarm.addNode("node1").addNode("node2").addNode("node3").availability("node3", "drain");
        RebalancerTest.SERVICES.forEach(n -> swarm.replicated(n, 3));
        swarm.availability("node3", "active");
        Map<String, Integer> perNode = swarm.runningPerNode();
        Recorded said = new Recorded();
        run[0] = new RebalanceRun(swarm, settings(1.0, Duration.ofMinutes(5), false), said);

        assertEquals(RebalanceRun.Ending.INTERRUPTED, run[0].once());

        assertTrue(said.said("step interrupted: putting the move in progress back"), said.lines.toString());
        assertTrue(said.said("step interrupted: no move left half made; the lock released"), said.lines.toString());
        for (String s : RebalancerTest.SERVICES) {
            assertEquals(3, swarm.service(s).replicas(), s + " scaled back");
            assertTrue(swarm.lowestRunning(s) >= 3, s + " ran " + swarm.lowestRunning(s));
        }
        assertTrue(swarm.nodes().stream().allMatch(Node::isActive), "every paused node active again");
        assertTrue(swarm.configs(Map.of()).isEmpty(), "the lock released, no end recorded: " + swarm.configs(Map.of()));
        assertEquals(perNode.values().stream().mapToInt(Integer::intValue).sum(),
                swarm.runningPerNode().values().stream().mapToInt(Integer::intValue).sum(), "as many tasks as before");
        assertTrue(said.ended.isEmpty(), "an interrupted run reports no metrics");
    }

    @Test
    void aDryRunSimulatesTheExecutorAndChangesNothing() {
        FakeSwarm swarm = RebalancerTest.sixSixZero(11);
        SwarmState before = SwarmState.read(swarm);
        Recorded said = new Recorded();

        assertEquals(RebalanceRun.Ending.SIMULATED, new RebalanceRun(swarm, settings(1.0, Duration.ofMinutes(5), true), said).once());

        assertEquals(List.of("measured by tasks", "planned 3"), said.lines.subList(0, 2), said.lines.toString());
        assertTrue(said.said("simulated ") && said.lines.get(2).endsWith("predicted: 3 move(s), spread 2.83 → 0.82"), said.lines.toString());
        assertTrue(said.ended.isEmpty(), "a dry run writes no metrics");
        before.assertUnchanged(swarm);
    }
}
