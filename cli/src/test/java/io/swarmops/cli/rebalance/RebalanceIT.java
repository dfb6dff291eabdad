package io.swarmops.cli.rebalance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmops.cli.CliRun;
import io.swarmops.ops.SpecUpdates;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.model.ClusterSnapshot;
import io.swarmops.ops.model.Task;
import io.swarmops.ops.testing.SwarmState;
import io.swarmops.sandbox.BusyboxImage;
import io.swarmops.sandbox.SandboxExtension;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The seed's case on a real swarm: node3 drained while 4 services × 3 replicas are created, then
 * made active: 6/6/0, spread 2.83. The rebalance must end at ≤ 1.0, restart at most 4 tasks, and no
 * service may run fewer than 3 tasks at any sampled moment.
 */
class RebalanceIT {
    @RegisterExtension
    static final SandboxExtension sandbox = SandboxExtension.of("rblit", 3, 1);

    static CliRun swarmops(String... args) {
        return CliRun.against(sandbox.host(), args);
    }

    static Set<String> runningTaskIds(SwarmGateway g) {
        Set<String> ids = new HashSet<>();
        for (Task t : g.tasks(Map.of("desired-state", List.of("running")))) {
            if (t.isRunning()) {
                ids.add(t.id());
            }
        }
        return ids;
    }

    @Test
    void sixSixZeroEndsBalancedMovingAtMostFourTasks() throws Exception {
        List<String> names = List.of("a", "b", "c", "d");
        try (SwarmGateway g = sandbox.swarm().gateway()) {
            SpecUpdates.updateNode(g, "node3", SpecUpdates.availability("drain"), System.err::println);
            for (String n : names) {
                CliRun c = swarmops("service", "create", "--name", n, "--replicas", "3", "--no-resolve-image",
                        BusyboxImage.NAME, "sleep", "3600");
                assertEquals(0, c.code(), c.err());
            }
            SpecUpdates.updateNode(g, "node3", SpecUpdates.availability("active"), System.err::println);
            ClusterSnapshot before = g.snapshot();
            assertEquals(2.83, before.spread(), 0.01, "6/6/0 before");

            // --dry-run changes nothing: everything it could touch, read before it, is as it was after it
            SwarmState untouched = SwarmState.settled(g, Duration.ofSeconds(60));
            Set<String> kept = runningTaskIds(g);
            CliRun dry = swarmops("rebalance", "--threshold", "1.0", "--dry-run");
            assertEquals(0, dry.code(), dry.err());
            assertTrue(dry.out().contains("move(s) planned"), dry.out());
            untouched.assertUnchanged(g);
            assertEquals(kept, runningTaskIds(g), "--dry-run restarts no task");
            assertEquals(2.83, g.snapshot().spread(), 0.01);

            AtomicBoolean done = new AtomicBoolean();
            AtomicInteger lowest = new AtomicInteger(Integer.MAX_VALUE);
            AtomicInteger samples = new AtomicInteger();
            Thread sampler = new Thread(() -> {
                try (SwarmGateway s = sandbox.swarm().gateway()) {
                    while (!done.get()) {
                        Map<String, Integer> perService = new java.util.HashMap<>();
                        for (Task t : s.tasks(Map.of("desired-state", List.of("running")))) {
                            if (t.isRunning()) {
                                perService.merge(t.serviceId(), 1, Integer::sum);
                            }
                        }
                        int min = perService.size() < 4 ? 0 : perService.values().stream().min(Integer::compare).orElse(0);
                        lowest.accumulateAndGet(min, Math::min);
                        samples.incrementAndGet();
                    }
                }
            });
            sampler.start();
            long t0 = System.nanoTime();
            CliRun r = swarmops("rebalance", "--threshold", "1.0", "--yes", "--cooldown", "0s");
            double seconds = (System.nanoTime() - t0) / 1e9;
            done.set(true);
            sampler.join();
            assertEquals(0, r.code(), r.out() + r.err());

            ClusterSnapshot after = g.snapshot();
            Set<String> now = runningTaskIds(g);
            long survivors = now.stream().filter(kept::contains).count();
            System.err.printf("rebalance: spread %.2f -> %.2f, %d of 12 tasks kept, %.1f s, %d samples, lowest %d%n",
                    before.spread(), after.spread(), survivors, seconds, samples.get(), lowest.get());
            assertTrue(after.spread() <= 1.0, "spread after " + after.spread() + "\n" + r.err());
            assertTrue(survivors >= 8, "at most 4 tasks restarted, kept " + survivors);
            assertTrue(lowest.get() >= 3, "no service below 3 running tasks, saw " + lowest.get());
            assertTrue(samples.get() > 5, "sampled during the run");

            CliRun again = swarmops("rebalance", "--threshold", "1.0", "--yes", "--cooldown", "0s");
            assertEquals(0, again.code());
            assertEquals("", again.out(), "nothing to do: quiet");
            assertEquals("", again.err(), "nothing to do: quiet");
        }
    }

    @Test
    void aLoneTaskIsEvictedToTheChosenNodeRestartingNothingElse() throws Exception {
        try (SwarmGateway g = sandbox.swarm().gateway()) {
            CliRun c = swarmops("service", "create", "--name", "solo", "--replicas", "3", "--max-replicas", "2",
                    "--no-resolve-image", BusyboxImage.NAME, "sleep", "3600");
            assertEquals(0, c.code(), c.err());
            Map<String, String> nodeOf = new java.util.HashMap<>();
            for (Task t : g.tasks(Map.of("service", List.of("solo"), "desired-state", List.of("running")))) {
                nodeOf.put(t.id(), g.node(t.nodeId()).hostname());
            }
            assertEquals(Set.of("node1", "node2", "node3"), new HashSet<>(nodeOf.values()), "one task per node: " + nodeOf);
            var specBefore = g.service("solo").spec();
            SwarmState untouched = SwarmState.settled(g, Duration.ofSeconds(60));
            Set<String> runningBefore = runningTaskIds(g);
            CliRun dry = swarmops("service", "move", "solo", "--from", "node1", "--to", "node2", "--dry-run");
            assertEquals(0, dry.code(), dry.out() + dry.err());
            untouched.assertUnchanged(g);
            assertEquals(runningBefore, runningTaskIds(g), "service move --dry-run restarts no task");
            CliRun move = swarmops("service", "move", "solo", "--from", "node1", "--to", "node2");
            assertEquals(0, move.code(), move.out() + move.err());
            Map<String, String> after = new java.util.HashMap<>();
            for (Task t : g.tasks(Map.of("service", List.of("solo"), "desired-state", List.of("running")))) {
                if (t.isRunning()) {
                    after.put(t.id(), g.node(t.nodeId()).hostname());
                }
            }
            assertEquals(List.of("node2", "node2", "node3"), after.values().stream().sorted().toList(), after.toString());
            long kept = after.keySet().stream().filter(nodeOf::containsKey).count();
            assertEquals(2, kept, "only the task on node1 was replaced");
            var specAfter = g.service("solo").spec();
            assertEquals(specBefore.path("TaskTemplate").path("Placement"), specAfter.path("TaskTemplate").path("Placement"),
                    "the placement is the service's own again");
            assertEquals(specBefore.path("UpdateConfig"), specAfter.path("UpdateConfig"));
            Thread.sleep(3000);
            Set<String> stillRunning = new HashSet<>();
            g.tasks(Map.of("service", List.of("solo"), "desired-state", List.of("running"))).forEach(t -> stillRunning.add(t.id()));
            assertEquals(after.keySet(), stillRunning, "taking the constraint back replaced nothing");
            swarmops("service", "rm", "solo");
        }
    }

    /** --watch as systemd runs it: its own process, acting on the Engine's node events, stopped by SIGTERM. */
    @Test
    void watchRebalancesWhenADrainedNodeIsActiveAgainAndEndsOnSigterm() throws Exception {
        java.nio.file.Path jar = java.nio.file.Path.of("target/swarmops.jar").toAbsolutePath();
        assertTrue(java.nio.file.Files.isRegularFile(jar), "the shaded jar is built before integration tests: " + jar);
        java.time.Duration minute = java.time.Duration.ofSeconds(60);
        try (SwarmGateway g = sandbox.swarm().gateway()) {
            g.services(Map.of()).forEach(s -> g.removeService(s.id()));
            for (String n : List.of("w1", "w2", "w3", "w4")) {
                CliRun c = swarmops("service", "create", "--name", n, "--replicas", "3", "--no-resolve-image", BusyboxImage.NAME, "sleep", "3600");
                assertEquals(0, c.code(), c.err());
            }
            java.nio.file.Path log = java.nio.file.Files.createTempFile("rebalance-watch", ".log");
            Process watch = new ProcessBuilder("java", "-jar", jar.toString(), "-H", sandbox.host(), "rebalance", "--watch", "--yes",
                    "--threshold", "1.0", "--cooldown", "0s").redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean ended;
            long t0;
            double seconds;
            try {
                io.swarmops.ops.Waits.until("the watch to start", minute, line -> { }, () -> read(log).contains("watching node events"));
                SpecUpdates.updateNode(g, "node3", SpecUpdates.availability("drain"), System.err::println);
                io.swarmops.ops.Waits.until("node3 drained", minute, line -> { },
                        () -> g.tasks(Map.of("node", List.of("node3"), "desired-state", List.of("running"))).isEmpty()
                                && runningTaskIds(g).size() == 12);
                assertTrue(!read(log).contains("move 1"), "a drain is no event to act on: " + read(log));
                t0 = System.nanoTime();
                SpecUpdates.updateNode(g, "node3", SpecUpdates.availability("active"), System.err::println);
                assertEquals(2.83, g.snapshot().spread(), 0.01, "6/6/0 once node3 takes tasks again");
                io.swarmops.ops.Waits.until("the watch to rebalance", java.time.Duration.ofSeconds(120), line -> { },
                        () -> read(log).contains("rebalanced:") && g.snapshot().spread() <= 1.0);
                seconds = (System.nanoTime() - t0) / 1e9;
            } finally {
                watch.destroy(); // SIGTERM, as systemctl stop sends it
                ended = watch.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
                if (!ended) {
                    watch.destroyForcibly();
                }
            }
            System.err.printf("rebalance --watch: node3 active again -> spread %.2f in %.1f s%n%s%n", g.snapshot().spread(), seconds, read(log));
            assertTrue(ended, "SIGTERM ends the watch: " + read(log));
            assertTrue(g.configs(Map.of("name", List.of("swarmops-rebalance-lock"))).isEmpty(), "no lock left behind");
            g.services(Map.of()).forEach(s -> g.removeService(s.id()));
        }
    }

    private static String read(java.nio.file.Path log) {
        try {
            return java.nio.file.Files.readString(log);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
