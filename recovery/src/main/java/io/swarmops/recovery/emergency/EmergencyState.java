package io.swarmops.recovery.emergency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import io.swarmops.recovery.backup.WorkloadBackup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a reboot needs, saved before the shutdown touches anything: the workload as a
 * {@link WorkloadBackup} (every service spec with its stack labels, networks, configs, secret names,
 * nodes' roles, labels and availability), the manager that stays to the end, the manager count,
 * and the order of the shutdown (the reboot goes in reverse).
 *
 * @param nodes the shutdown order: every other node, then the kept manager last
 */
public record EmergencyState(WorkloadBackup workload, SavedNode keptManager, List<SavedNode> nodes, int managers) {
    public static final Path DEFAULT = Path.of("/var/lib/swarmops/emergency-state.json");

    /**
     * Reads what the shutdown saves from the live cluster. The kept manager must be the daemon
     * swarmops talks to: it is the one that sees the others go down, and the last one powered off.
     * Refused, naming the node, when a node reports a hostname, address or ID unfit for a power
     * command ({@link io.swarmops.recovery.power.Machine}): it is never saved.
     */
    public static EmergencyState capture(SwarmGateway gateway, String keep) {
        String self = gateway.info().nodeId();
        List<Node> nodes = gateway.nodes();
        Node talkingTo = gateway.node(self);
        Node kept = keep == null ? talkingTo : gateway.node(keep);
        if (!kept.isManager()) {
            throw SwarmOpsException.invalid("--keep-manager " + kept.hostname() + ": not a manager");
        }
        if (!kept.id().equals(self)) {
            throw SwarmOpsException.invalid("--keep-manager " + kept.hostname() + ": the manager that stays must be the one swarmops "
                    + "talks to (it watches the others go down): run with -H pointing at " + kept.hostname() + ", or keep "
                    + talkingTo.hostname());
        }
        List<SavedNode> order = new ArrayList<>();
        nodes.stream().filter(n -> !n.id().equals(kept.id()))
                .sorted(java.util.Comparator.comparing(Node::isManager).thenComparing(Node::hostname))
                .forEach(n -> order.add(saved(n)));
        order.add(saved(kept));
        int managers = (int) nodes.stream().filter(Node::isManager).count();
        return new EmergencyState(WorkloadBackup.capture(gateway), saved(kept), List.copyOf(order), managers);
    }

    /** What a node reports about itself is checked before it is saved: a power command will be filled with it. */
    private static SavedNode saved(Node n) {
        SavedNode s = new SavedNode(n.id(), n.hostname(), n.addr(), n.role());
        s.machine().checked();
        return s;
    }

    /** Every node but the kept manager, in shutdown order. */
    public List<SavedNode> others() {
        return nodes.stream().filter(n -> !n.id().equals(keptManager.id())).toList();
    }

    /** Written whole (temp file, fsync, rename), as a backup is: a crash never leaves half a state file. */
    public void write(Path file) {
        ObjectNode doc = workload.document().deepCopy();
        ObjectNode e = doc.putObject("Emergency");
        e.set("KeptManager", node(keptManager));
        ArrayNode order = e.putArray("ShutdownOrder");
        nodes.forEach(n -> order.add(node(n)));
        e.put("Managers", managers);
        new WorkloadBackup(doc).write(file);
    }

    public static boolean exists(Path file) {
        return Files.isRegularFile(file);
    }

    public static EmergencyState read(Path file) {
        WorkloadBackup b = WorkloadBackup.read(file);
        JsonNode e = b.document().path("Emergency");
        if (!e.isObject() || !e.path("KeptManager").isObject() || e.path("Managers").asInt() < 1) {
            throw SwarmOpsException.invalid(file + " is a backup, not an emergency state file (no Emergency section)");
        }
        List<SavedNode> nodes = new ArrayList<>();
        e.path("ShutdownOrder").forEach(n -> nodes.add(node(n)));
        return new EmergencyState(b, node(e.path("KeptManager")), List.copyOf(nodes), e.path("Managers").asInt());
    }

    private static ObjectNode node(SavedNode n) {
        return Json.object().put("ID", n.id()).put("Hostname", n.hostname()).put("Addr", n.addr()).put("Role", n.role());
    }

    private static SavedNode node(JsonNode n) {
        SavedNode s = new SavedNode(n.path("ID").asText(), n.path("Hostname").asText(), n.path("Addr").asText(), n.path("Role").asText());
        s.machine().checked();
        return s;
    }
}
