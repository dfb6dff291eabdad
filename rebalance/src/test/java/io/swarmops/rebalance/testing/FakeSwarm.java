package io.swarmops.rebalance.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.SwarmOpsException.Kind;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.testing.Fixtures;
import io.swarmops.rebalance.SimulatedSwarm;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A {@link SimulatedSwarm} for tests: built node by node, it remembers the fewest running tasks each
 * service had between any two steps of the orchestrators, and can fail a chosen write, as a crash
 * or a lost daemon would.
 */
public class FakeSwarm extends SimulatedSwarm {
    private final Map<String, Integer> lowestRunning = new HashMap<>();
    private Predicate<String> failing = w -> false;
    private boolean once;
    /** What the first event stream delivers (null: no events, as in {@link io.swarmops.ops.memory.InMemorySwarm}). */
    private List<ObjectNode> events;
    private int streams;

    public FakeSwarm(long seed) {
        super(seed);
    }

    /** A ready, active worker with 2 CPUs and 2 GiB, ID {@code id-HOSTNAME}. */
    public FakeSwarm addNode(String hostname) {
        return addNode(hostname, n -> { });
    }

    public FakeSwarm addNode(String hostname, Consumer<ObjectNode> customize) {
        ObjectNode raw = Fixtures.node("id-" + hostname, hostname, null).raw().deepCopy();
        customize.accept(raw);
        nodes.put(raw);
        reconcileAll();
        return this;
    }

    /** Sets a node's availability behind the gateway's back, as an admin would. */
    public FakeSwarm availability(String hostname, String availability) {
        ObjectNode n = nodes.find(hostname);
        n.with("Spec").put("Availability", availability);
        bump(n);
        nodeChanged(n);
        return this;
    }

    /** Sets a node's state ("ready", "down", ...), as the dispatcher would. */
    public FakeSwarm nodeState(String hostname, String state) {
        ObjectNode n = nodes.find(hostname);
        n.with("Status").put("State", state);
        bump(n);
        return this;
    }

    /** Sets a service's UpdateStatus.State ("updating", "rollback_started", ...), as the updater would. */
    public FakeSwarm updateState(String serviceName, String state) {
        services.find(serviceName).putObject("UpdateStatus").put("State", state);
        return this;
    }

    /** A replicated service running a sleeper; returns its ID. */
    public String replicated(String name, int replicas) {
        return replicated(name, replicas, spec -> { });
    }

    public String replicated(String name, int replicas, Consumer<ObjectNode> customize) {
        ObjectNode spec = Json.object();
        spec.put("Name", name);
        spec.putObject("Labels");
        spec.putObject("TaskTemplate").putObject("ContainerSpec").put("Image", "swarmops/busybox:latest");
        spec.putObject("Mode").putObject("Replicated").put("Replicas", replicas);
        customize.accept(spec);
        return createService(spec, null, w -> { });
    }

    /** Makes the next write whose description matches fail (then writes go through again). */
    public FakeSwarm failOnce(Predicate<String> write) {
        this.failing = write;
        this.once = true;
        return this;
    }

    /** Makes every write whose description matches fail, until told otherwise. */
    public FakeSwarm failAlways(Predicate<String> write) {
        this.failing = write;
        this.once = false;
        return this;
    }

    /** The first event stream delivers {@code events}; every later one fails as a daemon gone does: a watch sees them, then ends. */
    public FakeSwarm nodeEventsThenGone(ObjectNode... events) {
        this.events = List.of(events);
        return this;
    }

    /** A node event as the daemon streams it: its action, time (epoch s), the node's name and attributes (name, value, ...). */
    public static ObjectNode nodeEvent(String action, long time, String name, String... attributes) {
        ObjectNode e = Json.object().put("Type", "node").put("Action", action).put("time", time);
        ObjectNode attrs = e.putObject("Actor").putObject("Attributes").put("name", name);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            attrs.put(attributes[i], attributes[i + 1]);
        }
        return e;
    }

    @Override
    public void events(Map<String, List<String>> filters, java.time.Duration timeout, Predicate<com.fasterxml.jackson.databind.JsonNode> sink) {
        if (events == null) {
            super.events(filters, timeout, sink);
            return;
        }
        if (streams++ > 0) {
            throw new SwarmOpsException(Kind.UNREACHABLE, "cannot connect to the Docker daemon");
        }
        events.forEach(sink::test);
    }

    @Override
    protected void write(String kind, String name, String change) {
        super.write(kind, name, change);
        String description = new Write(kind, name, change).toString();
        if (failing.test(description)) {
            if (once) {
                failing = w -> false;
            }
            throw new SwarmOpsException(Kind.UNREACHABLE, "injected failure at: " + description);
        }
    }

    @Override
    protected void observe() {
        for (ObjectNode s : services.values()) {
            String id = s.path("ID").asText();
            int running = (int) tasks.stream().filter(t -> running(t) && t.path("ServiceID").asText().equals(id)).count();
            lowestRunning.merge(id, running, Math::min);
        }
    }

    /** Running tasks per hostname, over every node (0 included). */
    public Map<String, Integer> runningPerNode() {
        Map<String, Integer> out = new TreeMap<>();
        nodes.values().forEach(n -> out.put(hostname(n), 0));
        for (ObjectNode t : tasks) {
            if (running(t)) {
                out.merge(hostname(nodes.get(t.path("NodeID").asText())), 1, Integer::sum);
            }
        }
        return out;
    }

    public Set<String> runningTaskIds() {
        return tasks.stream().filter(SimulatedSwarm::running).map(t -> t.path("ID").asText()).collect(Collectors.toSet());
    }

    /** Hostnames of the running tasks of a service, sorted. */
    public List<String> placement(String serviceName) {
        String id = services.find(serviceName).path("ID").asText();
        return tasks.stream().filter(t -> running(t) && t.path("ServiceID").asText().equals(id))
                .map(t -> hostname(nodes.get(t.path("NodeID").asText()))).sorted().toList();
    }

    /** The fewest running tasks the service had at any moment since it was created. */
    public int lowestRunning(String serviceName) {
        return lowestRunning.get(services.find(serviceName).path("ID").asText());
    }
}
