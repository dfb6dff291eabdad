package io.swarmops.cli.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmops.cli.CliRun;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.Waits;
import io.swarmops.ops.engine.SshCommand;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import io.swarmops.ops.testing.SwarmState;
import io.swarmops.rebalance.RebalancePlanner;
import io.swarmops.rebalance.RebalancePolicy;
import io.swarmops.sandbox.TestSwarm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code node maintenance} on a real 3-node swarm (node1 the manager), power wired to the sandbox's
 * power cut and boot through a script that logs every power command: a manager whose reboot would
 * lose the quorum is refused before any change; {@code node maintenance node2 node3 --reboot
 * --rebalance}, killed (-9) once node2 is powered off and run again, powers each node off and on
 * exactly once, never runs a service short, and ends with every node active and ready, every service
 * at its replicas and the spread under the threshold.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeMaintenanceIT {
    @TempDir
    static Path dir;
    static TestSwarm swarm;
    static SwarmGateway g;
    static Path config;
    static Path powerLog;
    static TestSshd sshd;

    @BeforeAll
    static void up() throws Exception {
        sshd = TestSshd.start(Files.createDirectories(dir.resolve("sshd")));
        System.setProperty(SshCommand.CONFIG_PROPERTY, sshd.clientConfig().toString());
        swarm = TestSwarm.start("mnt", 3, 1);
        g = swarm.gateway();
        Path jar = Path.of("target/swarmops.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "the shaded jar is built before integration tests: " + jar);
        powerLog = dir.resolve("power.log");
        String prefix = swarm.sandbox().layout().prefix();
        String power = """
                power:
                  off: ["sh", "-c", "echo off {hostname} >> %1$s && exec java -jar %2$s sandbox kill --prefix %3$s {hostname}"]
                  on: ["sh", "-c", "echo on {hostname} >> %1$s && exec java -jar %2$s sandbox boot --prefix %3$s {hostname}"]
                  timeout: 90s
                """.formatted(powerLog, jar, prefix);
        config = dir.resolve("swarmops.yaml");
        Files.writeString(config, Files.readString(swarm.sandbox().layout().inventory()) + power);
    }

    @AfterAll
    static void down() {
        System.clearProperty(SshCommand.CONFIG_PROPERTY);
        if (g != null) {
            g.close();
        }
        try {
            if (swarm != null) {
                swarm.close();
            }
        } finally {
            if (sshd != null) {
                sshd.close();
            }
        }
    }

    static CliRun swarmops(String... args) {
        return CliRun.against(swarm.managerHost(), args);
    }

    static void create(String name, String... options) {
        NodeDrainIT.createOn(swarm.managerHost(), name, options);
    }

    @Test
    @Order(1)
    void aManagerWhoseRebootWouldLoseTheQuorumIsRefusedBeforeAnyChange() {
        assertEquals(0, swarmops("node", "promote", "node3").code());
        Waits.until("node3 to be a reachable manager", Duration.ofSeconds(60), s -> { }, () -> {
            Node n = g.node("node3");
            return n.manager() != null && n.manager().reachable();
        });
        try {
            SwarmState untouched = SwarmState.settled(g, Duration.ofSeconds(30));
            CliRun r = swarmops("node", "maintenance", "node3", "--reboot", "--yes", "--config", config.toString(),
                    "--journal", dir.resolve("refused.journal").toString());
            assertEquals(1, r.code(), r.out() + r.err());
            assertEquals("error: taking down manager node3 would lose the quorum (2 of 2 managers reachable, 2 needed): promote another"
                    + " manager first; nothing changed\n", r.err());
            assertTrue(r.out().contains("node maintenance of node3 (reboot, one at a time"), r.out());
            untouched.assertUnchanged(g);
            assertTrue(!Files.exists(powerLog), "no power command ran");
            CliRun self = swarmops("node", "maintenance", "node1", "--reboot", "--yes", "--config", config.toString(),
                    "--journal", dir.resolve("refused.journal").toString());
            assertEquals("error: node1 is the manager swarmops talks to: run its maintenance through another manager (-H); nothing changed\n",
                    self.err());
        } finally {
            assertEquals(0, swarmops("node", "demote", "node3").code());
            Waits.until("node3 to be a worker", Duration.ofSeconds(60), s -> { }, () -> !g.node("node3").isManager());
        }
    }

    @Test
    @Order(2)
    void aRollingRebootKilledOnceAndRunAgainEndsWithEveryNodeBackAndNothingDoneTwice() throws Exception {
        create("web", "--replicas", "6", "--update-monitor", "1s", "--stop-grace-period", "1s");
        create("api", "--replicas", "3", "--update-parallelism", "2", "--update-monitor", "1s", "--stop-grace-period", "1s");
        create("agent", "--mode", "global", "--stop-grace-period", "1s");
        Map<String, com.fasterxml.jackson.databind.node.ObjectNode> before = new TreeMap<>();
        g.services(Map.of()).forEach(s -> before.put(s.name(), s.spec()));
        Path journal = dir.resolve("maintenance.journal");
        List<String> args = List.of("node", "maintenance", "node2", "node3", "--reboot", "--rebalance", "--threshold", "1.0", "--no-force-fallback", "--yes",
                "--config", config.toString(), "--journal", journal.toString(), "--timeout", "3m");

        SwarmState untouched = SwarmState.settled(g, Duration.ofSeconds(30));
        List<String> dryArgs = new ArrayList<>(args);
        dryArgs.addAll(List.of("--dry-run", "--format", "json"));
        CliRun dry = swarmops(dryArgs.toArray(String[]::new));
        assertEquals(0, dry.code(), dry.out() + dry.err());
        com.fasterxml.jackson.databind.JsonNode doc = io.swarmops.ops.model.Json.MAPPER.readTree(dry.out());
        assertEquals(12, doc.at("/Plan/Steps").size(), dry.out());
        List<String> writes = new ArrayList<>();
        doc.path("Writes").forEach(w -> writes.add(w.asText()));
        assertTrue(writes.indexOf("node node2: power off") < writes.indexOf("node node2: power on")
                && writes.indexOf("node node2: power on") < writes.indexOf("node node3: power off") && writes.indexOf("node node2: power off") >= 0, dry.out());
        untouched.assertUnchanged(g);
        assertTrue(!Files.exists(journal) && !Files.exists(powerLog), "a dry run journals and powers nothing");

        long t0 = System.nanoTime();
        LowestRunning lowest = new LowestRunning(swarm);
        CliRun again;
        try (lowest) {
            killedWhenJournalShows(args, journal, "\"Step\":\"reboot:node2:off:node2\",\"Event\":\"done\"");
            again = swarmops(args.toArray(String[]::new));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.err.printf(Locale.ROOT, "node maintenance node2 node3 --reboot --rebalance (killed once, run again): %.1f s; lowest running %s%n%s%s%n",
                seconds, lowest, again.out(), again.err());
        assertEquals(0, again.code(), again.out() + again.err());
        assertTrue(again.out().startsWith("continuing the node maintenance of node2, node3"), again.out());
        assertTrue(again.out().contains("[done] node 1 of 2, node2: drain keeping capacity"), again.out());

        assertEquals(List.of("off node2", "on node2", "off node3", "on node3"), Files.readAllLines(powerLog),
                "each node powered off and on exactly once, in order");
        for (Node n : g.nodes()) {
            assertTrue(n.isReady() && n.isActive(), n.hostname() + " is " + n.state() + ", " + n.availability());
        }
        for (Service s : g.services(Map.of())) {
            if (s.isReplicated()) {
                List<Task> tasks = g.tasks(Map.of("service", List.of(s.id()), "desired-state", List.of("running")));
                assertEquals(s.replicas(), tasks.stream().filter(Task::isRunning).count(), s.name() + " at its replicas");
            }
        }
        assertEquals(6, lowest.of("web"), "web never ran fewer than 6 tasks");
        assertEquals(3, lowest.of("api"), "api never ran fewer than 3 tasks");
        double spread = RebalancePlanner.spread(g.snapshot(), RebalancePolicy.Measure.tasks);
        assertTrue(spread <= 1.0, "spread " + spread + " under the threshold 1.0");
        Map<String, com.fasterxml.jackson.databind.node.ObjectNode> after = new TreeMap<>();
        g.services(Map.of()).forEach(s -> after.put(s.name(), s.spec()));
        assertEquals(before, after, "every service spec as before");
    }

    /**
     * {@code --run} goes over ssh to the node's host as the inventory says (here a real sshd on this
     * host, whose {@code docker system dial-stdio} reaches node2's socket): the command runs, node2 is
     * back and active; a command that fails stops the run with node2 drained and says what is left.
     */
    @Test
    @Order(3)
    void aCommandRunsOverSshAndOneThatFailsLeavesTheNodeDrained() throws Exception {
        String socket = swarm.sandbox().layout().socket(2).toString();
        Path marker = dir.resolve("ran-on-node2");
        List<String> over = List.of("--yes", "--config", config.toString(), "--node-host", "node2=" + sshd.url(socket));
        List<String> ok = new ArrayList<>(List.of("node", "maintenance", "node2", "--run", "touch " + marker, "--journal",
                dir.resolve("run.journal").toString()));
        ok.addAll(over);
        CliRun r = swarmops(ok.toArray(String[]::new));
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(Files.exists(marker), "the command ran over ssh");
        assertTrue(g.node("node2").isActive(), "node2 active again");

        List<String> failing = new ArrayList<>(List.of("node", "maintenance", "node2", "--run", "false", "--journal",
                dir.resolve("false.journal").toString()));
        failing.addAll(over);
        CliRun f = swarmops(failing.toArray(String[]::new));
        assertEquals(1, f.code(), f.out() + f.err());
        assertEquals("error: false on node2 exited 1; node2 left drained; left: node2: run false; node2: wait until its daemon answers and it is"
                + " ready; node2: make it active (run the same command to continue)\n", f.err().lines().reduce((a, b) -> b).orElse("") + "\n");
        assertEquals("drain", g.node("node2").availability());
        assertEquals(0, swarmops("node", "update", "--availability", "active", "node2").code());
    }

    /** Runs swarmops as its own process and kills it (-9) once the journal shows the given event. */
    private void killedWhenJournalShows(List<String> args, Path journal, String event) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", Path.of("target/swarmops.jar").toAbsolutePath().toString(),
                "-H", swarm.managerHost()));
        cmd.addAll(args);
        Path log = dir.resolve("killed.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (!(Files.exists(journal) && Files.readString(journal).contains(event))) {
                assertTrue(p.isAlive(), "the maintenance ended before " + event + ": " + Files.readString(log));
                assertTrue(System.nanoTime() < deadline, "no " + event + " within 3 minutes: " + Files.readString(log));
                Thread.sleep(20);
            }
        } finally {
            p.destroyForcibly();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        }
        System.err.println("killed (-9) after " + event + ":\n" + Files.readString(log));
    }
}
