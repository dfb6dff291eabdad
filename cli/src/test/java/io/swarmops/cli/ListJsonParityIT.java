package io.swarmops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.model.Json;
import io.swarmops.sandbox.BusyboxImage;
import io.swarmops.sandbox.TestSwarm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --format json} of every list command equals docker 28's on the same swarm: the same
 * objects (one per line), the same keys, the same values, less the relative time in CurrentState
 * ("Running 3 seconds ago"), of which only the state is compared.
 */
class ListJsonParityIT {
    private static final String DOCKER = "/usr/local/bin/docker";
    static TestSwarm swarm;
    static String host;

    @BeforeAll
    static void up() throws Exception {
        swarm = TestSwarm.start("lsjson", 2, 1);
        host = swarm.managerHost();
        docker("service", "create", "-d", "--name", "web", "--replicas", "2", "-p", "8080:80",
                BusyboxImage.NAME, "sleep", "1d");
        Path compose = Files.createTempFile("lsjson", ".yml");
        try {
            Files.writeString(compose, "version: \"3.8\"\nservices:\n  app:\n    image: " + BusyboxImage.NAME
                    + "\n    command: sleep 1d\n    deploy:\n      mode: global\n");
            docker("stack", "deploy", "-c", compose.toString(), "demo");
        } finally {
            Files.deleteIfExists(compose);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (!docker("service", "ls", "--format", "{{.Replicas}}").lines().allMatch(r -> r.equals("2/2"))) {
            if (Instant.now().isAfter(deadline)) {
                fail("services did not converge: " + docker("service", "ls"));
            }
            Thread.sleep(250);
        }
    }

    @AfterAll
    static void down() {
        swarm.close();
    }

    @Test
    void nodeLs() {
        same("ID", "node", "ls");
    }

    @Test
    void nodePs() {
        same("ID", "node", "ps", "node1", "node2");
    }

    @Test
    void serviceLs() {
        same("ID", "service", "ls");
    }

    @Test
    void servicePs() {
        same("ID", "service", "ps", "web", "demo_app");
    }

    @Test
    void stackLs() {
        same("Name", "stack", "ls");
    }

    @Test
    void stackServices() {
        same("ID", "stack", "services", "demo");
    }

    @Test
    void stackPs() {
        same("ID", "stack", "ps", "demo");
    }

    /** Both commands' lines, by {@code key}, compared object by object. */
    private static void same(String key, String... args) {
        List<String> cmd = new ArrayList<>(List.of(args));
        cmd.addAll(List.of("--format", "json"));
        Map<String, JsonNode> theirs = byKey(docker(cmd.toArray(String[]::new)), key);
        CliRun ours = CliRun.against(host, cmd.toArray(String[]::new));
        assertEquals(0, ours.code(), ours.err());
        Map<String, JsonNode> mine = byKey(ours.out(), key);
        assertFalse(theirs.isEmpty(), "docker listed nothing for " + String.join(" ", args));
        assertEquals(theirs.keySet(), mine.keySet(), String.join(" ", args));
        theirs.forEach((k, d) -> {
            JsonNode s = mine.get(k);
            assertEquals(iterate(d.fieldNames()), iterate(s.fieldNames()), "keys of " + k + " (same order too)");
            assertEquals(comparable(d), comparable(s), String.join(" ", args) + " " + k);
        });
    }

    private static Map<String, JsonNode> byKey(String out, String key) {
        Map<String, JsonNode> m = new TreeMap<>();
        for (String line : out.lines().filter(l -> !l.isBlank()).toList()) {
            try {
                JsonNode n = Json.MAPPER.readTree(line);
                assertTrue(n.isObject(), line);
                m.put(n.path(key).asText(), n);
            } catch (IOException e) {
                fail("not one JSON object per line: " + line);
            }
        }
        return m;
    }

    /** "Running 3 seconds ago" → "Running": the time is when each command looked. */
    private static JsonNode comparable(JsonNode n) {
        ObjectNode o = n.deepCopy();
        if (o.has("CurrentState")) {
            o.put("CurrentState", o.get("CurrentState").asText().split(" ")[0]);
        }
        return o;
    }

    private static List<String> iterate(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    static String docker(String... args) {
        List<String> cmd = new ArrayList<>(List.of(DOCKER, "-H", host));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                fail("docker " + String.join(" ", args) + " failed: " + out + err);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
