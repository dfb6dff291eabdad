package io.swarmops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.testing.DockerCli;
import io.swarmops.sandbox.BusyboxImage;
import io.swarmops.sandbox.SandboxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every list command prints what docker 28 prints on the same swarm, in its table and with
 * {@code --format json}. The table byte for byte, trailing blanks included, less the age in
 * CURRENT STATE ("Running 3 seconds ago": each command looks at its own time, and the age's length
 * moves the columns after it). JSON: the same objects (one per line), keys and values, less that
 * age. The swarm has a task history (web was updated, so its old tasks print indented), a global
 * service, and a stack service with a per-node limit.
 */
class ListParityIT {
    @RegisterExtension
    static final SandboxExtension sandbox = SandboxExtension.of("lsjson", 2, 1);
    static String host;
    static DockerCli docker;

    @BeforeAll
    static void up() throws Exception {
        host = sandbox.host();
        docker = DockerCli.against(host).stdoutOnly();
        docker.ok("service", "create", "-d", "--name", "web", "--replicas", "2", "-p", "8080:80",
                BusyboxImage.NAME, "sleep", "1d");
        Path compose = Files.createTempFile("lsjson", ".yml");
        try {
            Files.writeString(compose, "version: \"3.8\"\nservices:\n  app:\n    image: " + BusyboxImage.NAME
                    + "\n    command: sleep 1d\n    deploy:\n      mode: global\n"
                    + "  limited:\n    image: " + BusyboxImage.NAME + "\n    command: sleep 1d\n    ports: [\"8081:80\"]\n"
                    + "    deploy:\n      replicas: 1\n      placement:\n        max_replicas_per_node: 1\n");
            docker.ok("stack", "deploy", "-c", compose.toString(), "demo");
        } finally {
            Files.deleteIfExists(compose);
        }
        awaitConverged();
        // a history: web's first tasks stay as shut down predecessors of its new ones
        docker.ok("service", "update", "-d", "--force", "--update-parallelism", "2", "web");
        awaitConverged();
    }

    /** Every service running what it wants (REPLICAS n/n), and no task of web still starting or stopping. */
    private static void awaitConverged() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (!docker.ok("service", "ls", "--format", "{{.Replicas}}").lines().allMatch(ListParityIT::full)
                || !docker.ok("service", "ps", "--format", "{{.DesiredState}} {{.CurrentState}}", "web").lines()
                        .allMatch(l -> l.startsWith("Running Running") || l.startsWith("Shutdown Shutdown"))) {
            if (Instant.now().isAfter(deadline)) {
                fail("services did not converge: " + docker.ok("service", "ls") + docker.ok("service", "ps", "web"));
            }
            Thread.sleep(500);
        }
    }

    private static boolean full(String replicas) {
        String[] n = replicas.split(" ")[0].split("/");
        return n.length == 2 && n[0].equals(n[1]);
    }

    @Test
    void nodeLs() {
        sameJson("ID", "node", "ls");
        sameTable("node", "ls");
    }

    @Test
    void nodePs() {
        sameJson("ID", "node", "ps", "node1", "node2");
        // one node at a time: docker 28 lists the first node's tasks twice for "node ps node1 node2" (its
        // filter of node IDs grows from node to node, node/ps.go), which swarmops does not copy
        sameTable("node", "ps", "node1");
        sameTable("node", "ps", "node2");
    }

    @Test
    void serviceLs() {
        sameJson("ID", "service", "ls");
        sameTable("service", "ls");
    }

    @Test
    void servicePs() {
        sameJson("ID", "service", "ps", "web", "demo_app");
        sameTable("service", "ps", "web", "demo_app");
        sameTable("service", "ps", "--no-trunc", "web");
    }

    @Test
    void stackLs() {
        sameJson("Name", "stack", "ls");
        sameTable("stack", "ls");
    }

    @Test
    void stackServices() {
        sameJson("ID", "stack", "services", "demo");
        sameTable("stack", "services", "demo");
    }

    @Test
    void stackPs() {
        sameJson("ID", "stack", "ps", "demo");
        sameTable("stack", "ps", "demo");
    }

    @Test
    void quietListsInDockersOrder() {
        for (List<String> args : List.of(List.of("node", "ls", "-q"), List.of("service", "ls", "-q"), List.of("service", "ps", "-q", "web", "demo_app"),
                List.of("node", "ps", "-q", "node1"), List.of("stack", "services", "-q", "demo"), List.of("stack", "ps", "-q", "demo"))) {
            CliRun ours = CliRun.against(host, args.toArray(String[]::new));
            assertEquals(0, ours.code(), ours.err());
            assertEquals(docker.ok(args), ours.out(), String.join(" ", args));
        }
    }

    /** The default table: byte for byte but for the ages, and laid out by tabwriter's rule in both. */
    private static void sameTable(String... args) {
        String theirs = docker.ok(args);
        CliRun ours = CliRun.against(host, args);
        assertEquals(0, ours.code(), ours.err());
        String what = String.join(" ", args);
        if (!theirs.startsWith("ID ") || !theirs.contains("CURRENT STATE")) {
            assertEquals(theirs, ours.out(), what);
            return;
        }
        List<List<String>> dockers = cells(theirs, what + " (docker)");
        List<List<String>> mine = cells(ours.out(), what + " (swarmops)");
        assertEquals(withoutAges(dockers), withoutAges(mine), what);
        // the bytes before CURRENT STATE do not depend on an age: equal
        int at = theirs.indexOf("CURRENT STATE");
        assertEquals(theirs.lines().map(l -> l.substring(0, Math.min(at, l.length()))).toList(),
                ours.out().lines().map(l -> l.substring(0, Math.min(at, l.length()))).toList(), what);
    }

    /**
     * A table's cells, cut where its header's titles start (titles have single spaces, columns are
     * 3 or more apart); and the table must be exactly these cells as Go's tabwriter lays them out
     * (minimum width 10, padding 3, the last cell unpadded), so comparing cells loses nothing but the
     * ages' widths.
     */
    private static List<List<String>> cells(String table, String what) {
        List<String> lines = table.lines().toList();
        List<Integer> starts = new ArrayList<>();
        Matcher m = Pattern.compile("\\S+(?: \\S+)*").matcher(lines.get(0));
        while (m.find()) {
            starts.add(m.start());
        }
        List<List<String>> rows = new ArrayList<>();
        for (String l : lines) {
            List<String> row = new ArrayList<>();
            for (int i = 0; i < starts.size(); i++) {
                int from = Math.min(starts.get(i), l.length());
                int to = i + 1 < starts.size() ? Math.min(starts.get(i + 1), l.length()) : l.length();
                row.add(l.substring(from, to).stripTrailing());
            }
            rows.add(row);
        }
        int[] width = new int[starts.size()];
        for (List<String> r : rows) {
            for (int i = 0; i < r.size() - 1; i++) {
                width[i] = Math.max(width[i], Math.max(10, r.get(i).codePointCount(0, r.get(i).length()) + 3));
            }
        }
        StringBuilder laidOut = new StringBuilder();
        for (List<String> r : rows) {
            for (int i = 0; i < r.size(); i++) {
                laidOut.append(r.get(i));
                if (i < r.size() - 1) {
                    laidOut.append(" ".repeat(width[i] - r.get(i).codePointCount(0, r.get(i).length())));
                }
            }
            laidOut.append('\n');
        }
        assertEquals(laidOut.toString(), table, what + " is not tabwriter's layout of its cells");
        return rows;
    }

    private static final Pattern AGE = Pattern.compile("^(\\S+) .+ ago$");

    private static List<List<String>> withoutAges(List<List<String>> rows) {
        int state = rows.get(0).indexOf("CURRENT STATE");
        return rows.stream().map(r -> {
            List<String> c = new ArrayList<>(r);
            c.set(state, AGE.matcher(c.get(state)).replaceFirst("$1 (age)"));
            return c;
        }).toList();
    }

    /** Both commands' lines, by {@code key}, compared object by object. */
    private static void sameJson(String key, String... args) {
        List<String> cmd = new ArrayList<>(List.of(args));
        cmd.addAll(List.of("--format", "json"));
        Map<String, JsonNode> theirs = byKey(docker.ok(cmd), key);
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
}
