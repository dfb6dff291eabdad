package io.swarmops.recovery.emergency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Json;
import io.swarmops.recovery.backup.WorkloadBackup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a reboot needs, saved before the shutdown touches anything: the workload (a
 * {@link WorkloadBackup}), the nodes with their roles and addresses, the manager that stays, and
 * the shutdown order (the reboot goes in reverse).
 */
public record EmergencyState(WorkloadBackup workload, SavedNode keptManager, List<SavedNode> nodes, int managers) {
    public static final Path DEFAULT = Path.of("/var/lib/swarmops/emergency-state.json");

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
        if (!e.isObject()) {
            throw SwarmOpsException.invalid(file + " is a backup, not an emergency state file");
        }
        List<SavedNode> nodes = new ArrayList<>();
        e.path("ShutdownOrder").forEach(n -> nodes.add(node(n)));
        return new EmergencyState(b, node(e.path("KeptManager")), nodes, e.path("Managers").asInt());
    }

    private static ObjectNode node(SavedNode n) {
        return Json.object().put("ID", n.id()).put("Hostname", n.hostname()).put("Addr", n.addr()).put("Role", n.role());
    }

    private static SavedNode node(JsonNode n) {
        return new SavedNode(n.path("ID").asText(), n.path("Hostname").asText(), n.path("Addr").asText(), n.path("Role").asText());
    }
}
