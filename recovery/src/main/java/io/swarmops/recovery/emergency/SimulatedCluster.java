package io.swarmops.recovery.emergency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.DockerEndpoint;
import io.swarmops.ops.RegistryAuth;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.SwarmOpsException.Kind;
import io.swarmops.ops.model.EngineInfo;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.SwarmInfo;
import io.swarmops.ops.model.SwarmObject;
import io.swarmops.ops.model.Task;
import io.swarmops.recovery.power.Machine;
import io.swarmops.recovery.power.PowerSwitch;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A swarm in memory for the emergency procedures: nodes with roles, readiness and a leader,
 * services whose tasks run at once on ready nodes, networks, configs and secrets, and machines that
 * power off and on. Every write is recorded ("demote node2", "power off node3", "create service
 * registry_registry") and takes effect at once. {@code emergency ... --dry-run} runs the real
 * executor over one copied from the live cluster (or, while the cluster is off, from the state
 * file), then prints {@link #writes()}; tests run the executor over one built node by node.
 */
public final class SimulatedCluster implements SwarmGateway {
    private final Map<String, ObjectNode> nodes = new LinkedHashMap<>();
    private final Map<String, ObjectNode> services = new LinkedHashMap<>();
    private final List<ObjectNode> tasks = new ArrayList<>();
    private final Map<String, ObjectNode> networks = new LinkedHashMap<>();
    private final Map<String, ObjectNode> configs = new LinkedHashMap<>();
    private final Map<String, ObjectNode> secrets = new LinkedHashMap<>();
    private final List<String> writes = new ArrayList<>();
    private final Instant epoch = Instant.parse("2026-01-01T00:00:00Z");
    private String self;
    private long index = 1000;
    private int seq;

    /** An empty swarm; add nodes with {@link #addNode}, the first manager added is the one talked to. */
    public SimulatedCluster() {
    }

    /** A copy of the live cluster the gateway talks to (reads only). */
    public static SimulatedCluster of(SwarmGateway live) {
        SimulatedCluster c = new SimulatedCluster();
        c.self = live.info().nodeId();
        live.nodes().forEach(n -> c.nodes.put(n.id(), n.raw().deepCopy()));
        live.services(Map.of()).forEach(s -> c.services.put(s.id(), s.raw().deepCopy()));
        live.tasks(Map.of()).forEach(t -> c.tasks.add(t.raw().deepCopy()));
        live.networks(Map.of()).forEach(n -> c.networks.put(n.id(), n.raw().deepCopy()));
        live.configs(Map.of()).forEach(o -> c.configs.put(o.id(), o.raw().deepCopy()));
        live.secrets(Map.of()).forEach(o -> c.secrets.put(o.id(), o.raw().deepCopy()));
        return c;
    }

    /**
     * The cluster as a finished shutdown leaves it, from its state file: every machine off, the kept
     * manager the only manager, no services; networks, configs and secrets as saved (they stay).
     */
    public static SimulatedCluster poweredOff(EmergencyState state) {
        SimulatedCluster c = new SimulatedCluster();
        c.self = state.keptManager().id();
        Map<String, JsonNode> specs = new LinkedHashMap<>();
        state.workload().nodes().forEach(n -> specs.put(n.path("Hostname").asText(), n.path("Spec")));
        for (SavedNode n : state.nodes()) {
            ObjectNode spec = specs.containsKey(n.hostname()) ? (ObjectNode) specs.get(n.hostname()).deepCopy() : Json.object();
            boolean manager = n.id().equals(state.keptManager().id());
            spec.put("Role", manager ? "manager" : "worker");
            c.putNode(n.id(), n.hostname(), n.addr(), spec, false, false);
        }
        state.workload().networks().forEach(n -> c.addNetwork(((ObjectNode) n).deepCopy()));
        state.workload().configs().forEach(o -> c.createObject(c.configs, "config", ((ObjectNode) o).deepCopy()));
        state.workload().secrets().forEach(o -> c.createObject(c.secrets, "secret", ((ObjectNode) o).deepCopy()));
        c.writes.clear();
        return c;
    }

    /** Adds a ready, active node; the first manager added is the daemon this gateway talks to. */
    public SimulatedCluster addNode(String id, String hostname, boolean manager) {
        ObjectNode spec = Json.object().put("Role", manager ? "manager" : "worker").put("Availability", "active");
        spec.putObject("Labels");
        putNode(id, hostname, "10.0.0." + (nodes.size() + 1), spec, true, manager && nodes.values().stream().noneMatch(this::leader));
        if (manager && self == null) {
            self = id;
        }
        return this;
    }

    private void putNode(String id, String hostname, String addr, ObjectNode spec, boolean ready, boolean leader) {
        ObjectNode n = Json.object();
        n.put("ID", id);
        n.putObject("Version").put("Index", ++index);
        n.put("CreatedAt", epoch.toString());
        n.set("Spec", spec);
        n.putObject("Description").put("Hostname", hostname);
        n.putObject("Status").put("State", ready ? "ready" : "down").put("Addr", addr);
        nodes.put(id, n);
        setManagerStatus(n, leader);
    }

    /** Every write asked for, in order. */
    public List<String> writes() {
        return List.copyOf(writes);
    }

    /** The machines of this cluster, powered by the power switch of the dry run or the test. */
    public PowerSwitch power() {
        return new PowerSwitch() {
            @Override
            public void off(Machine m) {
                synchronized (SimulatedCluster.this) {
                    ObjectNode n = raw(m.id());
                    writes.add("power off " + m.hostname());
                    ((ObjectNode) n.get("Status")).put("State", "down");
                    setManagerStatus(n, false);
                    tasks.stream().filter(t -> m.id().equals(t.path("NodeID").asText()))
                            .forEach(t -> ((ObjectNode) t.with("Status")).put("State", "shutdown"));
                }
            }

            @Override
            public void on(Machine m) {
                synchronized (SimulatedCluster.this) {
                    ObjectNode n = raw(m.id());
                    writes.add("power on " + m.hostname());
                    ((ObjectNode) n.get("Status")).put("State", "ready");
                    setManagerStatus(n, nodes.values().stream().noneMatch(SimulatedCluster.this::leader));
                }
            }
        };
    }

    /** Answers once every service of the registry stacks runs a task, as a registry would. */
    public RegistryProbe probe(List<String> registryStacks) {
        return new RegistryProbe() {
            @Override
            public boolean answers() {
                synchronized (SimulatedCluster.this) {
                    List<ObjectNode> registry = services.values().stream()
                            .filter(s -> registryStacks.contains(RebootRunbook.stackOf(s.path("Spec")))).toList();
                    return !registry.isEmpty() && registry.stream().allMatch(s -> tasks.stream()
                            .anyMatch(t -> t.path("ServiceID").asText().equals(s.path("ID").asText())
                                    && "running".equals(t.at("/Status/State").asText())));
                }
            }

            @Override
            public String describe() {
                return "the registry (simulated)";
            }
        };
    }

    private ObjectNode raw(String nodeId) {
        ObjectNode n = nodes.get(nodeId);
        if (n == null) {
            throw SwarmOpsException.notFound("node", nodeId);
        }
        return n;
    }

    private boolean leader(ObjectNode n) {
        return n.at("/ManagerStatus/Leader").asBoolean(false);
    }

    private boolean ready(ObjectNode n) {
        return "ready".equals(n.at("/Status/State").asText());
    }

    private void setManagerStatus(ObjectNode n, boolean leader) {
        if (!"manager".equals(n.at("/Spec/Role").asText())) {
            n.remove("ManagerStatus");
            return;
        }
        ObjectNode ms = n.putObject("ManagerStatus");
        ms.put("Leader", leader && ready(n));
        ms.put("Reachability", ready(n) ? "reachable" : "unreachable");
        ms.put("Addr", n.at("/Status/Addr").asText() + ":2377");
    }

    // ---- the daemon talked to ------------------------------------------------------------------

    private void answering() {
        ObjectNode me = nodes.get(self);
        if (me == null || !ready(me)) {
            throw new SwarmOpsException(Kind.UNREACHABLE, "cannot connect to the daemon (simulated: its machine is off)");
        }
    }

    /** A manager's call: the daemon answers, is a manager, and a majority of managers is reachable. */
    private void managerCall() {
        answering();
        if (!"manager".equals(nodes.get(self).at("/Spec/Role").asText())) {
            throw new SwarmOpsException(Kind.NOT_A_MANAGER, "this node is not a swarm manager");
        }
        long managers = nodes.values().stream().filter(n -> "manager".equals(n.at("/Spec/Role").asText())).count();
        long reachable = nodes.values().stream().filter(n -> "manager".equals(n.at("/Spec/Role").asText()) && ready(n)).count();
        if (reachable * 2 <= managers) {
            throw new SwarmOpsException(Kind.NO_LEADER, "the swarm does not have a leader (" + reachable + " of " + managers + " managers)");
        }
    }

    @Override
    public DockerEndpoint endpoint() {
        return DockerEndpoint.plain("simulated://dry-run", "simulation");
    }

    @Override
    public synchronized EngineInfo info() {
        answering();
        ObjectNode info = Json.object().put("Name", nodes.get(self).at("/Description/Hostname").asText());
        info.putObject("Swarm").put("NodeID", self).put("LocalNodeState", "active")
                .put("ControlAvailable", "manager".equals(nodes.get(self).at("/Spec/Role").asText()));
        return EngineInfo.from(info);
    }

    @Override
    public JsonNode version() {
        return refused("version");
    }

    @Override
    public SwarmInfo swarm() {
        return refused("swarm");
    }

    @Override
    public String swarmInit(ObjectNode request) {
        return refused("swarm init");
    }

    @Override
    public void swarmJoin(ObjectNode request) {
        refused("swarm join");
    }

    @Override
    public void swarmLeave(boolean force) {
        refused("swarm leave");
    }

    @Override
    public void swarmUpdate(long version, ObjectNode spec, boolean rotateWorkerToken, boolean rotateManagerToken) {
        refused("swarm update");
    }

    @Override
    public String unlockKey() {
        return refused("unlock key");
    }

    // ---- nodes ---------------------------------------------------------------------------------

    @Override
    public synchronized List<Node> nodes() {
        managerCall();
        return nodes.values().stream().map(Node::from).toList();
    }

    @Override
    public synchronized Node node(String reference) {
        managerCall();
        return Node.from(find(nodes, reference, n -> n.at("/Description/Hostname").asText(), "node"));
    }

    @Override
    public synchronized void updateNode(String id, long version, ObjectNode spec) {
        managerCall();
        ObjectNode n = raw(id);
        if (n.at("/Version/Index").asLong() != version) {
            throw new SwarmOpsException(Kind.CONFLICT, "update out of sequence");
        }
        String host = n.at("/Description/Hostname").asText();
        String before = n.at("/Spec/Role").asText();
        String after = spec.path("Role").asText(before);
        writes.add(before.equals(after) ? "update node " + host + " (labels, availability)"
                : ("manager".equals(after) ? "promote " : "demote ") + host);
        n.set("Spec", spec.deepCopy());
        ((ObjectNode) n.get("Version")).put("Index", ++index);
        if (!before.equals(after)) {
            setManagerStatus(n, false);
        }
    }

    @Override
    public void removeNode(String id, boolean force) {
        refused("node rm");
    }

    // ---- services and tasks --------------------------------------------------------------------

    @Override
    public synchronized List<Service> services(Map<String, List<String>> filters) {
        managerCall();
        List<String> names = filters.getOrDefault("name", List.of());
        if (!filters.keySet().stream().allMatch("name"::equals)) {
            refused("service filters " + filters.keySet());
        }
        return services.values().stream().filter(s -> names.isEmpty() || names.contains(s.at("/Spec/Name").asText()))
                .map(Service::from).toList();
    }

    @Override
    public synchronized Service service(String reference) {
        managerCall();
        return Service.from(find(services, reference, s -> s.at("/Spec/Name").asText(), "service"));
    }

    @Override
    public synchronized String createService(ObjectNode spec, RegistryAuth auth, Consumer<String> warnings) {
        managerCall();
        String name = spec.path("Name").asText();
        if (services.values().stream().anyMatch(s -> s.at("/Spec/Name").asText().equals(name))) {
            throw new SwarmOpsException(Kind.CONFLICT, "service " + name + " already exists");
        }
        String id = "svc" + (++seq);
        ObjectNode s = Json.object();
        s.put("ID", id);
        s.putObject("Version").put("Index", ++index);
        s.put("CreatedAt", epoch.plusSeconds(seq).toString());
        s.put("UpdatedAt", epoch.plusSeconds(seq).toString());
        s.set("Spec", spec.deepCopy());
        services.put(id, s);
        writes.add("create service " + name);
        schedule(s);
        return id;
    }

    /** Tasks run at once: replicas over the ready, active nodes in turn; a global service on each of them. */
    private void schedule(ObjectNode service) {
        List<ObjectNode> eligible = nodes.values().stream().filter(n -> ready(n) && "active".equals(n.at("/Spec/Availability").asText("active")))
                .toList();
        JsonNode mode = service.at("/Spec/Mode");
        int count = mode.has("Global") ? eligible.size() : mode.has("Replicated") ? mode.at("/Replicated/Replicas").asInt(1)
                : mode.isMissingNode() || mode.isEmpty() ? 1 : 0;
        for (int i = 0; i < count; i++) {
            ObjectNode t = Json.object();
            t.put("ID", "task" + (++seq));
            t.put("ServiceID", service.path("ID").asText());
            t.put("Slot", i + 1);
            t.put("DesiredState", "running");
            if (eligible.isEmpty()) {
                t.putObject("Status").put("State", "pending");
            } else {
                t.put("NodeID", eligible.get(i % eligible.size()).path("ID").asText());
                t.putObject("Status").put("State", "running");
            }
            tasks.add(t);
        }
    }

    @Override
    public void updateService(String id, long version, ObjectNode spec, RegistryAuth auth, boolean rollback, Consumer<String> warnings) {
        refused("service update");
    }

    @Override
    public synchronized void removeService(String id) {
        managerCall();
        ObjectNode s = services.remove(id);
        if (s == null) {
            throw SwarmOpsException.notFound("service", id);
        }
        tasks.removeIf(t -> t.path("ServiceID").asText().equals(id));
        writes.add("remove service " + s.at("/Spec/Name").asText());
    }

    @Override
    public synchronized List<Task> tasks(Map<String, List<String>> filters) {
        managerCall();
        Predicate<ObjectNode> keep = t -> true;
        for (Map.Entry<String, List<String>> f : filters.entrySet()) {
            String field = switch (f.getKey()) {
                case "service" -> "/ServiceID";
                case "node" -> "/NodeID";
                case "desired-state" -> "/DesiredState";
                default -> refused("task filter " + f.getKey());
            };
            keep = keep.and(t -> f.getValue().contains(t.at(field).asText()));
        }
        return tasks.stream().filter(keep).map(Task::from).toList();
    }

    @Override
    public void serviceLogs(String id, boolean follow, String tail, boolean timestamps, Consumer<LogLine> out) {
        refused("service logs");
    }

    // ---- networks, configs, secrets ------------------------------------------------------------

    @Override
    public synchronized List<SwarmObject> networks(Map<String, List<String>> filters) {
        managerCall();
        return networks.values().stream().map(SwarmObject::from).toList();
    }

    @Override
    public synchronized SwarmObject network(String reference) {
        managerCall();
        return SwarmObject.from(find(networks, reference, n -> n.path("Name").asText(), "network"));
    }

    @Override
    public synchronized String createNetwork(ObjectNode request) {
        managerCall();
        return addNetwork(request);
    }

    private String addNetwork(ObjectNode request) {
        ObjectNode n = request.deepCopy();
        n.put("Id", "net" + (++seq));
        n.put("Created", epoch.plusSeconds(seq).toString());
        networks.put(n.path("Id").asText(), n);
        writes.add("create network " + n.path("Name").asText());
        return n.path("Id").asText();
    }

    @Override
    public void removeNetwork(String id) {
        refused("network rm");
    }

    @Override
    public synchronized List<SwarmObject> configs(Map<String, List<String>> filters) {
        managerCall();
        return configs.values().stream().map(SwarmObject::from).toList();
    }

    @Override
    public synchronized SwarmObject config(String reference) {
        managerCall();
        return SwarmObject.from(find(configs, reference, c -> c.at("/Spec/Name").asText(), "config"));
    }

    @Override
    public synchronized String createConfig(ObjectNode spec) {
        managerCall();
        return createObject(configs, "config", spec);
    }

    @Override
    public void updateConfig(String id, long version, ObjectNode spec) {
        refused("config update");
    }

    @Override
    public void removeConfig(String id) {
        refused("config rm");
    }

    @Override
    public synchronized List<SwarmObject> secrets(Map<String, List<String>> filters) {
        managerCall();
        return secrets.values().stream().map(SwarmObject::from).toList();
    }

    @Override
    public synchronized SwarmObject secret(String reference) {
        managerCall();
        return SwarmObject.from(find(secrets, reference, c -> c.at("/Spec/Name").asText(), "secret"));
    }

    @Override
    public synchronized String createSecret(ObjectNode spec) {
        managerCall();
        ObjectNode stored = spec.deepCopy();
        stored.remove("Data"); // as the Engine: secret data is never read back
        return createObject(secrets, "secret", stored);
    }

    private String createObject(Map<String, ObjectNode> into, String kind, ObjectNode spec) {
        String name = spec.path("Name").asText();
        if (into.values().stream().anyMatch(o -> o.at("/Spec/Name").asText().equals(name))) {
            throw new SwarmOpsException(Kind.CONFLICT, kind + " " + name + " already exists");
        }
        ObjectNode o = Json.object();
        o.put("ID", kind + (++seq));
        o.putObject("Version").put("Index", ++index);
        o.put("CreatedAt", epoch.plusSeconds(seq).toString());
        o.set("Spec", spec.deepCopy());
        into.put(o.path("ID").asText(), o);
        writes.add("create " + kind + " " + name);
        return o.path("ID").asText();
    }

    @Override
    public void updateSecret(String id, long version, ObjectNode spec) {
        refused("secret update");
    }

    @Override
    public void removeSecret(String id) {
        refused("secret rm");
    }

    @Override
    public void importImage(InputStream rootfsTar, String repo, String tag) {
        refused("image import");
    }

    @Override
    public JsonNode distribution(String image, RegistryAuth auth) {
        return refused("distribution");
    }

    @Override
    public void events(Map<String, List<String>> filters, Duration timeout, Predicate<JsonNode> sink) {
        refused("events");
    }

    @Override
    public void close() {
    }

    private static ObjectNode find(Map<String, ObjectNode> objects, String reference, Function<ObjectNode, String> name, String kind) {
        ObjectNode byId = objects.get(reference);
        if (byId != null) {
            return byId;
        }
        return objects.values().stream().filter(o -> name.apply(o).equals(reference)).findFirst()
                .or(() -> objects.entrySet().stream().filter(e -> e.getKey().startsWith(reference)).map(Map.Entry::getValue).findFirst())
                .orElseThrow(() -> SwarmOpsException.notFound(kind, reference));
    }

    private static <T> T refused(String what) {
        throw new SwarmOpsException(Kind.INVALID, "the emergency simulation does not do " + what);
    }
}
