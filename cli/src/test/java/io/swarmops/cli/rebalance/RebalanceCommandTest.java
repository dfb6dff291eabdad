package io.swarmops.cli.rebalance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.CliRun;
import io.swarmops.ops.model.Json;
import io.swarmops.rebalance.RebalanceLock;
import io.swarmops.rebalance.testing.FakeSwarm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rebalance command on an in-memory swarm: exit codes, what it prints, what it refuses, what it writes. */
class RebalanceCommandTest {

    /** The seed's case: node3 drained while 4 services × 3 replicas were created, then made active. */
    static FakeSwarm sixSixZero() {
        FakeSwarm swarm = new FakeSwarm(11).addNode("node1").addNode("node2").addNode("node3").availability("node3", "drain");
        List.of("a", "b", "c", "d").forEach(n -> swarm.replicated(n, 3));
        return swarm.availability("node3", "active");
    }

    static int writesBefore(FakeSwarm swarm) {
        return swarm.writes().size();
    }

    @Test
    void nothingToDoIsQuietForCron() {
        FakeSwarm swarm = new FakeSwarm(1).addNode("node1").addNode("node2").addNode("node3");
        swarm.replicated("web", 3);
        int writes = writesBefore(swarm);
        CliRun r = CliRun.run(swarm, "rebalance", "--yes");
        assertEquals(0, r.code());
        assertEquals("", r.out());
        assertEquals("", r.err());
        assertEquals(writes, swarm.writes().size(), "nothing written");
    }

    @Test
    void dryRunShowsThePlanAndTheExecutorsStepsAndChangesNothing() {
        FakeSwarm swarm = sixSixZero();
        Set<String> tasks = swarm.runningTaskIds();
        int writes = writesBefore(swarm);
        CliRun r = CliRun.run(swarm, "rebalance", "--threshold", "1.0", "--dry-run");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("SERVICE") && r.out().contains("node3"), "the plan, move by move: " + r.out());
        List<String> steps = r.out().lines().filter(l -> l.startsWith("  ")).map(String::strip).toList();
        // which three services hold the heavy node's extra task follows the simulation's coin; each is scaled up and down
        assertEquals(6, steps.size(), steps.toString());
        for (int k = 0; k < 6; k += 2) {
            String service = steps.get(k).substring(0, steps.get(k).indexOf(':'));
            assertEquals(List.of(service + ": replicas 4", service + ": replicas 3"), steps.subList(k, k + 2),
                    "node3 is the best target for each: nothing to pause");
        }
        assertTrue(r.out().contains("predicted: 3 move(s), spread 2.83 → 0.82; nothing changed"), r.out());
        assertEquals(writes, swarm.writes().size(), "nothing written to the swarm");
        assertEquals(tasks, swarm.runningTaskIds());
    }

    @Test
    void aDryRunWritesNoMetricsFile(@TempDir Path dir) {
        Path metrics = dir.resolve("rebalance.prom");
        CliRun planned = CliRun.run(sixSixZero(), "rebalance", "--threshold", "1.0", "--dry-run", "--metrics-file", metrics.toString());
        assertEquals(0, planned.code(), planned.err());
        FakeSwarm balanced = new FakeSwarm(1).addNode("node1").addNode("node2").addNode("node3");
        balanced.replicated("web", 3);
        CliRun nothing = CliRun.run(balanced, "rebalance", "--dry-run", "--metrics-file", metrics.toString());
        assertEquals(0, nothing.code(), nothing.err());
        CliRun skipped = CliRun.run(sixSixZero().updateState("b", "updating"), "rebalance", "--threshold", "1.0", "--dry-run",
                "--metrics-file", metrics.toString());
        assertEquals(0, skipped.code(), skipped.err());
        assertFalse(Files.exists(metrics), "a dry run (with moves, with none, skipped) writes no metrics file");
        assertFalse(Files.exists(dir.resolve("rebalance.prom.tmp")));
    }

    @Test
    void aRunMovesTheFewestTasksAndWritesItsMetrics(@TempDir Path dir) throws Exception {
        FakeSwarm swarm = sixSixZero();
        Set<String> before = swarm.runningTaskIds();
        Path metrics = dir.resolve("rebalance.prom");
        CliRun r = CliRun.run(swarm, "rebalance", "--threshold", "1.0", "--yes", "--metrics-file", metrics.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("rebalanced: 3 move(s), spread 2.83 → 0.82"), r.err());
        assertEquals(9, swarm.runningTaskIds().stream().filter(before::contains).count(), "3 moves, 3 tasks restarted");
        String text = Files.readString(metrics);
        assertTrue(text.contains("swarmops_rebalance_moves 3\n"), text);
        assertTrue(text.contains("swarmops_rebalance_spread_before 2.828427\n"), text);
        assertTrue(text.contains("swarmops_rebalance_spread_after 0.816497\n"), text);
        assertTrue(text.contains("swarmops_rebalance_skipped 0\n"), text);
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(metrics)), "readable by node_exporter's user");
        try (var files = Files.list(dir)) {
            assertEquals(List.of("rebalance.prom"), files.map(f -> f.getFileName().toString()).toList(), "no temp file left");
        }

        CliRun again = CliRun.run(swarm, "rebalance", "--threshold", "0.5", "--yes");
        assertEquals(0, again.code());
        assertTrue(again.err().startsWith("rebalance skipped: the last run ended"), "cooldown: " + again.err());
    }

    @Test
    void skipsWithOneLineWhileAnUpdateRunsOrANodeIsNotReady() {
        FakeSwarm updating = sixSixZero().updateState("b", "updating");
        int writes = writesBefore(updating);
        CliRun r = CliRun.run(updating, "rebalance", "--threshold", "1.0", "--yes");
        assertEquals(0, r.code());
        assertEquals("rebalance skipped: service b has an update updating\n", r.err().replaceAll("^\\S+Z ", ""));
        assertEquals(writes, updating.writes().size());

        FakeSwarm down = sixSixZero().nodeState("node2", "down");
        CliRun d = CliRun.run(down, "rebalance", "--threshold", "1.0", "--yes");
        assertEquals(0, d.code());
        assertTrue(d.err().contains("rebalance skipped: node node2 is down"), d.err());
    }

    @Test
    void aLiveLockOfAnotherRunIsAFailureNamingItsOwner() {
        FakeSwarm swarm = sixSixZero();
        ObjectNode lock = Json.object().put("Name", RebalanceLock.NAME).put("Data", "");
        lock.putObject("Labels").put("io.swarmops.owner", "manager2/4242").put("io.swarmops.started", String.valueOf(Instant.now().getEpochSecond()));
        swarm.createConfig(lock);
        CliRun r = CliRun.run(swarm, "rebalance", "--threshold", "1.0", "--yes", "--cooldown", "0s");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("another rebalance is running (manager2/4242"), r.err());
        assertEquals(0.0 + 6, swarm.runningPerNode().get("node1"), 0.0, "nothing moved");
    }

    /**
     * A run killed half way through a move left node2 paused and web one replica over; with node2
     * out of the count the spread is under the threshold. The next run puts the move back all the
     * same, before it plans (it planned first, found nothing to do and left both as they were).
     */
    @Test
    void whatADeadRunLeftIsPutBackEvenWhenThereIsNothingToDo() {
        FakeSwarm swarm = new FakeSwarm(5).addNode("node1").addNode("node2").addNode("node3");
        halfMadeMove(swarm);

        CliRun r = CliRun.run(swarm, "rebalance", "--yes", "--lock-timeout", "15m");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("undoing what a rebalance that died left"), r.err());
        assertEquals("active", swarm.node("node2").availability());
        assertEquals(3, swarm.service("web").replicas());
        assertTrue(swarm.configs(Map.of()).stream().noneMatch(c -> c.name().equals(RebalanceLock.NAME)), "the lock released");
    }

    /** What a run killed half way through a move leaves: node2 paused, web one replica over, the lock an hour old with its journal. */
    static String halfMadeMove(FakeSwarm swarm) {
        String web = swarm.replicated("web", 3);
        String node2 = swarm.node("node2").id();
        swarm.availability("node2", "pause");
        io.swarmops.ops.SpecUpdates.updateService(swarm, web, s -> {
            s.with("Mode").with("Replicated").put("Replicas", 4);
            return s;
        }, null, w -> { });
        String journal = new io.swarmops.rebalance.MoveJournal(web, 3, true, Map.of(node2, "active")).toJson();
        ObjectNode lock = Json.object().put("Name", RebalanceLock.NAME).put("Data", "");
        lock.putObject("Labels").put("io.swarmops.owner", "manager1/4242")
                .put("io.swarmops.started", String.valueOf(Instant.now().minusSeconds(3600).getEpochSecond()))
                .put("io.swarmops.journal", journal);
        swarm.createConfig(lock);
        return journal;
    }

    /** The same half-made move: a dry run says a real run would undo it first, and changes nothing. */
    @Test
    void aDryRunSaysItWouldFirstUndoWhatADeadRunLeft() {
        FakeSwarm swarm = new FakeSwarm(5).addNode("node1").addNode("node2").addNode("node3");
        String journal = halfMadeMove(swarm);
        int writes = writesBefore(swarm);

        CliRun r = CliRun.run(swarm, "rebalance", "--dry-run", "--lock-timeout", "15m");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("dry run: a real run would first undo what a rebalance that died left: " + journal + "\n"), r.out());
        assertEquals(writes, swarm.writes().size(), "nothing written");
        assertEquals("pause", swarm.node("node2").availability());
        assertEquals(4, swarm.service("web").replicas());
    }

    @Test
    void refusalsAreUsageErrors() {
        FakeSwarm swarm = sixSixZero();
        CliRun noTerminal = CliRun.run(swarm, "rebalance", "--threshold", "1.0");
        assertEquals(2, noTerminal.code());
        assertTrue(noTerminal.err().contains("pass --yes"), noTerminal.err());
        assertEquals(2, CliRun.run(swarm, "rebalance", "--strategy", "shuffle", "--yes").code());
        CliRun watch = CliRun.run(swarm, "rebalance", "--watch");
        assertEquals(2, watch.code());
        assertTrue(watch.err().contains("--watch acts unattended: pass --yes"), watch.err());
    }

    @Test
    void watchRebalancesThenActsOnNewNodeEventsWithinTheCooldownAndEndsWhenTheStreamFails() {
        FakeSwarm swarm = sixSixZero().nodeEventsThenGone(FakeSwarm.nodeEvent("update", 1, "node2", "availability.new", "active"),
                FakeSwarm.nodeEvent("create", Instant.now().getEpochSecond() + 5, "node4"));

        CliRun r = CliRun.run(swarm, "rebalance", "--watch", "--yes", "--threshold", "1.0");

        assertEquals(1, r.code(), "the event stream failed: " + r.err());
        assertTrue(r.err().contains("rebalanced: 3 move(s), spread 2.83 → 0.82"), r.err());
        assertTrue(!r.err().contains("node node2 is active"), "an event from before the run is not acted on: " + r.err());
        assertTrue(r.err().contains("node node4 joined: checking the spread"), r.err());
        assertTrue(r.err().contains("rebalance skipped: the last run ended"), "the cooldown holds under --watch: " + r.err());
        assertTrue(r.err().contains("cannot connect to the Docker daemon"), r.err());
    }

    @Test
    void planPrintsServiceFromToPerMove() {
        CliRun r = CliRun.run(sixSixZero(), "rebalance", "plan", "--threshold", "1.0");
        assertEquals(0, r.code(), r.err());
        List<String> rows = r.out().lines().filter(l -> l.matches("^\\d+ .*")).toList();
        assertEquals(3, rows.size(), r.out());
        assertTrue(rows.stream().allMatch(l -> l.contains("node3")), r.out());

        CliRun json = CliRun.run(sixSixZero(), "rebalance", "plan", "--threshold", "1.0", "--format", "json");
        assertEquals(0, json.code(), json.err());
        try {
            var plan = Json.MAPPER.readTree(json.out());
            assertEquals(3, plan.path("moves").size(), json.out());
            assertEquals("node3", plan.path("moves").get(0).path("toHostname").asText(), json.out());
            assertEquals(0.816, plan.path("moves").get(2).path("spreadAfter").asDouble(), 0.001, json.out());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + json.out(), e);
        }
    }
}
