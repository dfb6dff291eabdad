package io.swarmops.cli.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.swarmops.cli.CliRun;
import io.swarmops.ops.model.EngineInfo;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Task;
import io.swarmops.ops.testing.TlsTestServer;
import io.swarmops.rebalance.RebalanceLock;
import io.swarmops.rebalance.testing.FakeSwarm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * image check and service update-images on an in-memory swarm, against a registry on loopback (https
 * with its CA in a certs.d, Basic auth): what is updated, what is left, what is said.
 */
class ServiceUpdateImagesTest {
    static final String OLD = "sha256:" + "a".repeat(64);
    static final String NEW = "sha256:" + "b".repeat(64);
    static final String DB = "sha256:" + "c".repeat(64);

    TlsTestServer server;
    String registry;
    final Map<String, String> tags = new HashMap<>();
    String password = "s3cret-pw";
    @TempDir
    Path config;
    Swarm swarm;

    /** FakeSwarm with a daemon's /info that has no insecure registry: TLS, verified. */
    static final class Swarm extends FakeSwarm {
        Swarm() {
            super(7);
        }

        @Override
        public EngineInfo info() {
            ObjectNode info = Json.object();
            info.putObject("RegistryConfig").putArray("InsecureRegistryCIDRs");
            return EngineInfo.from(info);
        }
    }

    @BeforeEach
    void start(@TempDir Path tls) throws Exception {
        server = TlsTestServer.start(tls);
        registry = server.address();
        server.handle("/v2/", this::answer);
        Files.writeString(config.resolve("config.json"), "{\"auths\":{\"" + registry + "\":{\"auth\":\""
                + Base64.getEncoder().encodeToString("alice:s3cret-pw".getBytes(StandardCharsets.UTF_8)) + "\"}}}");
        tags.put("app:1", NEW);
        tags.put("db:1", DB);
        swarm = new Swarm();
        swarm.addNode("node1").addNode("node2");
        swarm.replicated("web", 2, s -> image(s, registry + "/app:1@" + OLD));
        swarm.replicated("db", 1, s -> image(s, registry + "/db:1@" + DB));
        swarm.replicated("frozen", 1, s -> {
            image(s, registry + "/app:1@" + OLD);
            s.with("Labels").put(ImageSelection.LABEL, "false");
        });
    }

    private static void image(ObjectNode spec, String image) {
        spec.with("TaskTemplate").with("ContainerSpec").put("Image", image);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void answer(HttpExchange x) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString(("alice:" + password).getBytes(StandardCharsets.UTF_8));
        String path = x.getRequestURI().getPath().replaceFirst("^/v2/", "").replace("/manifests/", ":");
        if (!expected.equals(x.getRequestHeaders().getFirst("Authorization"))) {
            x.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"Registry\"");
            x.sendResponseHeaders(401, -1);
        } else if (tags.containsKey(path)) {
            x.getResponseHeaders().add("Docker-Content-Digest", tags.get(path));
            x.sendResponseHeaders(200, -1);
        } else {
            x.sendResponseHeaders(404, -1);
        }
        x.close();
    }

    private CliRun run(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--docker-config";
        all[args.length + 1] = config.toString();
        all[args.length + 2] = "--certs-dir";
        all[args.length + 3] = server.certsDir().toString();
        return CliRun.run(swarm, all);
    }

    private Set<String> taskIds(String service) {
        return swarm.tasks(Map.of("service", List.of(service), "desired-state", List.of("running"))).stream().map(Task::id)
                .collect(Collectors.toSet());
    }

    private String imageOf(String service) {
        return swarm.service(service).image();
    }

    @Test
    void anUpdateMovesTheOutdatedServiceAndNothingElse(@TempDir Path dir) throws Exception {
        Set<String> db = taskIds("db");
        Set<String> frozen = taskIds("frozen");
        Path metrics = dir.resolve("images.prom");
        CliRun r = run("service", "update-images", "--yes", "--metrics-file", metrics.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(registry + "/app:1@" + NEW, imageOf("web"));
        assertEquals("rollback", swarm.service("web").spec().path("UpdateConfig").path("FailureAction").asText());
        assertEquals(registry + "/db:1@" + DB, imageOf("db"));
        assertEquals(registry + "/app:1@" + OLD, imageOf("frozen"), "opted out");
        assertEquals(db, taskIds("db"));
        assertEquals(frozen, taskIds("frozen"));
        assertTrue(r.out().lines().anyMatch(l -> l.matches("web +" + registry + "/app:1 +sha256:aaaaaaaaaaaa +sha256:bbbbbbbbbbbb +updated.*")),
                r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("frozen .* skipped +opted out: io.swarmops.update-images=false")), r.out());
        assertTrue(r.err().contains("update-images: 1 unchanged, 1 updated, 1 skipped"), r.err());
        assertFalse(r.out().contains("s3cret") || r.err().contains("s3cret"));
        String text = Files.readString(metrics);
        assertTrue(text.contains("swarmops_update_images_checked 2\n"), text);
        assertTrue(text.contains("swarmops_update_images_updated 1\n"), text);
        assertTrue(text.contains("swarmops_update_images_failed 0\n"), text);
        assertTrue(swarm.configs(Map.of()).stream().noneMatch(c -> c.name().equals(RebalanceLock.IMAGE_UPDATES)), "the lock released");
    }

    @Test
    void aServiceKeepsItsFailureActionWhenTold() {
        swarm.replicated("api", 1, s -> {
            image(s, registry + "/app:1@" + OLD);
            s.putObject("UpdateConfig").put("FailureAction", "pause").put("Parallelism", 2);
        });
        assertEquals(0, run("service", "update-images", "--yes", "--keep-failure-action", "api").code());
        assertEquals(registry + "/app:1@" + NEW, imageOf("api"));
        JsonNode uc = swarm.service("api").spec().path("UpdateConfig");
        assertEquals("pause", uc.path("FailureAction").asText());
        assertEquals(2, uc.path("Parallelism").asInt());
        assertEquals(registry + "/app:1@" + OLD, imageOf("web"), "only the service named");
    }

    @Test
    void dryRunIsTheExecutorOnACopyAndChangesNothing() {
        int writes = swarm.writes().size();
        Set<String> web = taskIds("web");
        CliRun r = run("service", "update-images", "--dry-run");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("  service web: image " + registry + "/app:1@" + NEW + "\n"), r.out());
        assertTrue(r.out().contains("predicted: 1 unchanged, 1 updated, 1 skipped; nothing changed"), r.out());
        assertEquals(writes, swarm.writes().size());
        assertEquals(registry + "/app:1@" + OLD, imageOf("web"));
        assertEquals(web, taskIds("web"));
    }

    @Test
    void wrongCredentialsAreOneLineAndChangeNothing() {
        password = "other";
        int writes = swarm.writes().size();
        CliRun r = run("service", "update-images", "--yes");
        assertEquals(1, r.code());
        assertEquals("registry " + registry + " refused the credentials of user alice for db (401); credentials were looked for in "
                + config.resolve("config.json") + "\n"
                + "registry " + registry + " refused the credentials of user alice for app (401); credentials were looked for in "
                + config.resolve("config.json") + "\n", r.err(), "one line per image, in service order (db, then web)");
        assertEquals("", r.out());
        assertEquals(writes, swarm.writes().size());
    }

    @Test
    void nothingMovedIsQuiet() {
        tags.put("app:1", OLD);
        CliRun r = run("service", "update-images", "--yes");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals("", r.err());
    }

    @Test
    void maxDefersTheRestAndLabelEnableTakesOnlyTheOptedIn() {
        swarm.replicated("api", 1, s -> {
            image(s, registry + "/app:1@" + OLD);
            s.with("Labels").put(ImageSelection.LABEL, "true");
        });
        CliRun limited = run("service", "update-images", "--dry-run", "--max", "1");
        assertTrue(limited.out().lines().anyMatch(l -> l.matches("web .* deferred +over --max 1: the next run takes it")), limited.out());
        CliRun optedIn = run("service", "update-images", "--yes", "--label-enable");
        assertEquals(0, optedIn.code(), optedIn.err());
        assertEquals(registry + "/app:1@" + NEW, imageOf("api"));
        assertEquals(registry + "/app:1@" + OLD, imageOf("web"), "not opted in");
    }

    @Test
    void excludeLeavesAServiceAlone() {
        CliRun r = run("service", "update-images", "--yes", "--exclude", "web");
        assertEquals(0, r.code(), r.err());
        assertEquals(registry + "/app:1@" + OLD, imageOf("web"));
    }

    @Test
    void aRunningUpdateRunHoldsTheLock() {
        swarm.createConfig(Json.object().put("Name", RebalanceLock.IMAGE_UPDATES).put("Data", "")
                .set("Labels", Json.object().put("io.swarmops.owner", "other/1").put("io.swarmops.started",
                        String.valueOf(java.time.Instant.now().getEpochSecond()))));
        CliRun r = run("service", "update-images", "--yes");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: another image update is running (other/1, since "), r.err());
        assertEquals(registry + "/app:1@" + OLD, imageOf("web"));
    }

    @Test
    void watchRunsAgainEveryIntervalUntilInterrupted() throws Exception {
        CliRun[] result = new CliRun[1];
        Thread watch = new Thread(() -> result[0] = run("service", "update-images", "--watch", "--yes", "--interval", "1s", "web"));
        watch.start();
        try {
            awaitImage("web", registry + "/app:1@" + NEW);
            String third = "sha256:" + "d".repeat(64);
            tags.put("app:1", third);
            awaitImage("web", registry + "/app:1@" + third);
        } finally {
            watch.interrupt();
            watch.join(30_000);
        }
        assertFalse(watch.isAlive());
        assertEquals(1, result[0].code(), "interrupted: the watch ends");
        assertTrue(result[0].err().startsWith("checking image tags every 1s\n"), result[0].err());
    }

    /** Polls the in-memory swarm the watch writes from its own thread (a read mid-write is read again). */
    private void awaitImage(String service, String image) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        String seen = "";
        while (!seen.equals(image)) {
            assertTrue(System.nanoTime() < deadline, service + " still runs " + seen + ", not " + image);
            Thread.sleep(50);
            try {
                seen = imageOf(service);
            } catch (RuntimeException midWrite) {
                seen = "";
            }
        }
    }

    @Test
    void watchActsUnattendedOnlyWithYes() {
        CliRun r = run("service", "update-images", "--watch");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--watch acts unattended: pass --yes"), r.err());
    }

    @Test
    void imageCheckReportsAndChangesNothing() throws Exception {
        int writes = swarm.writes().size();
        CliRun r = run("image", "check", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode all = Json.MAPPER.readTree(r.out());
        assertEquals(3, all.size());
        assertEquals("db", all.get(0).path("Service").asText());
        assertEquals("unchanged", all.get(0).path("Status").asText());
        assertEquals("outdated", all.get(2).path("Status").asText());
        assertEquals(NEW, all.get(2).path("Registry").asText());
        assertEquals(OLD, all.get(2).path("Running").asText());
        assertEquals(writes, swarm.writes().size());
        tags.remove("db:1");
        CliRun missing = run("image", "check", "db");
        assertEquals(1, missing.code());
        assertEquals("registry " + registry + " has no db:1 (404)\n", missing.err());
    }
}
