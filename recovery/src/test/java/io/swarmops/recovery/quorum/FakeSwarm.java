package io.swarmops.recovery.quorum;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.SwarmOpsException.Kind;
import io.swarmops.ops.model.EngineInfo;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.SwarmInfo;
import io.swarmops.ops.model.SwarmObject;
import io.swarmops.ops.model.Task;
import io.swarmops.ops.testing.StubGateway;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A swarm as a manager's daemon shows it, with Raft's rules kept simple: a promoted ready node is
 * a reachable member on the next look; force-new-cluster leaves this node the only member and
 * the others listed with the manager role outside Raft. Every write is recorded.
 */
class FakeSwarm extends StubGateway {
    /** A node: role, ready, in Raft (has a manager status). */
    static final class N {
        final String id;
        final int index;
        String role;
        boolean ready;
        boolean member;
        boolean leader;

        N(String id, int index, String role, boolean ready, boolean member) {
            this.id = id;
            this.index = index;
            this.role = role;
            this.ready = ready;
            this.member = member;
        }

        String addr() {
            return "198.18.0." + (10 + index);
        }
    }

    final Map<String, N> nodes = new LinkedHashMap<>();
    final List<String> writes = new ArrayList<>();
    final String selfId;
    boolean leaderAnswers;
    boolean locked;
    int knownManagers;
    ObjectNode swarmLabels = Json.object();
    long swarmVersion = 1;
    /** The first swarmInit fails with this message (and still takes effect when {@link #initTakesEffectAnyway}). */
    String initFailure;
    boolean initTakesEffectAnyway;
    List<Service> services = new ArrayList<>();
    List<Task> tasks = new ArrayList<>();

    FakeSwarm(String selfId) {
        this.selfId = selfId;
    }

    FakeSwarm node(String id, int index, String role, boolean ready, boolean member) {
        nodes.put(id, new N(id, index, role, ready, member));
        return this;
    }

    /** node1 survives, node2 and node3 (managers) lost power, node4 is a ready worker: quorum lost. */
    static FakeSwarm lostTwoOfThree() {
        FakeSwarm s = new FakeSwarm("n1").node("n1", 1, "manager", true, true).node("n2", 2, "manager", false, true)
                .node("n3", 3, "manager", false, true).node("n4", 4, "worker", true, false);
        s.knownManagers = 3;
        s.leaderAnswers = false;
        return s;
    }

    @Override
    public EngineInfo info() {
        ObjectNode i = Json.object().put("Name", "node" + nodes.get(selfId).index);
        ObjectNode sw = i.putObject("Swarm").put("NodeID", selfId).put("NodeAddr", nodes.get(selfId).addr())
                .put("LocalNodeState", locked ? "locked" : "active").put("ControlAvailable", !locked && nodes.get(selfId).role.equals("manager"))
                .put("Managers", leaderAnswers ? (int) nodes.values().stream().filter(n -> n.member).count() : 0);
        if (!leaderAnswers) {
            sw.put("Error", "rpc error: code = Unknown desc = The swarm does not have a leader. It's possible that too few managers are online.");
        }
        var remote = sw.putArray("RemoteManagers");
        nodes.values().stream().filter(n -> n.member || !leaderAnswers && n.index <= knownManagers)
                .forEach(n -> remote.addObject().put("NodeID", n.id).put("Addr", n.addr() + ":2377"));
        return EngineInfo.from(i);
    }

    @Override
    public List<Node> nodes() {
        if (!leaderAnswers) {
            throw new SwarmOpsException(Kind.NO_LEADER, "The swarm does not have a leader.");
        }
        // Raft catches up between two looks: promoted ready nodes join, demoted ones leave
        for (N n : nodes.values()) {
            if (n.role.equals("manager") && n.ready) {
                n.member = true;
            }
            if (n.role.equals("worker")) {
                n.member = false;
            }
        }
        return nodes.values().stream().map(FakeSwarm::toNode).toList();
    }

    @Override
    public Node node(String reference) {
        return nodes().stream().filter(n -> n.id().equals(reference) || n.hostname().equals(reference)).findFirst()
                .orElseThrow(() -> SwarmOpsException.notFound("node", reference));
    }

    static Node toNode(N n) {
        ObjectNode o = Json.object().put("ID", n.id);
        o.putObject("Version").put("Index", 10);
        o.putObject("Spec").put("Role", n.role).put("Availability", "active").putObject("Labels");
        o.putObject("Description").put("Hostname", "node" + n.index);
        o.putObject("Status").put("State", n.ready ? "ready" : "down").put("Addr", n.addr());
        if (n.member) {
            ObjectNode ms = o.putObject("ManagerStatus").put("Reachability", n.ready ? "reachable" : "unreachable")
                    .put("Addr", n.addr() + ":2377");
            if (n.leader) {
                ms.put("Leader", true);
            }
        }
        return Node.from(o);
    }

    @Override
    public void updateNode(String id, long version, ObjectNode spec) {
        String role = spec.path("Role").asText();
        writes.add("role " + id + " " + role);
        nodes.get(id).role = role;
    }

    @Override
    public void removeNode(String id, boolean force) {
        if (nodes.get(id).role.equals("manager")) {
            throw new SwarmOpsException(Kind.FAILED, "node is a cluster manager; demote it first");
        }
        writes.add("remove " + id);
        nodes.remove(id);
    }

    @Override
    public String swarmInit(ObjectNode request) {
        writes.add("init " + request.path("AdvertiseAddr").asText() + " force=" + request.path("ForceNewCluster").asBoolean());
        if (initFailure != null) {
            String failure = initFailure;
            initFailure = null;
            if (initTakesEffectAnyway) {
                forceNewCluster();
            }
            throw new SwarmOpsException(Kind.FAILED, failure);
        }
        forceNewCluster();
        return selfId;
    }

    private void forceNewCluster() {
        for (N n : nodes.values()) {
            n.member = n.id.equals(selfId);
            n.leader = n.id.equals(selfId);
        }
        leaderAnswers = true;
    }

    @Override
    public SwarmInfo swarm() {
        if (!leaderAnswers) {
            throw new SwarmOpsException(Kind.NO_LEADER, "The swarm does not have a leader.");
        }
        ObjectNode s = Json.object().put("ID", "swarm");
        s.putObject("Version").put("Index", swarmVersion);
        s.putObject("Spec").put("Name", "default").set("Labels", swarmLabels.deepCopy());
        return SwarmInfo.from(s);
    }

    @Override
    public void swarmUpdate(long version, ObjectNode spec, boolean rotateWorkerToken, boolean rotateManagerToken) {
        writes.add("swarm labels " + spec.path("Labels").path(RecoveryRecord.MANAGERS_LABEL).asText());
        swarmLabels = (ObjectNode) spec.path("Labels").deepCopy();
        swarmVersion++;
    }

    @Override
    public List<Service> services(Map<String, List<String>> filters) {
        return services;
    }

    @Override
    public List<Task> tasks(Map<String, List<String>> filters) {
        return tasks.stream().filter(t -> !filters.containsKey("service") || filters.get("service").contains(t.serviceId())).toList();
    }

    @Override
    public List<SwarmObject> networks(Map<String, List<String>> filters) {
        return List.of();
    }

    @Override
    public List<SwarmObject> configs(Map<String, List<String>> filters) {
        return List.of();
    }

    @Override
    public List<SwarmObject> secrets(Map<String, List<String>> filters) {
        return List.of();
    }
}
