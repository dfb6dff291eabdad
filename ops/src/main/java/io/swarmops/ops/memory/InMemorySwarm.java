package io.swarmops.ops.memory;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A swarm in memory behind the gateway: the Engine's objects (nodes, services, tasks, networks,
 * configs, secrets) as the API shows them, found by reference and versioned as the Engine does it,
 * and a log of every write asked for. Changes take effect at once; nothing here places tasks: a
 * layer on top adds what its procedure meets (rebalance: swarmkit's scheduler; the emergency
 * procedures: power and quorum) through the hooks. Dry runs run the real executor over one, copied
 * from the live cluster, and print its {@link #log()}.
 *
 * <p>Engine rules kept (moby {@code daemon/cluster/helpers.go}, {@code filters.go}; pinned by
 * {@code InMemorySwarmParityIT} on a real swarm): a reference is a full ID, then an exact name
 * (a node's hostname), then a unique ID prefix; an ambiguous one is refused; updates and removals
 * take a reference too; a write with a version other than the object's is refused ("update out
 * of sequence"); names of services, configs and secrets are unique; secret data is never read back;
 * list filters are the Engine's (name and id match prefixes) and an unknown filter is refused. A
 * copy of a live cluster asks the live daemon about registries (image digests), as a real run would.
 */
public class InMemorySwarm implements SwarmGateway {

    /** One write asked for: the kind of object, its name, the change ("node node2: availability pause"). */
    public record Write(String kind, String name, String change) {
        @Override
        public String toString() {
            return kind + " " + name + ": " + change;
        }
    }

    /** The objects of one kind, by ID in the order created. */
    public static final class Store {
        private final String noun;
        private final String idField;
        private final Function<JsonNode, String> name;
        private final Map<String, ObjectNode> byId = new LinkedHashMap<>();

        Store(String noun, String idField, Function<JsonNode, String> name) {
            this.noun = noun;
            this.idField = idField;
            this.name = name;
        }

        public Collection<ObjectNode> values() {
            return byId.values();
        }

        public ObjectNode get(String id) {
            return byId.get(id);
        }

        public void put(ObjectNode o) {
            byId.put(o.path(idField).asText(), o);
        }

        public String idOf(JsonNode o) {
            return o.path(idField).asText();
        }

        public String nameOf(JsonNode o) {
            return name.apply(o);
        }

        ObjectNode remove(String id) {
            return byId.remove(id);
        }

        boolean hasName(String n) {
            return byId.values().stream().anyMatch(o -> nameOf(o).equals(n));
        }

        /** As the Engine resolves a reference: full ID, else exact name, else unique ID prefix. */
        public ObjectNode find(String reference) {
            if (reference == null || reference.isBlank()) {
                throw SwarmOpsException.invalid(noun + " name or ID must not be empty");
            }
            ObjectNode exact = byId.get(reference);
            if (exact != null) {
                return exact;
            }
            List<ObjectNode> found = byId.values().stream().filter(o -> nameOf(o).equals(reference)).toList();
            if (found.isEmpty()) {
                found = byId.values().stream().filter(o -> idOf(o).startsWith(reference)).toList();
            }
            if (found.isEmpty()) {
                throw SwarmOpsException.notFound(noun, reference);
            }
            if (found.size() > 1) {
                throw SwarmOpsException.invalid(noun + " " + reference + " is ambiguous (" + found.size() + " matches found)");
            }
            return found.get(0);
        }
    }

    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    protected final Store nodes = new Store("node", "ID", o -> o.at("/Description/Hostname").asText());
    protected final Store services = new Store("service", "ID", o -> o.at("/Spec/Name").asText());
    protected final Store networks = new Store("network", "Id", o -> o.path("Name").asText());
    protected final Store configs = new Store("config", "ID", o -> o.at("/Spec/Name").asText());
    protected final Store secrets = new Store("secret", "ID", o -> o.at("/Spec/Name").asText());
    protected final List<ObjectNode> tasks = new ArrayList<>();
    private final List<Write> log = new ArrayList<>();
    /** The node whose daemon this gateway plays (info, "self"); null when none is. */
    protected String self;
    /** Where a copy asks a registry (a read, as a real run asks it); null: nowhere. */
    private SwarmGateway registries;
    private long index = 100;
    private int seq;

    /** An empty swarm. */
    public InMemorySwarm() {
    }

    /** A copy of the cluster a live gateway talks to (reads only). */
    public static InMemorySwarm of(SwarmGateway live) {
        InMemorySwarm s = new InMemorySwarm();
        s.copy(live);
        return s;
    }

    /** Takes in everything the live gateway lists, and which node it talks to. */
    protected final void copy(SwarmGateway live) {
        self = live.info().nodeId();
        registries = live;
        live.nodes().forEach(n -> nodes.put(n.raw().deepCopy()));
        live.services(Map.of()).forEach(s -> services.put(s.raw().deepCopy()));
        live.tasks(Map.of()).forEach(t -> tasks.add(t.raw().deepCopy()));
        live.networks(Map.of()).forEach(n -> networks.put(n.raw().deepCopy()));
        live.configs(Map.of()).forEach(o -> configs.put(o.raw().deepCopy()));
        live.secrets(Map.of()).forEach(o -> secrets.put(o.raw().deepCopy()));
    }

    /** Takes in the nodes, services and tasks a snapshot shows. */
    protected final void load(ClusterSnapshot snapshot) {
        snapshot.nodes().forEach(n -> nodes.put(n.raw().deepCopy()));
        snapshot.services().forEach(s -> services.put(s.raw().deepCopy()));
        snapshot.tasks().forEach(t -> tasks.add(t.raw().deepCopy()));
    }

    /** Every write asked for, in order. */
    public synchronized List<Write> log() {
        return List.copyOf(log);
    }

    /** The log as lines ("service web: replicas 4"). */
    public List<String> writes() {
        return log().stream().map(Write::toString).toList();
    }

    // ---- what a layer on top adds ------------------------------------------------------------

    /** Before any call the daemon answers (info): a layer may refuse it, as a daemon that is off. */
    protected void daemonCall() {
    }

    /** Before any call only a manager answers: a layer may refuse it, as a worker or a swarm without quorum. */
    protected void managerCall() {
        daemonCall();
    }

    /** Records a write about to take effect; a layer may refuse it after recording, as a lost daemon would. */
    protected void write(String kind, String name, String change) {
        log.add(new Write(kind, name, change));
    }

    /** Forgets the writes so far: what a layer built its start from was there, not written. */
    protected final synchronized void forgetWrites() {
        log.clear();
    }

    /** A node's spec changed (availability, role, labels); {@code before} is the spec it had. */
    protected void nodeUpdated(ObjectNode node, JsonNode before) {
    }

    /** A service was created, or its spec changed ({@code updated}): the orchestrators' turn. */
    protected void serviceChanged(ObjectNode service, boolean updated) {
    }

    /** A new ID for an object of this kind ("svc12"). */
    protected final String newId(String kind) {
        return kind + (++seq);
    }

    /** A new version index, as the Raft store hands them out. */
    protected final long nextIndex() {
        return ++index;
    }

    protected final void bump(ObjectNode o) {
        o.with("Version").put("Index", nextIndex());
    }

    protected final String now() {
        return EPOCH.plusSeconds(seq).toString();
    }

    protected static String hostname(JsonNode n) {
        return n.at("/Description/Hostname").asText();
    }

    private static void checkVersion(ObjectNode o, long version) {
        if (o.at("/Version/Index").asLong() != version) {
            throw new SwarmOpsException(Kind.CONFLICT, "rpc error: code = Unknown desc = update out of sequence");
        }
    }

    // ---- the daemon --------------------------------------------------------------------------

    @Override
    public DockerEndpoint endpoint() {
        return DockerEndpoint.plain("memory://dry-run", "an in-memory copy of the cluster");
    }

    @Override
    public synchronized EngineInfo info() {
        daemonCall();
        ObjectNode me = self == null ? null : nodes.get(self);
        if (me == null) {
            throw notKept("play a node's daemon");
        }
        ObjectNode info = Json.object().put("Name", hostname(me));
        info.putObject("Swarm").put("NodeID", self).put("LocalNodeState", "active")
                .put("ControlAvailable", "manager".equals(me.at("/Spec/Role").asText()));
        return EngineInfo.from(info);
    }

    // ---- nodes -------------------------------------------------------------------------------

    @Override
    public synchronized List<Node> nodes() {
        managerCall();
        return nodes.values().stream().map(Node::from).toList();
    }

    @Override
    public synchronized Node node(String reference) {
        managerCall();
        return Node.from(nodes.find("self".equals(reference) && self != null ? self : reference));
    }

    @Override
    public synchronized void updateNode(String reference, long version, ObjectNode spec) {
        managerCall();
        ObjectNode n = nodes.find(reference);
        checkVersion(n, version);
        JsonNode before = n.path("Spec").deepCopy();
        write("node", hostname(n), describeNode(before, spec));
        n.set("Spec", spec.deepCopy());
        bump(n);
        nodeUpdated(n, before);
    }

    /** What a node update changes, for the log: promote, demote, availability, labels. */
    private static String describeNode(JsonNode before, JsonNode after) {
        List<String> changes = new ArrayList<>();
        String role = after.path("Role").asText(before.path("Role").asText());
        if (!role.equals(before.path("Role").asText(role))) {
            changes.add("manager".equals(role) ? "promote" : "demote");
        }
        String availability = after.path("Availability").asText();
        if (!availability.equals(before.path("Availability").asText())) {
            changes.add("availability " + availability);
        }
        if (!Objects.equals(Json.labels(before.path("Labels")), Json.labels(after.path("Labels")))) {
            changes.add("labels " + Json.labels(after.path("Labels")));
        }
        return changes.isEmpty() ? "no change" : String.join(", ", changes);
    }

    // ---- services and tasks ------------------------------------------------------------------

    @Override
    public synchronized List<Service> services(Map<String, List<String>> filters) {
        managerCall();
        Predicate<JsonNode> keep = matching(filters, Set.of("id", "name", "label", "mode"), services);
        return services.values().stream().filter(keep).map(Service::from)
                .filter(s -> !filters.containsKey("mode") || filters.get("mode").contains(s.mode())).toList();
    }

    @Override
    public synchronized Service service(String reference) {
        managerCall();
        return Service.from(services.find(reference));
    }

    @Override
    public synchronized String createService(ObjectNode spec, RegistryAuth auth, Consumer<String> warnings) {
        managerCall();
        String name = spec.path("Name").asText();
        if (services.hasName(name)) {
            throw new SwarmOpsException(Kind.CONFLICT, "rpc error: code = AlreadyExists desc = name conflicts with an existing object: service "
                    + name + " already exists");
        }
        write("service", name, "create");
        ObjectNode s = Json.object();
        s.put("ID", newId("svc"));
        s.putObject("Version").put("Index", nextIndex());
        s.put("CreatedAt", now());
        s.put("UpdatedAt", now());
        s.set("Spec", spec.deepCopy());
        services.put(s);
        serviceChanged(s, false);
        return s.path("ID").asText();
    }

    @Override
    public synchronized void updateService(String reference, long version, ObjectNode spec, RegistryAuth auth, boolean rollback,
            Consumer<String> warnings) {
        managerCall();
        ObjectNode s = services.find(reference);
        checkVersion(s, version);
        ObjectNode before = (ObjectNode) s.get("Spec");
        ObjectNode after = rollback && s.has("PreviousSpec") ? (ObjectNode) s.get("PreviousSpec") : spec;
        write("service", before.path("Name").asText(), rollback ? "rollback" : describeService(before, after));
        s.set("PreviousSpec", before);
        s.set("Spec", after.deepCopy());
        s.put("UpdatedAt", now());
        bump(s);
        serviceChanged(s, true);
    }

    /** What a service update changes, for the log: replicas, placement, force-update, image, or "spec". */
    private static String describeService(ObjectNode before, ObjectNode after) {
        long r0 = before.at("/Mode/Replicated/Replicas").asLong(-1);
        long r1 = after.at("/Mode/Replicated/Replicas").asLong(-1);
        if (r0 != r1) {
            return "replicas " + r1;
        }
        if (!before.at("/TaskTemplate/Placement").equals(after.at("/TaskTemplate/Placement"))) {
            List<String> constraints = new ArrayList<>();
            after.at("/TaskTemplate/Placement/Constraints").forEach(c -> constraints.add(c.asText()));
            return "constraints " + constraints + ", update order " + after.at("/UpdateConfig/Order").asText("stop-first");
        }
        if (before.at("/TaskTemplate/ForceUpdate").asLong() != after.at("/TaskTemplate/ForceUpdate").asLong()) {
            return "force-update";
        }
        String image = after.at("/TaskTemplate/ContainerSpec/Image").asText();
        if (!before.at("/TaskTemplate/ContainerSpec/Image").asText().equals(image)) {
            return "image " + image;
        }
        return "spec";
    }

    @Override
    public synchronized void removeService(String reference) {
        managerCall();
        ObjectNode s = services.find(reference);
        String id = services.idOf(s);
        write("service", services.nameOf(s), "remove");
        services.remove(id);
        tasks.removeIf(t -> t.path("ServiceID").asText().equals(id));
    }

    @Override
    public synchronized List<Task> tasks(Map<String, List<String>> filters) {
        managerCall();
        Set<String> keys = Set.of("id", "label", "service", "node", "desired-state");
        refuseUnknown(filters, keys);
        // the Engine resolves each service and node filter as a reference first, and fails on one it cannot resolve
        List<String> serviceIds = filters.getOrDefault("service", List.of()).stream().map(r -> services.idOf(services.find(r))).toList();
        List<String> nodeIds = filters.getOrDefault("node", List.of()).stream().map(r -> nodes.idOf(nodes.find(r))).toList();
        List<String> desired = filters.getOrDefault("desired-state", List.of());
        List<String> idPrefixes = filters.getOrDefault("id", List.of());
        return tasks.stream()
                .filter(t -> serviceIds.isEmpty() || serviceIds.contains(t.path("ServiceID").asText()))
                .filter(t -> nodeIds.isEmpty() || nodeIds.contains(t.path("NodeID").asText()))
                .filter(t -> desired.isEmpty() || desired.contains(t.path("DesiredState").asText()))
                .filter(t -> idPrefixes.isEmpty() || idPrefixes.stream().anyMatch(p -> t.path("ID").asText().startsWith(p)))
                .filter(t -> labelsMatch(filters.getOrDefault("label", List.of()), t.path("Labels")))
                .map(Task::from).toList();
    }

    // ---- networks, configs, secrets ----------------------------------------------------------

    @Override
    public synchronized List<SwarmObject> networks(Map<String, List<String>> filters) {
        managerCall();
        refuseUnknown(filters, Set.of("id", "name", "label", "driver", "scope"));
        return networks.values().stream()
                // the daemon matches a network's name and ID by regular expression, not by prefix
                .filter(n -> found(filters.get("name"), n.path("Name").asText()) && found(filters.get("id"), n.path("Id").asText()))
                .filter(n -> !filters.containsKey("driver") || filters.get("driver").contains(n.path("Driver").asText()))
                .filter(n -> !filters.containsKey("scope") || filters.get("scope").contains(n.path("Scope").asText()))
                .filter(n -> labelsMatch(filters.getOrDefault("label", List.of()), n.path("Labels")))
                .map(SwarmObject::from).toList();
    }

    private static boolean found(List<String> patterns, String text) {
        return patterns == null || patterns.stream().anyMatch(p -> Pattern.compile(p).matcher(text).find());
    }

    @Override
    public synchronized SwarmObject network(String reference) {
        managerCall();
        return SwarmObject.from(networks.find(reference));
    }

    @Override
    public synchronized String createNetwork(ObjectNode request) {
        managerCall();
        return addNetwork(request);
    }

    protected final String addNetwork(ObjectNode request) {
        String name = request.path("Name").asText();
        if (networks.hasName(name)) {
            throw new SwarmOpsException(Kind.CONFLICT, "network with name " + name + " already exists");
        }
        write("network", name, "create");
        ObjectNode n = request.deepCopy();
        n.put("Id", newId("net"));
        n.put("Created", now());
        n.put("Scope", "swarm");
        if (!n.has("Driver")) {
            n.put("Driver", "overlay");
        }
        networks.put(n);
        return n.path("Id").asText();
    }

    @Override
    public synchronized void removeNetwork(String reference) {
        managerCall();
        ObjectNode n = networks.find(reference);
        write("network", networks.nameOf(n), "remove");
        networks.remove(networks.idOf(n));
    }

    @Override
    public synchronized List<SwarmObject> configs(Map<String, List<String>> filters) {
        managerCall();
        return listed(configs, filters);
    }

    @Override
    public synchronized SwarmObject config(String reference) {
        managerCall();
        return SwarmObject.from(configs.find(reference));
    }

    @Override
    public synchronized String createConfig(ObjectNode spec) {
        managerCall();
        return create(configs, "config", spec);
    }

    @Override
    public synchronized void updateConfig(String reference, long version, ObjectNode spec) {
        managerCall();
        update(configs, "config", reference, version, spec);
    }

    @Override
    public synchronized void removeConfig(String reference) {
        managerCall();
        remove(configs, "config", reference);
    }

    @Override
    public synchronized List<SwarmObject> secrets(Map<String, List<String>> filters) {
        managerCall();
        return listed(secrets, filters);
    }

    @Override
    public synchronized SwarmObject secret(String reference) {
        managerCall();
        return SwarmObject.from(secrets.find(reference));
    }

    @Override
    public synchronized String createSecret(ObjectNode spec) {
        managerCall();
        return create(secrets, "secret", spec);
    }

    @Override
    public synchronized void updateSecret(String reference, long version, ObjectNode spec) {
        managerCall();
        update(secrets, "secret", reference, version, spec);
    }

    @Override
    public synchronized void removeSecret(String reference) {
        managerCall();
        remove(secrets, "secret", reference);
    }

    private List<SwarmObject> listed(Store store, Map<String, List<String>> filters) {
        return store.values().stream().filter(matching(filters, Set.of("id", "name", "label"), store)).map(SwarmObject::from).toList();
    }

    protected final String create(Store store, String kind, ObjectNode spec) {
        String name = spec.path("Name").asText();
        if (store.hasName(name)) {
            throw new SwarmOpsException(Kind.CONFLICT, "rpc error: code = AlreadyExists desc = " + kind + " " + name + " already exists");
        }
        write(kind, name, "create");
        ObjectNode o = Json.object();
        o.put("ID", newId(kind));
        o.putObject("Version").put("Index", nextIndex());
        o.put("CreatedAt", now());
        o.put("UpdatedAt", now());
        o.set("Spec", stored(kind, spec));
        store.put(o);
        return o.path("ID").asText();
    }

    private void update(Store store, String kind, String reference, long version, ObjectNode spec) {
        ObjectNode o = store.find(reference);
        checkVersion(o, version);
        write(kind, store.nameOf(o), "update");
        o.set("Spec", stored(kind, spec));
        o.put("UpdatedAt", now());
        bump(o);
    }

    private void remove(Store store, String kind, String reference) {
        ObjectNode o = store.find(reference);
        write(kind, store.nameOf(o), "remove");
        store.remove(store.idOf(o));
    }

    /** As the Engine keeps a spec: a secret's data is never read back. */
    private static ObjectNode stored(String kind, ObjectNode spec) {
        ObjectNode copy = spec.deepCopy();
        if ("secret".equals(kind)) {
            copy.remove("Data");
        }
        return copy;
    }

    // ---- filters, as the Engine reads them (moby daemon/cluster/filters.go) -------------------

    /** id and name filters match prefixes, label filters (of the spec) "key" or "key=value"; others are the caller's. */
    private static Predicate<JsonNode> matching(Map<String, List<String>> filters, Set<String> accepted, Store store) {
        refuseUnknown(filters, accepted);
        return o -> prefixed(filters.get("id"), store.idOf(o)) && prefixed(filters.get("name"), store.nameOf(o))
                && labelsMatch(filters.getOrDefault("label", List.of()), o.at("/Spec/Labels"));
    }

    private static void refuseUnknown(Map<String, List<String>> filters, Set<String> accepted) {
        for (String key : filters.keySet()) {
            if (!accepted.contains(key)) {
                throw SwarmOpsException.invalid("Invalid filter '" + key + "'");
            }
        }
    }

    private static boolean prefixed(List<String> prefixes, String value) {
        return prefixes == null || prefixes.stream().anyMatch(value::startsWith);
    }

    private static boolean labelsMatch(List<String> wanted, JsonNode labels) {
        for (String w : wanted) {
            int eq = w.indexOf('=');
            String key = eq < 0 ? w : w.substring(0, eq);
            if (!labels.has(key) || eq >= 0 && !labels.path(key).asText().equals(w.substring(eq + 1))) {
                return false;
            }
        }
        return true;
    }

    // ---- not kept ----------------------------------------------------------------------------

    protected static SwarmOpsException notKept(String what) {
        return new SwarmOpsException(Kind.INVALID, "an in-memory swarm does not " + what);
    }

    @Override
    public JsonNode version() {
        throw notKept("answer /version");
    }

    @Override
    public SwarmInfo swarm() {
        throw notKept("answer /swarm");
    }

    @Override
    public String swarmInit(ObjectNode request) {
        throw notKept("init a swarm");
    }

    @Override
    public void swarmJoin(ObjectNode request) {
        throw notKept("join a swarm");
    }

    @Override
    public void swarmLeave(boolean force) {
        throw notKept("leave a swarm");
    }

    @Override
    public void swarmUpdate(long version, ObjectNode spec, boolean rotateWorkerToken, boolean rotateManagerToken) {
        throw notKept("update the swarm");
    }

    @Override
    public String unlockKey() {
        throw notKept("keep an unlock key");
    }

    @Override
    public void removeNode(String id, boolean force) {
        throw notKept("remove nodes");
    }

    @Override
    public void serviceLogs(String id, boolean follow, String tail, boolean timestamps, Consumer<LogLine> out) {
        throw notKept("keep logs");
    }

    @Override
    public void importImage(InputStream rootfsTar, String repo, String tag) {
        throw notKept("keep images");
    }

    @Override
    public JsonNode distribution(String image, RegistryAuth auth) {
        if (registries == null) {
            throw notKept("reach a registry");
        }
        return registries.distribution(image, auth);
    }

    @Override
    public void events(Map<String, List<String>> filters, Duration timeout, Predicate<JsonNode> sink) {
        throw notKept("stream events");
    }

    @Override
    public void close() {
    }
}
