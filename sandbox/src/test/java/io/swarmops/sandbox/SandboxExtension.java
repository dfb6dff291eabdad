package io.swarmops.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.SpecUpdates;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.Waits;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.SwarmObject;
import io.swarmops.ops.model.Task;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Hands an integration test class its sandbox swarm (sandbox module's test-jar):
 *
 * <pre>{@code
 * class FooIT {
 *     @RegisterExtension
 *     static final SandboxExtension sandbox = SandboxExtension.of("fooit", 3, 1).cleaningAfterEach();
 *
 *     @Test
 *     void something() {
 *         String id = sandbox.gateway().createService(SandboxExtension.sleeper("web", 2), null, w -> { });
 *         sandbox.awaitRunning(id, 2);
 *         CliRun r = CliRun.against(sandbox.host(), "service", "ls");
 *     }
 * }
 * }</pre>
 *
 * <ul>
 * <li>The swarm ({@code nodes} daemons, the first {@code managers} of them managers) starts once,
 * before the class's first test, under the class's prefix plus {@value TestSwarm#PREFIX_SUFFIX} (a
 * stale sandbox of that name, left by a crashed run, is removed first).
 * <li>{@link #gateway()} is one gateway to node1 shared by the class; {@link #host()} node1's
 * {@code -H} address; {@link #swarm()} the sandbox itself (power cuts, per-node gateways).
 * <li>With {@link #cleaningAfterEach()}, after each test, passed or failed: the services, secrets,
 * configs and swarm networks it made are removed, node availabilities put back, and the extension
 * waits until no task of the removed services runs. Without it, tests share what they make (ordered
 * tests that build on each other).
 * <li>When a test fails, the last lines of each node's dockerd log go to stderr (the logs go with
 * the sandbox).
 * <li>After the last test, and also when a test or the start failed, the gateway is closed and the
 * sandbox removed (no dockerd left running).
 * </ul>
 * The field must be static (one sandbox per class); its prefix must be unique among the ITs.
 */
public final class SandboxExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, TestWatcher {
    /** Generous for a loaded 2-core machine: a wait's deadline, never a timed assertion. */
    public static final Duration WAIT = Duration.ofSeconds(120);

    private final String prefix;
    private final int nodes;
    private final int managers;
    private boolean cleaning;
    private TestSwarm swarm;
    private SwarmGateway gateway;
    private Before before;

    /** What there was before a test, to tell what it made. */
    private record Before(Set<String> services, Set<String> secrets, Set<String> configs, Set<String> networks,
            Map<String, String> availability) {
    }

    private SandboxExtension(String prefix, int nodes, int managers) {
        this.prefix = prefix;
        this.nodes = nodes;
        this.managers = managers;
    }

    /** A sandbox of {@code nodes} nodes, {@code managers} of them managers, under {@code prefix} (+ the suffix). */
    public static SandboxExtension of(String prefix, int nodes, int managers) {
        return new SandboxExtension(prefix, nodes, managers);
    }

    /** After each test, removes what it made and puts node availabilities back. */
    public SandboxExtension cleaningAfterEach() {
        this.cleaning = true;
        return this;
    }

    public TestSwarm swarm() {
        return swarm;
    }

    /** The sandbox: its nodes' power, addresses and files. */
    public Sandbox sandbox() {
        return swarm.sandbox();
    }

    /** The {@code -H} address of node1 (a manager). */
    public String host() {
        return swarm.managerHost();
    }

    /** The class's gateway to node1: not to be closed by the test. */
    public SwarmGateway gateway() {
        return gateway;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        swarm = TestSwarm.start(prefix, nodes, managers);
        gateway = swarm.gateway();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (cleaning) {
            before = new Before(ids(gateway.services(Map.of()), s -> s.id()), ids(gateway.secrets(Map.of()), SwarmObject::id),
                    ids(gateway.configs(Map.of()), SwarmObject::id), ids(swarmNetworks(), SwarmObject::id), availabilities());
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!cleaning || before == null) {
            return;
        }
        Consumer<String> say = line -> System.err.println("[" + swarm.sandbox().layout().prefix() + "] clean-up: " + line);
        Set<String> removed = new HashSet<>();
        gateway.services(Map.of()).stream().filter(s -> !before.services().contains(s.id())).forEach(s -> {
            gateway.removeService(s.id());
            removed.add(s.id());
        });
        before.availability().forEach((id, availability) -> {
            if (!gateway.node(id).availability().equals(availability)) {
                SpecUpdates.updateNode(gateway, id, SpecUpdates.availability(availability), say);
            }
        });
        Waits.until("no task of the removed services to run", WAIT, say, () -> gateway.tasks(Map.of("desired-state", List.of("running")))
                .stream().noneMatch(t -> removed.contains(t.serviceId())));
        gateway.secrets(Map.of()).stream().filter(s -> !before.secrets().contains(s.id())).forEach(s -> gateway.removeSecret(s.id()));
        gateway.configs(Map.of()).stream().filter(c -> !before.configs().contains(c.id())).forEach(c -> gateway.removeConfig(c.id()));
        // a network goes once the tasks attached to it are gone, which the daemon learns a moment later
        // (a refused removal counts as "not yet" for the wait)
        Waits.until("the networks made to go", WAIT, say, () -> {
            swarmNetworks().stream().filter(n -> !before.networks().contains(n.id())).forEach(n -> gateway.removeNetwork(n.id()));
            return true;
        });
        before = null;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (swarm == null) {
            return;
        }
        SandboxLayout layout = swarm.sandbox().layout();
        for (int n = 1; n <= swarm.sandbox().nodeNames().size(); n++) {
            try {
                List<String> lines = Files.readAllLines(layout.log(n));
                System.err.println("---- node" + n + " dockerd log (last 30 lines)");
                lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach(System.err::println);
            } catch (Exception e) {
                System.err.println("no log of node" + n + ": " + e);
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (gateway != null) {
                gateway.close();
            }
        } finally {
            if (swarm != null) {
                swarm.close();
            }
        }
    }

    /** Waits (up to {@link #WAIT}) until exactly {@code count} tasks of the service are meant to run, and all run. */
    public void awaitRunning(String serviceId, int count) {
        awaitRunning(gateway, serviceId, count);
    }

    /** {@link #awaitRunning(String, int)} through another gateway. */
    public static void awaitRunning(SwarmGateway g, String serviceId, int count) {
        Waits.until(count + " running task(s) of " + serviceId, WAIT, s -> { }, () -> {
            List<Task> all = g.tasks(Map.of("service", List.of(serviceId), "desired-state", List.of("running")));
            return all.size() == count && all.stream().allMatch(Task::isRunning);
        });
    }

    /** A replicated service of busybox sleeping an hour: the tests' workload. */
    public static ObjectNode sleeper(String name, int replicas) {
        ObjectNode spec = Json.object();
        spec.put("Name", name);
        ObjectNode cs = spec.putObject("TaskTemplate").putObject("ContainerSpec");
        cs.put("Image", BusyboxImage.NAME);
        cs.putArray("Command").add("sleep").add("3600");
        spec.putObject("Mode").putObject("Replicated").put("Replicas", replicas);
        return spec;
    }

    private List<SwarmObject> swarmNetworks() {
        return gateway.networks(Map.of("scope", List.of("swarm")));
    }

    private Map<String, String> availabilities() {
        Map<String, String> out = new HashMap<>();
        for (Node n : gateway.nodes()) {
            out.put(n.id(), n.availability());
        }
        return out;
    }

    private static <T> Set<String> ids(List<T> objects, Function<T, String> id) {
        Set<String> out = new HashSet<>();
        objects.forEach(o -> out.add(id.apply(o)));
        return out;
    }
}
