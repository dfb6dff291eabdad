package io.swarmops.cli.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.swarmops.cli.CliRun;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import io.swarmops.ops.registry.ImageName;
import io.swarmops.ops.registry.InsecureRegistries;
import io.swarmops.ops.registry.RegistryClient;
import io.swarmops.ops.testing.DockerCli;
import io.swarmops.ops.RegistryAuth;
import io.swarmops.sandbox.BusyboxImage;
import io.swarmops.sandbox.TestSwarm;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Image updates against a real private registry: Debian's docker-registry (distribution v2) on the
 * sandbox bridge's host address, TLS with a CA made here (the nodes' dockerd trust it through
 * {@code /etc/docker/certs.d/ADDR:PORT/}, swarmops through {@code --certs-dir}), htpasswd auth.
 * Images are built and pushed with the docker 28 client; the tests run in order over one registry
 * and one tag, {@code REGISTRY/app:1}, that moves.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImageUpdatesIT {
    static TestSwarm swarm;
    static String host;
    static Path dir;
    static Process registryProcess;
    static String registry;
    static Path hostCertsDir;
    /** Whether this test made /etc/docker/certs.d itself (then it removes it, once empty). */
    static boolean madeCertsRoot;
    static Path goodConfig;
    static Path wrongConfig;
    static Path certsDir;
    static String firstDigest;

    @BeforeAll
    static void up() throws Exception {
        swarm = TestSwarm.start("img", 2, 1);
        host = swarm.managerHost();
        dir = Files.createTempDirectory("swarmops-image-it");
        try {
            startRegistry();
            docker(goodConfig).okWithInput("FROM " + BusyboxImage.NAME + "\nLABEL v=1\n", List.of("build", "-q", "-t", registry + "/app:1", "-"));
            docker(goodConfig).ok("push", "-q", registry + "/app:1");
            docker(goodConfig).ok("service", "create", "-d", "--with-registry-auth", "--name", "app", "--replicas", "2",
                    "--update-monitor", "3s", "--update-delay", "0s", "--stop-grace-period", "1s", registry + "/app:1", "sleep", "3600");
            // its image is only on the nodes (imported, no registry has it): opted out
            docker(goodConfig).ok("service", "create", "-d", "--no-resolve-image", "--name", "bystander", "--replicas", "2",
                    "--label", ImageSelection.LABEL + "=false",
                    BusyboxImage.NAME, "sleep", "3600");
            awaitRunning("app", 2);
            awaitRunning("bystander", 2);
            firstDigest = digestOf(serviceImage("app"));
        } catch (Exception | AssertionError e) {
            down();
            throw e;
        }
    }

    /** A CA, a server certificate for the bridge address, an htpasswd, the registry, and docker's two configs. */
    private static void startRegistry() throws Exception {
        String addr = swarm.sandbox().layout().bridgeAddress();
        int port;
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(addr, 0));
            port = s.getLocalPort();
        }
        registry = addr + ":" + port;
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2",
                "-subj", "/CN=swarmops test CA", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=" + addr);
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:" + addr + "\n");
        run(dir, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.crt", "-days", "2", "-extfile", "san.ext");
        Files.writeString(dir.resolve("htpasswd"), "alice:" + BCrypt.withDefaults().hashToString(5, "s3cret-pw".toCharArray()) + "\n");
        Files.writeString(dir.resolve("config.yml"), """
                version: 0.1
                log:
                  level: error
                storage:
                  filesystem:
                    rootdirectory: %1$s/data
                http:
                  addr: %2$s
                  tls:
                    certificate: %1$s/server.crt
                    key: %1$s/server.key
                auth:
                  htpasswd:
                    realm: swarmops-test
                    path: %1$s/htpasswd
                """.formatted(dir, registry));
        madeCertsRoot = !Files.exists(Path.of("/etc/docker/certs.d"));
        hostCertsDir = Path.of("/etc/docker/certs.d", registry);
        Files.createDirectories(hostCertsDir);
        Files.copy(dir.resolve("ca.crt"), hostCertsDir.resolve("ca.crt"));
        certsDir = dir.resolve("certs.d");
        Files.createDirectories(certsDir.resolve(registry));
        Files.copy(dir.resolve("ca.crt"), certsDir.resolve(registry).resolve("ca.crt"));
        goodConfig = dockerConfig("good", "alice:s3cret-pw");
        wrongConfig = dockerConfig("wrong", "alice:not-the-password");
        registryProcess = new ProcessBuilder("/usr/bin/docker-registry", "serve", dir.resolve("config.yml").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(addr, port), 1000);
                return;
            } catch (IOException notYet) {
                if (!registryProcess.isAlive() || System.nanoTime() > deadline) {
                    fail("the registry did not start: " + Files.readString(dir.resolve("registry.log")));
                }
                Thread.sleep(100);
            }
        }
    }

    private static Path dockerConfig(String name, String userPassword) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        Files.writeString(d.resolve("config.json"), "{\"auths\":{\"" + registry + "\":{\"auth\":\""
                + Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8)) + "\"}}}");
        return d;
    }

    @AfterAll
    static void down() {
        if (registryProcess != null) {
            registryProcess.destroy();
        }
        if (hostCertsDir != null) {
            deleteTree(hostCertsDir);
            if (madeCertsRoot) {
                hostCertsDir.getParent().toFile().delete(); // only when empty
            }
        }
        if (swarm != null) {
            swarm.close();
        }
        if (dir != null) {
            deleteTree(dir);
        }
    }

    @Test
    @Order(1)
    void imageCheckSaysTheTagMovedAndDryRunChangesNothing() throws Exception {
        push("LABEL v=2");
        String second = registryDigest();
        Map<String, Set<String>> before = tasksByService();
        Service app = service("app");
        CliRun check = swarmops(goodConfig, "image", "check", "--filter", "name=app", "--format", "json");
        assertEquals(0, check.code(), check.err());
        com.fasterxml.jackson.databind.JsonNode report = io.swarmops.ops.model.Json.MAPPER.readTree(check.out());
        assertEquals(1, report.size(), "the daemon's filter: only app");
        assertEquals(second, report.get(0).path("Registry").asText());
        assertEquals(firstDigest, report.get(0).path("Running").asText());
        assertEquals("outdated", report.get(0).path("Status").asText());
        CliRun dry = swarmops(goodConfig, "service", "update-images", "--dry-run");
        assertEquals(0, dry.code(), dry.err());
        assertTrue(dry.out().contains("  service app: image " + registry + "/app:1@" + second + "\n"), dry.out());
        assertFalse(dry.out().contains("service bystander: image"), dry.out());
        assertTrue(dry.out().lines().anyMatch(l -> l.matches("bystander .* skipped +opted out: " + ImageSelection.LABEL + "=false")),
                dry.out());
        assertEquals(app.version(), service("app").version(), "nothing written");
        assertEquals(before, tasksByService());
    }

    @Test
    @Order(2)
    void wrongCredentialsAreOneClearLineAndChangeNothing() {
        Service app = service("app");
        CliRun r = swarmops(wrongConfig, "service", "update-images", "--yes");
        assertEquals(1, r.code());
        assertEquals("registry " + registry + " refused the credentials of user alice for app (401); credentials were looked for in "
                + wrongConfig.resolve("config.json") + "\n", r.err());
        assertEquals("", r.out());
        assertFalse(r.err().contains("not-the-password"));
        assertEquals(app.version(), service("app").version());
    }

    @Test
    @Order(3)
    void anUpdateMovesTheServiceToTheNewDigestAndNoOtherTask() throws Exception {
        String second = registryDigest();
        Map<String, Set<String>> before = tasksByService();
        CliRun r = swarmops(goodConfig, "service", "update-images", "--yes");
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals(registry + "/app:1@" + second, serviceImage("app"));
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("app ") && l.contains(" updated")), r.out());
        assertEquals(before.get("bystander"), tasksByService().get("bystander"), "no task of another service restarted");
        List<Task> running = tasks("app");
        assertEquals(2, running.size());
        assertTrue(running.stream().allMatch(t -> t.raw().at("/Spec/ContainerSpec/Image").asText().endsWith("@" + second)), running.toString());
        assertTrue(running.stream().noneMatch(t -> before.get("app").contains(t.id())), "the app's tasks replaced");
        assertEquals("rollback", service("app").spec().at("/UpdateConfig/FailureAction").asText());
        CliRun again = swarmops(goodConfig, "service", "update-images", "--yes");
        assertEquals(0, again.code(), again.err());
        assertEquals("", again.out() + again.err(), "nothing moved: quiet");
    }

    @Test
    @Order(4)
    void aFailingNewImageRollsBackAndIsReportedFailed() throws Exception {
        String good = serviceImage("app");
        push("ENTRYPOINT [\"/bin/false\"]");
        Map<String, Set<String>> before = tasksByService();
        CliRun r = swarmops(goodConfig, "service", "update-images", "--yes", "--timeout", "3m");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("app ") && l.contains(" failed ") && l.contains("rolled back")), r.out());
        assertEquals(good, serviceImage("app"), "the spec is the one before the update again");
        assertEquals(before.get("bystander"), tasksByService().get("bystander"));
    }

    @Test
    @Order(5)
    void stackDeployPinsTheDigestDocker28Pins() throws Exception {
        Path compose = dir.resolve("stack.yml");
        Files.writeString(compose, "version: \"3.8\"\nservices:\n  web:\n    image: " + registry + "/app:1\n    command: sleep 3600\n");
        docker(goodConfig).ok("stack", "deploy", "--with-registry-auth", "--resolve-image", "always", "-c", compose.toString(), "bydocker");
        String byDocker = serviceImage("bydocker_web");
        String home = System.getProperty("user.home");
        CliRun r;
        try {
            // RegistryCredentials reads $HOME/.docker/config.json when DOCKER_CONFIG is not set
            System.setProperty("user.home", dir.resolve("home").toString());
            Files.createDirectories(dir.resolve("home"));
            Files.createDirectories(dir.resolve("home/.docker"));
            Files.copy(goodConfig.resolve("config.json"), dir.resolve("home/.docker/config.json"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            r = swarmops(null, "stack", "deploy", "--with-registry-auth", "--resolve-image", "always", "-c", compose.toString(), "byswarmops");
        } finally {
            System.setProperty("user.home", home);
        }
        assertEquals(0, r.code(), r.err());
        assertEquals(registry + "/app:1@" + registryDigest(), byDocker, "docker pins the tag's digest now");
        assertEquals(byDocker, serviceImage("byswarmops_web"), "swarmops pins what docker pins: " + r.err());
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** Builds FROM the sandbox's busybox with one more instruction and pushes it as app:1. */
    private static void push(String instruction) {
        docker(goodConfig).okWithInput("FROM " + BusyboxImage.NAME + "\n" + instruction + "\n", List.of("build", "-q", "-t", registry + "/app:1", "-"));
        docker(goodConfig).ok("push", "-q", registry + "/app:1");
    }

    /** What the registry says app:1 is now, through swarmops' client (loopback rules do not apply: verified TLS). */
    private static String registryDigest() {
        return new RegistryClient(certsDir, new InsecureRegistries(List.of(), Set.of()), Duration.ofSeconds(30))
                .resolve(ImageName.parse(registry + "/app:1"), new RegistryAuth(registry, "alice", "s3cret-pw", ""), "test").digest();
    }

    private static CliRun swarmops(Path dockerConfig, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (dockerConfig != null) {
            all.addAll(List.of("--docker-config", dockerConfig.toString(), "--certs-dir", certsDir.toString()));
        }
        return CliRun.against(host, all.toArray(String[]::new));
    }

    private static Service service(String name) {
        try (SwarmGateway g = swarm.gateway()) {
            return g.service(name);
        }
    }

    private static String serviceImage(String name) {
        return service(name).image();
    }

    private static String digestOf(String image) {
        return image.substring(image.indexOf('@') + 1);
    }

    private static List<Task> tasks(String service) {
        try (SwarmGateway g = swarm.gateway()) {
            return g.tasks(Map.of("service", List.of(service), "desired-state", List.of("running"))).stream()
                    .filter(t -> "running".equals(t.state())).toList();
        }
    }

    /** Every service's running task IDs: a restarted task has a new ID. */
    private static Map<String, Set<String>> tasksByService() {
        try (SwarmGateway g = swarm.gateway()) {
            Map<String, String> names = g.services(Map.of()).stream().collect(Collectors.toMap(Service::id, Service::name));
            return g.tasks(Map.of("desired-state", List.of("running"))).stream()
                    .collect(Collectors.groupingBy(t -> names.getOrDefault(t.serviceId(), t.serviceId()),
                            Collectors.mapping(Task::id, Collectors.toSet())));
        }
    }

    private static void awaitRunning(String service, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (tasks(service).size() < n) {
            if (System.nanoTime() > deadline) {
                fail("service " + service + ": " + tasks(service).size() + "/" + n + " running after 2 min");
            }
            Thread.sleep(250);
        }
    }

    /** The docker 28 client against the manager, with this config directory (its registry logins) and the classic builder. */
    private static DockerCli docker(Path config) {
        return DockerCli.against(host).withEnv(Map.of("DOCKER_CONFIG", config.toString(), "DOCKER_BUILDKIT", "0"));
    }

    private static void run(Path in, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(in.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            fail(String.join(" ", cmd) + " failed: " + out);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // nothing left to remove
        }
    }
}
