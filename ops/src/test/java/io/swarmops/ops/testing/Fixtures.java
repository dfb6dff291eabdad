package io.swarmops.ops.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;

/** Engine API objects for tests, in the shapes the daemon sends. */
public final class Fixtures {
    private Fixtures() {
    }

    /** A ready, active node; {@code managerStatus} null for a worker, else "leader", "reachable" or "unreachable". */
    public static Node node(String id, String hostname, String managerStatus) {
        ObjectNode n = Json.object();
        n.put("ID", id);
        n.putObject("Version").put("Index", 10);
        n.put("CreatedAt", "2026-11-24T06:00:00Z");
        ObjectNode spec = n.putObject("Spec");
        spec.put("Role", managerStatus == null ? "worker" : "manager");
        spec.put("Availability", "active");
        spec.putObject("Labels");
        ObjectNode desc = n.putObject("Description");
        desc.put("Hostname", hostname);
        desc.putObject("Platform").put("Architecture", "x86_64").put("OS", "linux");
        desc.putObject("Resources").put("NanoCPUs", 2_000_000_000L).put("MemoryBytes", 2L << 30);
        desc.putObject("Engine").put("EngineVersion", "20.10.24");
        n.putObject("Status").put("State", "ready").put("Addr", "198.18.0.1");
        if (managerStatus != null) {
            ObjectNode ms = n.putObject("ManagerStatus");
            if ("leader".equals(managerStatus)) {
                ms.put("Leader", true);
            }
            ms.put("Reachability", "leader".equals(managerStatus) ? "reachable" : managerStatus);
            ms.put("Addr", "198.18.0.1:2377");
        }
        return Node.from(n);
    }

    /** A node with its status and availability changed. */
    public static Node withState(Node node, String state, String availability) {
        ObjectNode raw = node.raw().deepCopy();
        ((ObjectNode) raw.get("Status")).put("State", state);
        ((ObjectNode) raw.get("Spec")).put("Availability", availability);
        return Node.from(raw);
    }

    /** A replicated service running {@code swarmops/busybox:latest}. */
    public static Service service(String id, String name, int replicas) {
        ObjectNode s = Json.object();
        s.put("ID", id);
        s.putObject("Version").put("Index", 20);
        ObjectNode spec = s.putObject("Spec");
        spec.put("Name", name);
        spec.putObject("Labels");
        spec.putObject("TaskTemplate").putObject("ContainerSpec").put("Image", "swarmops/busybox:latest");
        spec.putObject("Mode").putObject("Replicated").put("Replicas", replicas);
        return Service.from(s);
    }

    /** A task of a service on a node, in the given observed state, desired running. */
    public static Task task(String id, String serviceId, String nodeId, int slot, String state) {
        ObjectNode t = Json.object();
        t.put("ID", id);
        t.putObject("Version").put("Index", 30);
        t.put("ServiceID", serviceId);
        t.put("NodeID", nodeId);
        t.put("Slot", slot);
        t.put("DesiredState", "running");
        t.putObject("Status").put("State", state).put("Timestamp", "2026-11-24T06:00:00Z").put("Message", state);
        t.putObject("Spec").putObject("ContainerSpec").put("Image", "swarmops/busybox:latest");
        return Task.from(t);
    }
}
