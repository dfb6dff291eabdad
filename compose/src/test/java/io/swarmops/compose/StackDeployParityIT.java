package io.swarmops.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.compose.StackDeployPlanner.ResolveImage;
import io.swarmops.ops.ConnectionOptions;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.engine.EngineGateway;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.SwarmObject;
import io.swarmops.ops.testing.DockerCli;
import io.swarmops.sandbox.TestSwarm;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * THE BAR of issue 3: every stack of the corpus is deployed once with the docker CLI 28 and once
 * with swarmops on a real swarm, and the Engine API specs of the services, networks, configs and
 * secrets must be equal field for field once the stack name and generated IDs are set aside. Then
 * swarmops redeploys over the docker-made stack: the services are updated in place and their specs
 * must not change.
 *
 * <p>The swarm: a one-node sandbox (prefix {@code cmp}), or {@code -Dswarmops.it.host=unix:///path/to/manager.sock}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StackDeployParityIT {
    private static final String DOCKER_STACK = "cmpdocker";
    private static final String SWARMOPS_STACK = "cmpswarmops";
    private static final Map<String, String> VARS = Map.of(
            "IMAGE_REPO", "swarmops/busybox", "REQUIRED_VAR", "x", "TTY_FLAG", "yes", "TARGET_PORT", "80",
            "PUBLISHED_PORT", "8088", "REPLICAS", "2", "EMPTY_VAR", "", "OVERRIDDEN", "", "BARE", "from-shell");

    private String host;
    private SwarmGateway gateway;
    private DockerCli docker;
    private TestSwarm sandbox;
    private final List<String> external = new ArrayList<>();

    @BeforeAll
    void connect() {
        String given = System.getProperty("swarmops.it.host", System.getenv("SWARMOPS_IT_HOST"));
        if (given == null) {
            sandbox = TestSwarm.start("cmp", 1, 1);
            given = sandbox.managerHost();
        }
        host = given;
        docker = DockerCli.against(host);
        gateway = EngineGateway.connect(ConnectionOptions.forHost(host));
        gateway.swarm();
        // what all-keys refers to as external
        docker.run(null, List.of("network", "create", "-d", "overlay", "cmp-outside"));
        docker.run("external config", List.of("config", "create", "cmp-ext-config", "-"));
        docker.run("external secret", List.of("secret", "create", "cmp-ext-secret", "-"));
        external.addAll(List.of("cmp-outside", "cmp-ext-config", "cmp-ext-secret"));
    }

    @AfterAll
    void cleanUp() {
        removeStack(DOCKER_STACK);
        removeStack(SWARMOPS_STACK);
        docker.run(null, List.of("network", "rm", "cmp-outside"));
        docker.run(null, List.of("config", "rm", "cmp-ext-config"));
        docker.run(null, List.of("secret", "rm", "cmp-ext-secret"));
        gateway.close();
        if (sandbox != null) {
            sandbox.close();
        }
    }

    /** Whatever a case did or failed to do, its stacks go, so that one failure is reported as one. */
    @AfterEach
    void removeStacks() {
        removeStack(DOCKER_STACK);
        removeStack(SWARMOPS_STACK);
    }

    static Stream<String> corpus() throws IOException, URISyntaxException {
        Path dir = corpusDir();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    static Path corpusDir() throws URISyntaxException {
        return Path.of(StackDeployParityIT.class.getResource("/corpus").toURI());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void swarmopsDeploysWhatDockerDeploys(String stack) throws Exception {
        List<Path> files = files(stack);
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(VARS);

        // nothing of an earlier case may be counted as this deploy's
        awaitGone(DOCKER_STACK);
        awaitGone(SWARMOPS_STACK);
        List<String> args = new ArrayList<>(List.of("stack", "deploy", "--resolve-image", "never"));
        files.forEach(f -> {
            args.add("-c");
            args.add(f.toString());
        });
        args.add(DOCKER_STACK);
        String out = docker.withEnv(VARS).ok(args);
        assertTrue(out.contains("Creating service"), out);
        Map<String, JsonNode> byDocker = capture(DOCKER_STACK);
        for (String k : byDocker.keySet()) {
            if (k.startsWith("network ")) {
                String name = k.substring("network ".length()).replace("STACK", DOCKER_STACK);
                assertTrue(out.contains("Creating network " + name) || !name.startsWith(DOCKER_STACK + "_"),
                        name + " is listed but docker did not create it: left from an earlier case? " + gateway.networks(Map.of()).stream()
                                .map(n -> n.name() + "@" + n.raw().path("Created").asText()).toList() + "\n" + out);
            }
        }

        // swarmops over docker's stack: the same comparison as the diff finds nothing to send
        List<String> lines = new ArrayList<>();
        deploy(files, env, DOCKER_STACK, lines);
        Map<String, JsonNode> redeployed = capture(DOCKER_STACK);
        assertSame(byDocker, redeployed, stack + " redeployed by swarmops over docker's deploy");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Service ") && l.contains(" unchanged ")), String.join("\n", lines));
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("Updating service")),
                "docker's deploy of the same files is seen as unchanged:\n" + String.join("\n", lines));
        removeStack(DOCKER_STACK);

        deploy(files, env, SWARMOPS_STACK, lines);
        Map<String, JsonNode> bySwarmops = capture(SWARMOPS_STACK);
        removeStack(SWARMOPS_STACK);
        assertSame(byDocker, bySwarmops, stack);
    }

    private static List<Path> files(String stack) throws URISyntaxException {
        Path dir = corpusDir().resolve(stack);
        List<Path> files = new ArrayList<>(List.of(dir.resolve("docker-compose.yml")));
        if (Files.exists(dir.resolve("override.yml"))) {
            files.add(dir.resolve("override.yml"));
        }
        return files;
    }

    /** Deploys with swarmops; {@code lines} gets what it printed, then the differences it found per service. */
    private void deploy(List<Path> files, Map<String, String> env, String name, List<String> lines) {
        ComposeProject project = ComposeLoader.load(files, env);
        StackSpecs specs = new StackConverter(name).convert(project.config());
        StackDeployPlan plan = StackDeployPlanner.plan(specs, StackState.read(gateway, name), false, ResolveImage.NEVER);
        new StackDeployer(gateway, null, ResolveImage.NEVER, lines::add, lines::add).execute(plan);
        for (StackDeployPlan.Step step : plan.steps()) {
            if (step instanceof StackDeployPlan.UpdateService u) {
                u.changes().forEach(c -> lines.add("  " + u.name() + " " + c));
            }
        }
    }

    private static void assertSame(Map<String, JsonNode> expected, Map<String, JsonNode> actual, String what) {
        assertEquals(expected.keySet(), actual.keySet(), what + ": objects");
        for (String k : expected.keySet()) {
            assertEquals(pretty(expected.get(k)), pretty(actual.get(k)), what + ": " + k);
        }
    }

    private static String pretty(JsonNode n) {
        try {
            return Json.PRETTY.writeValueAsString(Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(sorted(n))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode sorted(JsonNode n) {
        if (n.isObject()) {
            ObjectNode o = Json.object();
            new TreeMap<String, JsonNode>(toMap(n)).forEach((k, v) -> o.set(k, sorted(v)));
            for (String refs : List.of("Secrets", "Configs")) {
                if (o.path(refs).isArray()) {
                    // docker sorts references by name, and leaves two references to one object in no set order
                    List<JsonNode> items = new ArrayList<>();
                    o.path(refs).forEach(items::add);
                    items.sort(java.util.Comparator.comparing((JsonNode r) -> r.path("SecretName").asText() + r.path("ConfigName").asText())
                            .thenComparing(r -> r.path("File").path("Name").asText()));
                    ArrayNode a = Json.MAPPER.createArrayNode();
                    items.forEach(a::add);
                    o.set(refs, a);
                }
            }
            return o;
        }
        if (n.isArray()) {
            ArrayNode a = Json.MAPPER.createArrayNode();
            n.forEach(x -> a.add(sorted(x)));
            return a;
        }
        return n;
    }

    private static Map<String, JsonNode> toMap(JsonNode n) {
        Map<String, JsonNode> m = new HashMap<>();
        n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }

    /** Specs of the stack's objects, keyed "service STACK_x" etc., with names and IDs normalised. */
    private Map<String, JsonNode> capture(String stack) {
        Map<String, List<String>> label = Map.of("label", List.of(StackSpecs.NAMESPACE_LABEL + "=" + stack));
        Map<String, String> idToName = new HashMap<>();
        List<SwarmObject> networks = gateway.networks(Map.of());
        networks.forEach(n -> idToName.put(n.id(), n.name()));
        gateway.secrets(Map.of()).forEach(n -> idToName.put(n.id(), n.name()));
        gateway.configs(Map.of()).forEach(n -> idToName.put(n.id(), n.name()));
        Map<String, JsonNode> out = new TreeMap<>();
        for (Service s : gateway.services(label)) {
            out.put("service " + s.name(), s.spec());
        }
        for (SwarmObject n : gateway.networks(label)) {
            ObjectNode raw = n.raw().deepCopy();
            for (String f : List.of("Id", "Created", "Containers", "Peers", "Status")) {
                raw.remove(f);
            }
            // the VXLAN ID is allocated by the daemon, like an ID
            ((ObjectNode) raw.path("Options")).remove("com.docker.network.driver.overlay.vxlanid_list");
            if (!n.name().endsWith("appnet")) {
                // subnets the daemon picked: not part of what the compose file asked for
                ((ObjectNode) raw.path("IPAM")).remove("Config");
            }
            out.put("network " + n.name(), raw);
        }
        for (SwarmObject o : gateway.secrets(label)) {
            out.put("secret " + o.name(), o.spec());
        }
        for (SwarmObject o : gateway.configs(label)) {
            out.put("config " + o.name(), o.spec());
        }
        Map<String, JsonNode> normalised = new TreeMap<>();
        out.forEach((k, v) -> {
            String text = v.toString();
            for (Map.Entry<String, String> e : idToName.entrySet()) {
                text = text.replace("\"" + e.getKey() + "\"", "\"" + e.getValue() + "\"");
            }
            text = text.replace(stack, "STACK");
            try {
                normalised.put(k.replace(stack, "STACK"), Json.MAPPER.readTree(text));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        return normalised;
    }

    /**
     * {@code docker stack rm} until nothing of the stack is left: docker removes the services, then
     * the networks at once, and a network whose tasks are still stopping stays (docker says so and
     * does not try again), so it is asked again every few seconds.
     */
    private void removeStack(String stack) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (true) {
            docker.run(null, List.of("stack", "rm", stack));
            Instant again = Instant.now().plus(Duration.ofSeconds(5));
            while (Instant.now().isBefore(again)) {
                if (left(stack).isEmpty()) {
                    return;
                }
                sleep();
            }
            if (Instant.now().isAfter(deadline)) {
                fail("stack " + stack + " not removed within 90s: " + left(stack));
            }
        }
    }

    /** Waits until nothing labelled with the stack, and no network named after it, is left. */
    private void awaitGone(String stack) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (left(stack).isEmpty()) {
                return;
            }
            sleep();
        }
        fail("stack " + stack + " not removed within 90s: " + left(stack));
    }

    /** What is left of the stack: objects labelled with it, networks named after it. */
    private List<String> left(String stack) {
        Map<String, List<String>> label = Map.of("label", List.of(StackSpecs.NAMESPACE_LABEL + "=" + stack));
        List<String> left = new ArrayList<>();
        gateway.services(label).forEach(o -> left.add("service " + o.name()));
        gateway.networks(Map.of()).stream().filter(n -> n.name().startsWith(stack + "_") || stack.equals(n.stack()))
                .forEach(o -> left.add("network " + o.name()));
        gateway.secrets(label).forEach(o -> left.add("secret " + o.name()));
        gateway.configs(label).forEach(o -> left.add("config " + o.name()));
        return left;
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
