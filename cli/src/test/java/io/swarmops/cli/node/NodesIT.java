package io.swarmops.cli.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmops.cli.CliRun;
import io.swarmops.cli.ExitCodes;
import io.swarmops.ops.engine.SshCommand;
import io.swarmops.sandbox.SandboxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import com.fasterxml.jackson.databind.JsonNode;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.model.Json;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reaching each node's own daemon, on a real 3-node swarm (1 manager, 2 workers) and a real sshd
 * on a loopback port that tunnels to the nodes' sockets with {@code docker system dial-stdio}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodesIT {
    @TempDir
    static Path dir;
    @RegisterExtension
    static final SandboxExtension swarm = SandboxExtension.of("nodes", 3, 1);
    static TestSshd sshd;

    @BeforeAll
    static void up() throws Exception {
        sshd = TestSshd.start(Files.createDirectories(dir.resolve("sshd")));
        System.setProperty(SshCommand.CONFIG_PROPERTY, sshd.clientConfig().toString());
    }

    @AfterAll
    static void down() {
        System.clearProperty(SshCommand.CONFIG_PROPERTY);
        sshd.close();
    }

    static String socket(String node) {
        return swarm.sandbox().layout().socket(Integer.parseInt(node.substring(4))).toString();
    }

    static CliRun swarmops(String... args) {
        return CliRun.against(swarm.host(), args);
    }

    static String inventory() {
        return swarm.sandbox().layout().inventory().toString();
    }

    @Test
    @Order(3)
    void execRunsInATaskOnAWorkerWithItsOutputAndExitCode() {
        CliRun create = swarmops("service", "create", "--name", "web", "--replicas", "2", "--constraint", "node.role==worker",
                "swarmops/busybox:latest", "sleep", "3600");
        assertEquals(0, create.code(), create.err());
        CliRun r = swarmops("service", "exec", "--config", inventory(), "-e", "GREETING=hello", "-w", "/tmp", "web.2",
                "sh", "-c", "echo $GREETING from $(pwd); echo oops >&2; exit 3");
        assertEquals(3, r.code(), r.err());
        assertEquals("hello from /tmp\n", r.out());
        assertEquals("oops\n", r.err());
        CliRun id = swarmops("service", "exec", "--config", inventory(), "web", "id", "-u");
        assertEquals(0, id.code(), id.err());
        assertEquals("0\n", id.out());
    }

    @Test
    @Order(4)
    void execAllRunsInEveryTaskWithLinesPrefixed() {
        CliRun r = swarmops("service", "exec", "--all", "--config", inventory(), "web", "sh", "-c", "echo $HOSTNAME; echo two");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().sorted().toList();
        assertEquals(4, lines.size(), r.out());
        assertTrue(lines.get(0).matches("web\\.1 \\| [0-9a-f]{12}"), r.out());
        assertEquals("web.1 | two", lines.get(1));
        assertTrue(lines.get(2).matches("web\\.2 \\| [0-9a-f]{12}"), r.out());
        assertEquals("web.2 | two", lines.get(3));
    }

    @Test
    @Order(5)
    void execOverSshReachesTheNodeAsTheInventorySays() {
        String worker = swarm.sandbox().layout().hostname(2);
        CliRun r = swarmops("service", "exec", "--all", "--config", inventory(),
                "--node-host", "node2=" + sshd.url(socket("node2")), "--node-host", "node3=" + sshd.url(socket("node3")),
                "web", "echo", "via ssh");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("web.1 | via ssh", "web.2 | via ssh"), r.out().lines().sorted().toList(), worker);
        CliRun typo = swarmops("service", "exec", "--node-host", "node9=ssh://x", "web", "true");
        assertEquals(ExitCodes.FAILED, typo.code());
        assertEquals("error: --node-host node9: no such node in the swarm\n", typo.err());
    }

    @Test
    @Order(6)
    void execWithATtyRunsThroughAPseudoTerminal() throws Exception {
        // script(1) gives swarmops a pseudo-terminal, as an admin's ssh session would
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the pseudo-terminal's size, set before swarmops starts: the container's TTY must get it
        String cli = String.join(" ", "stty rows 41 cols 101 &&", java, "-cp", System.getProperty("java.class.path"), "io.swarmops.cli.Main",
                "-H", swarm.host(), "service", "exec", "--config", inventory(), "-it", "web.1", "sh");
        Process p = new ProcessBuilder("script", "-qec", cli, "/dev/null").redirectErrorStream(true).start();
        p.getOutputStream().write("stty size; tty; exit 7\n".getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().flush();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), output);
        assertEquals(7, p.exitValue(), output);
        assertTrue(output.contains("/dev/pts/"), output);
        assertTrue(output.lines().anyMatch(l -> l.trim().equals("41 101")), output);
    }

    @Test
    @Order(7)
    void checkFindsEveryNodeActiveAndInAgreement() throws Exception {
        CliRun r = swarmops("node", "check", "--config", inventory(), "--format", "json");
        assertEquals(ExitCodes.MON_OK, r.code(), r.out() + r.err());
        JsonNode doc = Json.MAPPER.readTree(r.out());
        assertEquals(3, doc.size());
        for (JsonNode n : doc) {
            assertEquals("OK", n.path("Check").asText(), n.toString());
            assertEquals("active", n.path("Daemon").path("LocalNodeState").asText());
            assertEquals(n.path("ID").asText(), n.path("Daemon").path("NodeID").asText());
        }
    }

    @Test
    @Order(8)
    void checkSpotsAKilledDaemonAndANodeThatLeftAndAHangingOneInParallel() throws Exception {
        try (SwarmGateway node2 = swarm.swarm().gateway("node2")) {
            node2.swarmLeave(true); // on its own: the manager still lists it
        }
        swarm.sandbox().kill("node3");
        // a daemon that accepts and never answers: the check must not wait on it past --node-timeout
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            CliRun r = swarmops("node", "check", "--config", inventory(), "--node-timeout", "4s",
                    "--node-host", "node1=tcp://127.0.0.1:" + silent.getLocalPort());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            System.err.println("node check with a silent, a killed and a departed node: " + took.toMillis() + " ms");
            assertEquals(ExitCodes.MON_CRITICAL, r.code(), r.out() + r.err());
            List<String> findings = r.out().lines().filter(l -> l.matches("node\\d: .*")).toList();
            assertEquals(3, findings.size(), r.out());
            assertTrue(findings.get(0).startsWith("node1: CRITICAL: its daemon does not answer at tcp://127.0.0.1:"), r.out());
            assertTrue(findings.get(0).contains("no answer within 4s"), r.out());
            assertTrue(findings.get(1).startsWith("node2: CRITICAL: its daemon is not in a swarm"), r.out());
            assertTrue(findings.get(2).startsWith("node3: CRITICAL: its daemon does not answer at unix://"), r.out());
            assertTrue(took.compareTo(Duration.ofSeconds(12)) < 0, "took " + took);
        }
    }

    @Test
    @Order(9)
    void doctorWritesTheRestartDropInOverSshAfterShowingTheDiff() throws Exception {
        Path etc = Files.createDirectories(dir.resolve("node1-etc"));
        Path dropIn = etc.resolve("systemd/system/docker.service.d/10-swarmops-restart.conf");
        String[] base = {"node", "doctor", "--config", inventory(), "--etc-root", etc.toString(),
            "--node-host", "node1=" + sshd.url(socket("node1")), "node1"};
        CliRun before = swarmops(base);
        assertEquals(ExitCodes.MON_WARNING, before.code(), before.out() + before.err());
        assertEquals("node1: WARNING: no restart drop-in: dockerd that exits at boot (no manager) stays down\n", before.out());

        CliRun unconfirmed = swarmops(concat(base, "--fix"));
        assertEquals(ExitCodes.USAGE, unconfirmed.code(), unconfirmed.out() + unconfirmed.err());
        assertTrue(unconfirmed.out().contains("+Restart=on-failure"), unconfirmed.out());
        assertTrue(unconfirmed.err().contains("pass --yes to proceed"), unconfirmed.err());
        assertFalse(Files.exists(dropIn));

        CliRun fixed = swarmops(concat(base, "--fix", "--yes"));
        assertEquals(0, fixed.code(), fixed.out() + fixed.err());
        assertTrue(fixed.out().contains("node1: wrote " + dropIn + " (--etc-root: systemd not reloaded)"), fixed.out());
        String written = Files.readString(dropIn);
        assertTrue(written.contains("[Unit]\nStartLimitIntervalSec=0\n"), written);
        assertTrue(written.contains("[Service]\nRestart=on-failure\nRestartSec=10s\n"), written);

        CliRun after = swarmops(base);
        assertEquals(0, after.code(), after.out() + after.err());
        assertEquals("node1: OK\n", after.out());
    }

    static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    @Order(1)
    void theManagerIsReachedOverSshAsDockerReachesIt() {
        CliRun r = CliRun.against(sshd.url(socket("node1")), "node", "ls", "--format", "{{.Hostname}}");
        assertEquals(0, r.code(), r.err());
        assertEquals("node1\nnode2\nnode3\n", r.out());
    }

    @Test
    @Order(2)
    void anUnknownHostKeyIsRefusedInOneLine() throws Exception {
        Path config = dir.resolve("untrusting_config");
        Files.writeString(config, Files.readString(sshd.clientConfig()).replace(sshd.dir().resolve("known_hosts").toString(), "/dev/null"));
        System.setProperty(SshCommand.CONFIG_PROPERTY, config.toString());
        try {
            CliRun r = CliRun.against(sshd.url(socket("node1")), "node", "ls");
            assertEquals(ExitCodes.FAILED, r.code(), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().contains("Host key verification failed"), r.err());
        } finally {
            System.setProperty(SshCommand.CONFIG_PROPERTY, sshd.clientConfig().toString());
        }
    }
}
