package io.swarmops.cli.rebalance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmops.cli.CliRun;
import io.swarmops.cli.ExitCodes;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.rebalance.RebalanceLock;
import io.swarmops.sandbox.BusyboxImage;
import io.swarmops.sandbox.TestSwarm;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "One rebalance at a time", whichever process or manager it runs from: the lock is a Swarm config,
 * so only a real swarm decides. A first rebalance runs in a process of its own and is frozen with
 * SIGSTOP once it holds the lock; a second, from another process, is refused with one line naming
 * the first (user@host/pid, since when) and changes nothing; continued (SIGCONT), the first ends and
 * leaves no lock.
 */
class RebalanceLockIT {
    @TempDir
    Path dir;

    @Test
    void aSecondRebalanceInAnotherProcessIsRefusedWithOneLineNamingTheFirst() throws Exception {
        Path jar = Path.of("target/swarmops.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "the shaded jar is built before integration tests: " + jar);
        try (TestSwarm swarm = TestSwarm.start("rblk", 3, 1); SwarmGateway g = swarm.gateway()) {
            String host = swarm.managerHost();
            assertEquals(0, CliRun.against(host, "node", "update", "--availability", "drain", "node3").code());
            // the seed's 6/6/0: a few moves, seconds of work for the first run
            for (String name : List.of("a", "b", "c", "d")) {
                CliRun created = CliRun.against(host, "service", "create", "--name", name, "--replicas", "3", "--no-resolve-image",
                        BusyboxImage.NAME, "sleep", "3600");
                assertEquals(0, created.code(), created.err());
            }
            assertEquals(0, CliRun.against(host, "node", "update", "--availability", "active", "node3").code());

            Path log = dir.resolve("first.log");
            Process first = new ProcessBuilder("java", "-jar", jar.toString(), "-H", host, "rebalance", "--yes", "--threshold", "1.0")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (g.configs(Map.of("name", List.of(RebalanceLock.NAME))).isEmpty()) {
                    assertTrue(first.isAlive() && System.nanoTime() < deadline, "the first rebalance takes its lock: " + Files.readString(log));
                    Thread.sleep(50);
                }
                // frozen (SIGSTOP) while it holds the lock: however fast its moves, it is under way while the second asks
                signal("STOP", first);
                assertTrue(!g.configs(Map.of("name", List.of(RebalanceLock.NAME))).isEmpty(), "still held: " + Files.readString(log));
                Map<String, Long> versions = versions(g);
                CliRun second = CliRun.against(host, "rebalance", "--yes", "--threshold", "1.0");
                assertEquals(ExitCodes.FAILED, second.code(), second.out() + second.err());
                assertEquals(1, second.err().lines().count(), "one line: " + second.err());
                String who = System.getProperty("user.name") + "@" + InetAddress.getLocalHost().getHostName() + "/" + first.pid();
                assertTrue(second.err().startsWith("error: another rebalance is running (" + who + ", since "), second.err());
                assertEquals(versions, versions(g), "the refused run wrote nothing");
                signal("CONT", first);
                assertTrue(first.waitFor(120, TimeUnit.SECONDS), "the first ends: " + Files.readString(log));
                assertEquals(0, first.exitValue(), Files.readString(log));
            } finally {
                first.destroyForcibly();
            }
            assertTrue(g.configs(Map.of("name", List.of(RebalanceLock.NAME))).isEmpty(), "no lock left behind");
        }
    }

    private static void signal(String signal, Process p) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start().waitFor());
    }

    private static Map<String, Long> versions(SwarmGateway g) {
        Map<String, Long> out = new java.util.TreeMap<>();
        g.services(Map.of()).forEach(s -> out.put(s.name(), s.version()));
        return out;
    }
}
