package io.swarmops.recovery.emergency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.SwarmOpsException.Kind;
import io.swarmops.ops.memory.InMemorySwarm;
import io.swarmops.ops.model.Json;
import io.swarmops.recovery.power.Machine;
import io.swarmops.recovery.power.PowerSwitch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link InMemorySwarm} with what the emergency procedures meet on top: machines that power off
 * and on (a node down with its machine, its tasks stopped), managers with a leader and a quorum (a
 * daemon that is off answers nothing; a manager's call needs a majority of managers reachable),
 * and services whose tasks run at once, in turn over the ready, active nodes. {@code emergency ...
 * --dry-run} runs the real executor over one copied from the live cluster (or, while the cluster is
 * off, from the state file), then prints its log; tests run the executor over one built node by node.
 */
public final class SimulatedCluster extends InMemorySwarm {

    /** An empty swarm; add nodes with {@link #addNode}, the first manager added is the one talked to. */
    public SimulatedCluster() {
    }

    /** A copy of the live cluster the gateway talks to (reads only). */
    public static SimulatedCluster of(SwarmGateway live) {
        SimulatedCluster c = new SimulatedCluster();
        c.copy(live);
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
        state.workload().configs().forEach(o -> c.create(c.configs, "config", ((ObjectNode) o).deepCopy()));
        state.workload().secrets().forEach(o -> c.create(c.secrets, "secret", ((ObjectNode) o).deepCopy()));
        c.forgetWrites();
        return c;
    }

    /** Adds a ready, active node; the first manager added is the daemon this gateway talks to. */
    public synchronized SimulatedCluster addNode(String id, String hostname, boolean manager) {
        ObjectNode spec = Json.object().put("Role", manager ? "manager" : "worker").put("Availability", "active");
        spec.putObject("Labels");
        putNode(id, hostname, "10.0.0." + (nodes.values().size() + 1), spec, true, manager && nodes.values().stream().noneMatch(this::leader));
        if (manager && self == null) {
            self = id;
        }
        return this;
    }

    private void putNode(String id, String hostname, String addr, ObjectNode spec, boolean ready, boolean leader) {
        ObjectNode n = Json.object();
        n.put("ID", id);
        n.putObject("Version").put("Index", nextIndex());
        n.put("CreatedAt", now());
        n.set("Spec", spec);
        n.putObject("Description").put("Hostname", hostname);
        n.putObject("Status").put("State", ready ? "ready" : "down").put("Addr", addr);
        nodes.put(n);
        setManagerStatus(n, leader);
    }

    /** The machines of this cluster, powered by the power switch of the dry run or the test. */
    public PowerSwitch power() {
        return new PowerSwitch() {
            @Override
            public void off(Machine m) {
                synchronized (SimulatedCluster.this) {
                    ObjectNode n = raw(m.id());
                    write("node", m.hostname(), "power off");
                    ((ObjectNode) n.get("Status")).put("State", "down");
                    setManagerStatus(n, false);
                    tasks.stream().filter(t -> m.id().equals(t.path("NodeID").asText()))
                            .forEach(t -> t.with("Status").put("State", "shutdown"));
                }
            }

            @Override
            public void on(Machine m) {
                synchronized (SimulatedCluster.this) {
                    ObjectNode n = raw(m.id());
                    write("node", m.hostname(), "power on");
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

    // ---- power and quorum on top of the store --------------------------------------------------

    /** The daemon talked to answers only while its machine is on. */
    @Override
    protected void daemonCall() {
        ObjectNode me = nodes.get(self);
        if (me == null || !ready(me)) {
            throw new SwarmOpsException(Kind.UNREACHABLE, "cannot connect to the daemon (simulated: its machine is off)");
        }
    }

    /** A manager's call: the daemon answers, is a manager, and a majority of managers is reachable. */
    @Override
    protected void managerCall() {
        daemonCall();
        if (!"manager".equals(nodes.get(self).at("/Spec/Role").asText())) {
            throw new SwarmOpsException(Kind.NOT_A_MANAGER, "this node is not a swarm manager");
        }
        long managers = nodes.values().stream().filter(n -> "manager".equals(n.at("/Spec/Role").asText())).count();
        long reachable = nodes.values().stream().filter(n -> "manager".equals(n.at("/Spec/Role").asText()) && ready(n)).count();
        if (reachable * 2 <= managers) {
            throw new SwarmOpsException(Kind.NO_LEADER, "the swarm does not have a leader (" + reachable + " of " + managers + " managers)");
        }
    }

    /** A promoted or demoted node joins or leaves Raft at once, as no leader. */
    @Override
    protected void nodeUpdated(ObjectNode n, JsonNode before) {
        if (!before.path("Role").asText().equals(n.at("/Spec/Role").asText())) {
            setManagerStatus(n, false);
        }
    }

    /** Tasks run at once: replicas over the ready, active nodes in turn; a global service on each of them. */
    @Override
    protected void serviceChanged(ObjectNode service, boolean updated) {
        if (updated) {
            return;
        }
        List<ObjectNode> eligible = nodes.values().stream().filter(n -> ready(n) && "active".equals(n.at("/Spec/Availability").asText("active")))
                .toList();
        JsonNode mode = service.at("/Spec/Mode");
        int count = mode.has("Global") ? eligible.size() : mode.has("Replicated") ? mode.at("/Replicated/Replicas").asInt(1)
                : mode.isMissingNode() || mode.isEmpty() ? 1 : 0;
        for (int i = 0; i < count; i++) {
            ObjectNode t = Json.object();
            t.put("ID", newId("task"));
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
}
