package io.swarmops.cli.emergency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.swarmops.cli.CliRun;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.model.Service;
import io.swarmops.recovery.backup.WorkloadRestore;
import io.swarmops.sandbox.BusyboxImage;
import io.swarmops.sandbox.Sandbox;
import io.swarmops.sandbox.TestSwarm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6's bar on a real 4-node swarm with 2 managers, power wired to the sandbox's kill and boot:
 * a registry stack, another stack and a plain service. The shutdown is killed (-9) after its first
 * demotion and run again; it leaves no daemon running. The reboot brings back 2 managers, creates
 * the registry's services before any other, and every service spec equals the one before.
 */
class EmergencyIT {
    @TempDir
    Path dir;

    @Test
    void shutdownKilledHalfWayThenFinishedThenReboot() throws Exception {
        Path jar = Path.of("target/swarmops.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "the shaded jar is built before integration tests: " + jar);
        try (TestSwarm swarm = TestSwarm.start("emgit", 4, 2)) {
            Sandbox sandbox = swarm.sandbox();
            String host = sandbox.host("node1");
            Files.writeString(dir.resolve("power.yaml"), """
                    power:
                      off: ["java", "-jar", "%1$s", "sandbox", "kill", "--prefix", "emgit", "{hostname}"]
                      on: ["java", "-jar", "%1$s", "sandbox", "boot", "--prefix", "emgit", "{hostname}"]
                      timeout: 60s
                    registry:
                      stacks: [registry]
                      probe: http://%2$s:5000/v2/
                    """.formatted(jar, sandbox.address("node1")));
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
            Files.writeString(dir.resolve("app.yml"), """
                    version: "3.8"
                    services:
                      web:
                        image: %1$s
                        command: ["sleep", "3600"]
                        deploy: {replicas: 2}
                      worker:
                        image: %1$s
                        command: ["sleep", "3600"]
                        environment: [QUEUE=jobs]
                    """.formatted(BusyboxImage.NAME));
            assertEquals(0, CliRun.against(host, "stack", "deploy", "--resolve-image", "never", "-c", dir.resolve("registry.yml").toString(), "registry").code());
            assertEquals(0, CliRun.against(host, "stack", "deploy", "--resolve-image", "never", "--wait", "-c", dir.resolve("app.yml").toString(), "app").code());
            assertEquals(0, CliRun.against(host, "service", "create", "--name", "plain", "--no-resolve-image", BusyboxImage.NAME, "sleep", "3600").code());
            TreeMap<String, JsonNode> before = specs(swarm);
            assertEquals(4, before.size());

            Path state = dir.resolve("state.json");
            Path journal = Path.of(state + ".journal");
            List<String> args = List.of("-H", host, "emergency", "shutdown", "--yes", "--state", state.toString(),
                    "--config", dir.resolve("power.yaml").toString(), "--timeout", "90s");
            long t0 = System.nanoTime();
            List<String> cmd = new ArrayList<>(List.of("java", "-jar", jar.toString()));
            cmd.addAll(args);
            Process first = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("first.log").toFile()).start();
            while (!(Files.exists(journal) && Files.readString(journal).contains("\"Step\":\"demote-node2\",\"Event\":\"done\""))) {
                assertTrue(first.isAlive(), "the first shutdown ended before its demotion: " + Files.readString(dir.resolve("first.log")));
                Thread.sleep(50);
            }
            first.destroyForcibly();
            first.waitFor(10, TimeUnit.SECONDS);
            CliRun status = CliRun.against(host, "emergency", "status", "--state", state.toString());
            assertTrue(status.out().lines().anyMatch(l -> l.contains("demote-node2") && l.endsWith("done")), status.out());
            assertTrue(status.out().contains("last: shutdown "), "killed during the shutdown: " + status.out());

            CliRun resumed = CliRun.against(host, args.subList(2, args.size()).toArray(String[]::new));
            double shutdownSeconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(0, resumed.code(), resumed.out() + resumed.err());
            assertTrue(resumed.out().startsWith("resuming the emergency shutdown"), resumed.out());
            assertTrue(resumed.out().contains("[done] demote manager node2"), resumed.out());
            for (String n : sandbox.nodeNames()) {
                assertFalse(sandbox.running(n), n + " is off");
            }

            long t1 = System.nanoTime();
            CliRun reboot = CliRun.against(host, "emergency", "reboot", "--yes", "--state", state.toString(),
                    "--config", dir.resolve("power.yaml").toString(), "--timeout", "120s");
            double rebootSeconds = (System.nanoTime() - t1) / 1e9;
            assertEquals(0, reboot.code(), reboot.out() + reboot.err());
            System.err.printf("emergency: shutdown (killed once, resumed) %.1f s, reboot %.1f s%n%s%n", shutdownSeconds, rebootSeconds, reboot.err());
            try (SwarmGateway g = swarm.gateway()) {
                long managers = g.nodes().stream().filter(n -> n.isManager() && n.manager() != null && n.manager().reachable()).count();
                assertEquals(2, managers, "2 managers back");
                Map<String, Instant> created = new TreeMap<>();
                g.services(Map.of()).forEach(s -> created.put(s.name(), s.createdAt()));
                Instant registry = created.get("registry_registry");
                created.forEach((name, at) -> assertTrue(name.equals("registry_registry") || !at.isBefore(registry),
                        name + " created before the registry"));
            }
            assertEquals(before, specs(swarm), "every service spec as before, field for field");
        }
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
