package io.swarmops.rebalance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.DockerEndpoint;
import io.swarmops.ops.RegistryAuth;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.SwarmOpsException.Kind;
import io.swarmops.ops.model.ClusterSnapshot;
import io.swarmops.ops.model.EngineInfo;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.SwarmInfo;
import io.swarmops.ops.model.SwarmObject;
import io.swarmops.ops.model.Task;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A swarm in memory, behind the gateway, that places and removes tasks as swarmkit does
 * (SWARM-FACTS.md): the scheduler's filters ({@link PlacementFilter}: ready and active, constraints,
 * platform, max replicas per node, reservations), its spread over placement preferences and its
 * ranking (fewest tasks of the service, then fewest tasks, then a seeded coin for ties), new tasks
 * placed together as one group ({@link TaskGroupScheduler}); the replicated orchestrator's scale-down (highest per-node index first, equal indexes in
 * random order); updates replacing the tasks whose spec changed, or only those on nodes a changed
 * placement no longer allows, stop-first or start-first; drain replacing a node's tasks; global
 * services on every node that takes tasks. Changes converge at once. Configs keep names unique.
 *
 * <p>{@code rebalance --dry-run} runs the real executor against one, started from a snapshot of the
 * cluster, and prints the writes it was asked for; tests build one node by node. It does what a
 * rebalance needs and refuses the rest (networks, secrets, logs, events) as INVALID.
 */
public class SimulatedSwarm implements SwarmGateway {
    private final Random coin;
    protected final Map<String, ObjectNode> nodes = new LinkedHashMap<>();
    protected final Map<String, ObjectNode> services = new LinkedHashMap<>();
    protected final List<ObjectNode> tasks = new ArrayList<>();
    private final Map<String, ObjectNode> configs = new LinkedHashMap<>();
    private final List<String> writes = new ArrayList<>();
    private long index = 100;
    private int seq;

    /** An empty swarm, ties broken by a coin with this seed. */
    public SimulatedSwarm(long seed) {
        this.coin = new Random(seed);
    }

    /**
     * The swarm a snapshot shows. Its tasks are taken as up to date with their service's spec (a
     * rebalance does not start while an update runs), so only what the simulation changes is dirty.
     */
    public static SimulatedSwarm of(ClusterSnapshot snapshot, long seed) {
        SimulatedSwarm s = new SimulatedSwarm(seed);
        snapshot.nodes().forEach(n -> s.nodes.put(n.id(), n.raw().deepCopy()));
        snapshot.services().forEach(v -> s.services.put(v.id(), v.raw().deepCopy()));
        for (Task t : snapshot.tasks()) {
            ObjectNode raw = t.raw().deepCopy();
            ObjectNode service = s.services.get(t.serviceId());
            if (service != null) {
                raw.set("Spec", service.path("Spec").path("TaskTemplate").deepCopy());
            }
            s.tasks.add(raw);
        }
        return s;
    }

    /** Every write asked for, in order: "node node2: availability pause", "service web: replicas 4", ... */
    public List<String> writes() {
        return List.copyOf(writes);
    }

    // ---- the gateway -----------------------------------------------------------------------------

    @Override
    public List<Node> nodes() {
        return nodes.values().stream().map(Node::from).toList();
    }

    @Override
    public Node node(String reference) {
        return Node.from(nodeRaw(reference));
    }

    @Override
    public void updateNode(String id, long version, ObjectNode spec) {
        ObjectNode n = nodeRaw(id);
        checkVersion(n, version, "node " + id);
        write("node " + hostname(n) + ": availability " + spec.path("Availability").asText());
        n.set("Spec", spec.deepCopy());
        bump(n);
        nodeChanged(n);
    }

    @Override
    public List<Service> services(Map<String, List<String>> filters) {
        return services.values().stream().map(Service::from)
                .filter(s -> !filters.containsKey("name") || filters.get("name").contains(s.name())).toList();
    }

    @Override
    public Service service(String reference) {
        return Service.from(serviceRaw(reference));
    }

    @Override
    public String createService(ObjectNode spec, RegistryAuth auth, Consumer<String> warnings) {
        String id = "svc" + (++seq);
        write("service " + spec.path("Name").asText() + ": create");
        ObjectNode s = Json.object();
        s.put("ID", id);
        s.putObject("Version").put("Index", ++index);
        s.set("Spec", spec.deepCopy());
        services.put(id, s);
        reconcile(s, false);
        return id;
    }

    @Override
    public void updateService(String id, long version, ObjectNode spec, RegistryAuth auth, boolean rollback, Consumer<String> warnings) {
        ObjectNode s = serviceRaw(id);
        checkVersion(s, version, "service " + id);
        ObjectNode before = (ObjectNode) s.get("Spec");
        write("service " + before.path("Name").asText() + ": " + describe(before, spec));
        s.set("PreviousSpec", before);
        s.set("Spec", spec.deepCopy());
        bump(s);
        reconcile(s, true);
    }

    @Override
    public void removeService(String id) {
        ObjectNode s = serviceRaw(id);
        write("service " + s.path("Spec").path("Name").asText() + ": rm");
        services.remove(s.path("ID").asText());
        tasks.removeIf(t -> t.path("ServiceID").asText().equals(s.path("ID").asText()));
    }

    @Override
    public List<Task> tasks(Map<String, List<String>> filters) {
        List<Task> out = new ArrayList<>();
        for (ObjectNode t : tasks) {
            if (filters.containsKey("service")) {
                ObjectNode s = services.get(t.path("ServiceID").asText());
                if (s == null || filters.get("service").stream().noneMatch(
                        f -> f.equals(s.path("ID").asText()) || f.equals(s.path("Spec").path("Name").asText()))) {
                    continue;
                }
            }
            if (filters.containsKey("node")) {
                ObjectNode n = nodes.get(t.path("NodeID").asText());
                if (n == null || filters.get("node").stream().noneMatch(f -> f.equals(n.path("ID").asText()) || f.equals(hostname(n)))) {
                    continue;
                }
            }
            if (filters.containsKey("desired-state") && !filters.get("desired-state").contains(t.path("DesiredState").asText())) {
                continue;
            }
            out.add(Task.from(t));
        }
        return out;
    }

    @Override
    public List<SwarmObject> configs(Map<String, List<String>> filters) {
        return configs.values().stream().map(SwarmObject::from)
                .filter(c -> !filters.containsKey("name") || filters.get("name").contains(c.name())).toList();
    }

    @Override
    public SwarmObject config(String reference) {
        return SwarmObject.from(configRaw(reference));
    }

    @Override
    public String createConfig(ObjectNode spec) {
        String name = spec.path("Name").asText();
        write("config " + name + ": create");
        if (configs.values().stream().anyMatch(c -> c.path("Spec").path("Name").asText().equals(name))) {
            throw new SwarmOpsException(Kind.CONFLICT, "rpc error: code = AlreadyExists desc = config " + name + " already exists");
        }
        String id = "cfg" + (++seq);
        ObjectNode c = Json.object();
        c.put("ID", id);
        c.putObject("Version").put("Index", ++index);
        c.set("Spec", spec.deepCopy());
        configs.put(id, c);
        return id;
    }

    @Override
    public void updateConfig(String id, long version, ObjectNode spec) {
        ObjectNode c = configRaw(id);
        checkVersion(c, version, "config " + id);
        write("config " + c.path("Spec").path("Name").asText() + ": update");
        c.set("Spec", spec.deepCopy());
        bump(c);
    }

    @Override
    public void removeConfig(String id) {
        ObjectNode c = configRaw(id);
        write("config " + c.path("Spec").path("Name").asText() + ": rm");
        configs.remove(c.path("ID").asText());
    }

    // ---- swarmkit, as far as a rebalance meets it -------------------------------------------------

    protected void reconcileAll() {
        for (ObjectNode s : List.copyOf(services.values())) {
            reconcile(s, false);
        }
    }

    /** The orchestrators' work after a change: replace dirty tasks (an update), then scale, or cover every node (global). */
    private void reconcile(ObjectNode s, boolean update) {
        String id = s.path("ID").asText();
        ObjectNode spec = (ObjectNode) s.get("Spec");
        if (spec.path("Mode").has("Global")) {
            for (ObjectNode n : nodes.values()) {
                boolean has = live(id).stream().anyMatch(t -> t.path("NodeID").asText().equals(n.path("ID").asText()));
                if (!has && PlacementFilter.ofSpec(spec).refusal(Node.from(n), usage(id).get(n.path("ID").asText())) == null) {
                    start(s, n, 0);
                }
            }
            observe();
            return;
        }
        if (update) {
            boolean startFirst = "start-first".equals(spec.path("UpdateConfig").path("Order").asText());
            boolean replaced = false;
            for (ObjectNode t : live(id)) {
                if (!dirty(spec, t)) {
                    continue;
                }
                replaced = true;
                int slot = t.path("Slot").asInt();
                if (startFirst) {
                    ObjectNode fresh = startGroup(s, List.of(slot)).get(0);
                    observe();
                    if (running(fresh)) {
                        stop(t, "shutdown");
                    }
                } else {
                    stop(t, "shutdown");
                    observe();
                    startGroup(s, List.of(slot));
                }
                observe();
            }
            if (replaced) {
                s.putObject("UpdateStatus").put("State", "completed").put("Message", "update completed");
            }
            for (ObjectNode t : live(id)) {
                t.set("Spec", spec.path("TaskTemplate").deepCopy());
            }
        }
        long replicas = spec.path("Mode").path("Replicated").path("Replicas").asLong(1);
        List<ObjectNode> live = live(id);
        List<Integer> slots = new ArrayList<>();
        for (int slot = 1; live.size() + slots.size() < replicas; slot++) {
            final int sl = slot;
            if (live.stream().noneMatch(t -> t.path("Slot").asInt() == sl)) {
                slots.add(slot);
            }
        }
        live.addAll(startGroup(s, slots)); // the orchestrator creates them together: the scheduler places them as one group
        if (live.size() > replicas) {
            scaleDown(live, (int) replicas);
        }
        observe();
    }

    /** replicated/services.go: running first, each task numbered among its service's on its node, lowest numbers kept. */
    private void scaleDown(List<ObjectNode> live, int keep) {
        List<ObjectNode> order = new ArrayList<>(live);
        Collections.shuffle(order, coin); // sort.Sort is not stable: equal numbers come in no set order
        order.sort(Comparator.comparing(t -> !running(t)));
        Map<String, Integer> perNode = new HashMap<>();
        Map<ObjectNode, Integer> number = new HashMap<>();
        for (ObjectNode t : order) {
            number.put(t, perNode.merge(t.path("NodeID").asText(), 1, Integer::sum));
        }
        order.sort(Comparator.comparing(number::get));
        order.subList(keep, order.size()).forEach(t -> stop(t, "remove"));
    }

    /** A task is dirty when its spec differs beyond the placement, or the placement changed and its node no longer fits. */
    private boolean dirty(ObjectNode serviceSpec, ObjectNode t) {
        ObjectNode want = serviceSpec.path("TaskTemplate").deepCopy();
        ObjectNode has = t.path("Spec").deepCopy();
        JsonNode wantPlacement = want.remove("Placement");
        JsonNode hasPlacement = has.remove("Placement");
        if (!want.equals(has)) {
            return true;
        }
        if (java.util.Objects.equals(wantPlacement, hasPlacement)) {
            return false;
        }
        if (wantPlacement == null) {
            // what dockerd 20.10 does here: a nil pointer, the manager crashes (moby/moby#37883)
            throw new IllegalStateException("Placement removed after a placement-only change: dockerd 20.10 crashes here");
        }
        return !constraintsAllow(wantPlacement, nodes.get(t.path("NodeID").asText()));
    }

    /** New tasks of a service in these slots, placed as swarmkit places one task group ({@link TaskGroupScheduler}). */
    private List<ObjectNode> startGroup(ObjectNode s, List<Integer> slots) {
        String serviceId = s.path("ID").asText();
        List<String> placed = new ArrayList<>();
        new TaskGroupScheduler(nodes.values().stream().map(Node::from).toList(), PlacementFilter.ofSpec(s.path("Spec")), usage(serviceId), coin)
                .place(slots.size(), placed::add);
        List<ObjectNode> out = new ArrayList<>();
        for (int k = 0; k < slots.size(); k++) {
            out.add(start(s, k < placed.size() ? nodes.get(placed.get(k)) : null, slots.get(k)));
        }
        return out;
    }

    /** A new task on this node, or pending (no node: "no suitable node"). */
    private ObjectNode start(ObjectNode s, ObjectNode node, int slot) {
        String serviceId = s.path("ID").asText();
        ObjectNode spec = (ObjectNode) s.get("Spec");
        ObjectNode t = Json.object();
        t.put("ID", "task" + (++seq));
        t.putObject("Version").put("Index", ++index);
        t.put("ServiceID", serviceId);
        t.put("NodeID", node == null ? "" : node.path("ID").asText());
        t.put("Slot", slot);
        t.put("DesiredState", "running");
        t.putObject("Status").put("State", node == null ? "pending" : "running").put("Timestamp", "2026-11-24T06:00:00Z")
                .put("Message", node == null ? "no suitable node" : "started");
        t.set("Spec", spec.path("TaskTemplate").deepCopy());
        tasks.add(t);
        return t;
    }

    /** Each node's usage as the scheduler counts it, the tasks of one service apart; reservations from each task's own spec. */
    private Map<String, NodeUsage> usage(String serviceId) {
        Map<String, long[]> acc = new LinkedHashMap<>();
        for (ObjectNode n : nodes.values()) {
            JsonNode has = n.path("Description").path("Resources");
            acc.put(n.path("ID").asText(), new long[] {0, 0, has.path("NanoCPUs").asLong(), has.path("MemoryBytes").asLong()});
        }
        for (ObjectNode t : tasks) {
            long[] a = acc.get(t.path("NodeID").asText());
            if (a == null || !Task.from(t).countsAsActive()) {
                continue;
            }
            a[1]++;
            if (t.path("ServiceID").asText().equals(serviceId)) {
                a[0]++;
            }
            JsonNode r = t.path("Spec").path("Resources").path("Reservations");
            a[2] -= r.path("NanoCPUs").asLong(0);
            a[3] -= r.path("MemoryBytes").asLong(0);
        }
        Map<String, NodeUsage> out = new HashMap<>();
        acc.forEach((id, a) -> out.put(id, new NodeUsage((int) a[0], (int) a[1], a[2], a[3])));
        return out;
    }

    private static boolean constraintsAllow(JsonNode placement, ObjectNode n) {
        ObjectNode template = Json.object();
        template.set("Placement", placement);
        ObjectNode spec = Json.object();
        spec.set("TaskTemplate", template);
        // the updater asks the constraints only (orchestrator/update: a placement-only change replaces the tasks they no longer allow)
        return PlacementConstraint.all(PlacementFilter.ofSpec(spec).constraints(), Node.from(n));
    }

    protected void nodeChanged(ObjectNode n) {
        if ("drain".equals(n.path("Spec").path("Availability").asText())) {
            for (ObjectNode t : List.copyOf(tasks)) {
                if (t.path("NodeID").asText().equals(n.path("ID").asText()) && desired(t)) {
                    stop(t, "shutdown");
                }
            }
        }
        reconcileAll();
    }

    private void stop(ObjectNode t, String desiredState) {
        t.put("DesiredState", desiredState);
        t.with("Status").put("State", "shutdown");
        bump(t);
    }

    /** Called after every step of the orchestrators (a task started or stopped), for observers. */
    protected void observe() {
    }

    private List<ObjectNode> live(String serviceId) {
        return tasks.stream().filter(t -> desired(t) && t.path("ServiceID").asText().equals(serviceId))
                .collect(Collectors.toCollection(ArrayList::new));
    }

    private static boolean desired(ObjectNode t) {
        return "running".equals(t.path("DesiredState").asText());
    }

    protected static boolean running(ObjectNode t) {
        return desired(t) && "running".equals(t.path("Status").path("State").asText());
    }

    protected static String hostname(ObjectNode n) {
        return n.path("Description").path("Hostname").asText();
    }

    protected ObjectNode nodeRaw(String reference) {
        for (ObjectNode n : nodes.values()) {
            if (n.path("ID").asText().equals(reference) || hostname(n).equals(reference)) {
                return n;
            }
        }
        throw SwarmOpsException.notFound("node", reference);
    }

    protected ObjectNode serviceRaw(String reference) {
        for (ObjectNode s : services.values()) {
            if (s.path("ID").asText().equals(reference) || s.path("Spec").path("Name").asText().equals(reference)) {
                return s;
            }
        }
        throw SwarmOpsException.notFound("service", reference);
    }

    private ObjectNode configRaw(String reference) {
        for (ObjectNode c : configs.values()) {
            if (c.path("ID").asText().equals(reference) || c.path("Spec").path("Name").asText().equals(reference)) {
                return c;
            }
        }
        throw SwarmOpsException.notFound("config", reference);
    }

    private static void checkVersion(ObjectNode o, long version, String what) {
        if (o.path("Version").path("Index").asLong() != version) {
            throw new SwarmOpsException(Kind.CONFLICT, "update out of sequence: " + what);
        }
    }

    protected void bump(ObjectNode o) {
        o.with("Version").put("Index", ++index);
    }

    /** Records a write before it takes effect; a subclass may refuse it, as a lost daemon would. */
    protected void write(String description) {
        writes.add(description);
    }

    /** What an update changes, for the write log: replicas, placement, or "spec". */
    private static String describe(ObjectNode before, ObjectNode after) {
        long r0 = before.path("Mode").path("Replicated").path("Replicas").asLong(-1);
        long r1 = after.path("Mode").path("Replicated").path("Replicas").asLong(-1);
        if (r0 != r1) {
            return "replicas " + r1;
        }
        if (!before.path("TaskTemplate").path("Placement").equals(after.path("TaskTemplate").path("Placement"))) {
            List<String> constraints = new ArrayList<>();
            after.path("TaskTemplate").path("Placement").path("Constraints").forEach(c -> constraints.add(c.asText()));
            return "constraints " + constraints + ", update order " + after.path("UpdateConfig").path("Order").asText("stop-first");
        }
        if (before.path("TaskTemplate").path("ForceUpdate").asLong() != after.path("TaskTemplate").path("ForceUpdate").asLong()) {
            return "force-update";
        }
        String image = after.path("TaskTemplate").path("ContainerSpec").path("Image").asText();
        if (!before.path("TaskTemplate").path("ContainerSpec").path("Image").asText().equals(image)) {
            return "image " + image;
        }
        return "spec";
    }

    // ---- not simulated ---------------------------------------------------------------------------

    private static SwarmOpsException notSimulated(String what) {
        return new SwarmOpsException(Kind.INVALID, "a simulated swarm does not " + what);
    }

    @Override
    public DockerEndpoint endpoint() {
        return DockerEndpoint.plain("simulation", "simulated swarm");
    }

    @Override
    public EngineInfo info() {
        throw notSimulated("answer /info");
    }

    @Override
    public JsonNode version() {
        throw notSimulated("answer /version");
    }

    @Override
    public SwarmInfo swarm() {
        throw notSimulated("answer /swarm");
    }

    @Override
    public String swarmInit(ObjectNode request) {
        throw notSimulated("init");
    }

    @Override
    public void swarmJoin(ObjectNode request) {
        throw notSimulated("join");
    }

    @Override
    public void swarmLeave(boolean force) {
        throw notSimulated("leave");
    }

    @Override
    public void swarmUpdate(long version, ObjectNode spec, boolean rotateWorkerToken, boolean rotateManagerToken) {
        throw notSimulated("update the swarm");
    }

    @Override
    public String unlockKey() {
        throw notSimulated("keep an unlock key");
    }

    @Override
    public void removeNode(String id, boolean force) {
        throw notSimulated("remove nodes");
    }

    @Override
    public void serviceLogs(String id, boolean follow, String tail, boolean timestamps, Consumer<LogLine> out) {
        throw notSimulated("keep logs");
    }

    @Override
    public List<SwarmObject> networks(Map<String, List<String>> filters) {
        throw notSimulated("keep networks");
    }

    @Override
    public SwarmObject network(String reference) {
        throw notSimulated("keep networks");
    }

    @Override
    public String createNetwork(ObjectNode request) {
        throw notSimulated("keep networks");
    }

    @Override
    public void removeNetwork(String id) {
        throw notSimulated("keep networks");
    }

    @Override
    public List<SwarmObject> secrets(Map<String, List<String>> filters) {
        throw notSimulated("keep secrets");
    }

    @Override
    public SwarmObject secret(String reference) {
        throw notSimulated("keep secrets");
    }

    @Override
    public String createSecret(ObjectNode spec) {
        throw notSimulated("keep secrets");
    }

    @Override
    public void updateSecret(String id, long version, ObjectNode spec) {
        throw notSimulated("keep secrets");
    }

    @Override
    public void removeSecret(String id) {
        throw notSimulated("keep secrets");
    }

    @Override
    public void importImage(InputStream rootfsTar, String repo, String tag) {
        throw notSimulated("keep images");
    }

    @Override
    public JsonNode distribution(String image, RegistryAuth auth) {
        throw notSimulated("reach a registry");
    }

    @Override
    public void events(Map<String, List<String>> filters, Duration timeout, Predicate<JsonNode> sink) {
        throw notSimulated("stream events");
    }

    @Override
    public void close() {
    }
}
