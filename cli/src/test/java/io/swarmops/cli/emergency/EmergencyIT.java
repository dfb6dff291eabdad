package io.swarmops.cli.emergency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.swarmops.cli.CliRun;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.testing.SwarmState;
import io.swarmops.recovery.backup.WorkloadRestore;
import io.swarmops.sandbox.BusyboxImage;
import io.swarmops.sandbox.Sandbox;
import io.swarmops.sandbox.TestSwarm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6's bar on a real 4-node swarm with 2 managers, power wired to the sandbox's kill (a power
 * cut) and boot: a registry stack (busybox httpd answering /v2/ on port 5000), another stack with a
 * config, and a plain service. The shutdown is killed (-9) after its first demotion and run again;
 * it leaves no daemon running. The reboot is killed (-9) once the first manager is back and run
 * again; it brings back 2 managers, creates the registry's service before any other, and every
 * service spec equals the one before, field for field.
 */
class EmergencyIT {
    private static final String PREFIX = "emg";

    @TempDir
    Path dir;

    @Test
    void shutdownAndRebootEachKilledOnceAndRunAgain() throws Exception {
        Path jar = Path.of("target/swarmops.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "the shaded jar is built before integration tests: " + jar);
        try (TestSwarm swarm = TestSwarm.start(PREFIX, 4, 2)) {
            Sandbox sandbox = swarm.sandbox();
            String host = sandbox.host("node1");
            Path power = dir.resolve("power.yaml");
            Files.writeString(power, """
                    power:
                      off: ["java", "-jar", "%1$s", "sandbox", "kill", "--prefix", "%3$s", "{hostname}"]
                      on: ["java", "-jar", "%1$s", "sandbox", "boot", "--prefix", "%3$s", "{hostname}"]
                      timeout: 90s
                    registry:
                      stacks: [registry]
                      probe: http://%2$s:5000/v2/
                    """.formatted(jar, sandbox.address("node1"), sandbox.layout().prefix()));
            deployWorkload(host);
            TreeMap<String, JsonNode> before = specs(swarm);
            assertEquals(5, before.size(), before.keySet().toString());

            Path state = dir.resolve("state.json");
            Path journal = Path.of(state + ".journal");
            List<String> shutdown = List.of("emergency", "shutdown", "--yes", "--state", state.toString(), "--config", power.toString(),
                    "--timeout", "90s");

            SwarmState untouched;
            try (SwarmGateway g = swarm.gateway()) {
                untouched = SwarmState.read(g); // BEFORE the dry run: every spec and version it could touch
            }
            CliRun dry = CliRun.against(host, with(shutdown, "--dry-run"));
            assertEquals(0, dry.code(), dry.out() + dry.err());
            try (SwarmGateway g = swarm.gateway()) {
                untouched.assertUnchanged(g);
            }
            assertTrue(dry.out().contains("  node node2: demote\n"), dry.out());
            assertTrue(dry.out().trim().endsWith("nothing changed"), dry.out());
            assertFalse(Files.exists(state), "a dry run saves nothing");
            assertEquals(before, specs(swarm), "a dry run changes nothing");

            long t0 = System.nanoTime();
            killedWhenJournalShows(jar, host, shutdown, journal, "\"Step\":\"demote-node2\",\"Event\":\"done\"");
            CliRun status = CliRun.against(host, "emergency", "status", "--state", state.toString());
            assertEquals(1, status.code(), "unfinished: " + status.out());
            assertTrue(status.out().contains("demote-node2"), status.out());

            CliRun resumed = CliRun.against(host, shutdown.toArray(String[]::new));
            double shutdownSeconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(0, resumed.code(), resumed.out() + resumed.err());
            assertTrue(resumed.out().startsWith("continuing the emergency shutdown"), resumed.out());
            assertTrue(resumed.out().contains("[done] demote manager node2"), resumed.out());
            for (String n : sandbox.nodeNames()) {
                assertFalse(sandbox.running(n), n + " is off: no daemon left running");
            }

            List<String> reboot = List.of("emergency", "reboot", "--yes", "--state", state.toString(), "--config", power.toString(),
                    "--timeout", "120s");
            long t1 = System.nanoTime();
            killedWhenJournalShows(jar, host, reboot, journal, "\"Step\":\"power-on-manager-node1\",\"Event\":\"done\"");
            CliRun rebooted = CliRun.against(host, reboot.toArray(String[]::new));
            double rebootSeconds = (System.nanoTime() - t1) / 1e9;
            assertEquals(0, rebooted.code(), rebooted.out() + rebooted.err());
            assertTrue(rebooted.out().contains("[done] power on the manager node1"), rebooted.out());

            CliRun finalStatus = CliRun.against(host, "emergency", "status", "--state", state.toString());
            assertEquals(0, finalStatus.code(), finalStatus.out());
            System.err.printf(Locale.ROOT, "emergency IT: shutdown (killed once, run again) %.1f s, reboot (killed once, run again) %.1f s%n%s%n",
                    shutdownSeconds, rebootSeconds, finalStatus.out());
            try (SwarmGateway g = swarm.gateway()) {
                long managers = g.nodes().stream().filter(n -> n.isManager() && n.manager() != null && n.manager().reachable()).count();
                assertEquals(2, managers, "2 managers back");
                Map<String, Instant> created = new TreeMap<>();
                g.services(Map.of()).forEach(s -> created.put(s.name(), s.createdAt()));
                Instant registry = created.get("registry_registry");
                created.forEach((name, at) -> assertTrue(name.equals("registry_registry") || at.isAfter(registry),
                        name + " created " + at + ", not after the registry (" + registry + ")"));
            }
            assertEquals(before, specs(swarm), "every service spec as before, field for field");
        }
    }

    private void deployWorkload(String host) throws Exception {
        Files.writeString(dir.resolve("registry.yml"), """
                version: "3.8"
                services:
                  registry:
                    image: %s
                    command: ["sh", "-c", "mkdir -p /www/v2 && echo '{}' > /www/v2/index.html && exec httpd -f -p 5000 -h /www"]
                    ports:
                      - {target: 5000, published: 5000, mode: host}
                    deploy:
                      placement:
                        constraints: [node.hostname==node1]
                """.formatted(BusyboxImage.NAME));
        Files.writeString(dir.resolve("greeting.txt"), "hello\n");
        Files.writeString(dir.resolve("app.yml"), """
                version: "3.8"
                services:
                  web:
                    image: %1$s
                    command: ["sleep", "3600"]
                    deploy: {replicas: 2}
                    configs:
                      - {source: greeting, target: /greeting}
                  worker:
                    image: %1$s
                    command: ["sleep", "3600"]
                    environment: [QUEUE=jobs]
                  agent:
                    image: %1$s
                    command: ["sleep", "3600"]
                    deploy: {mode: global}
                configs:
                  greeting:
                    file: ./greeting.txt
                """.formatted(BusyboxImage.NAME));
        CliRun registry = CliRun.against(host, "stack", "deploy", "--resolve-image", "never", "-c", dir.resolve("registry.yml").toString(), "registry");
        assertEquals(0, registry.code(), registry.err());
        CliRun app = CliRun.against(host, "stack", "deploy", "--resolve-image", "never", "--wait", "-c", dir.resolve("app.yml").toString(), "app");
        assertEquals(0, app.code(), app.err());
        CliRun plain = CliRun.against(host, "service", "create", "--name", "plain", "--no-resolve-image", BusyboxImage.NAME, "sleep", "3600");
        assertEquals(0, plain.code(), plain.err());
    }

    /** Runs swarmops as its own process and kills it (-9) once the journal shows the given event. */
    private void killedWhenJournalShows(Path jar, String host, List<String> args, Path journal, String event) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", jar.toString(), "-H", host));
        cmd.addAll(args);
        Path log = dir.resolve("killed-" + args.get(1) + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        while (!(Files.exists(journal) && Files.readString(journal).contains(event))) {
            assertTrue(p.isAlive(), "the " + args.get(1) + " ended before " + event + ": " + Files.readString(log));
            Thread.sleep(20);
        }
        p.destroyForcibly();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    }

    private static String[] with(List<String> args, String extra) {
        List<String> all = new ArrayList<>(args);
        all.add(extra);
        return all.toArray(String[]::new);
    }

    static TreeMap<String, JsonNode> specs(TestSwarm swarm) {
        TreeMap<String, JsonNode> out = new TreeMap<>();
        try (SwarmGateway g = swarm.gateway()) {
            for (Service s : g.services(Map.of())) {
                out.put(s.name(), WorkloadRestore.portableSpec(g, s));
            }
        }
        return out;
    }
}
