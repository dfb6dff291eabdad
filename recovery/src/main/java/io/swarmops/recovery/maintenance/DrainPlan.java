package io.swarmops.recovery.maintenance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a drain that keeps capacity will do, planned on a snapshot: the replicated services whose
 * tasks on the drained nodes get their replacements running elsewhere first ({@code keep}, one
 * entry per service and node), those that cannot keep their capacity and why ({@code cannotKeep}),
 * and the global services and jobs, reported and left to Swarm ({@code notMoved}).
 */
public record DrainPlan(List<Node> nodes, List<Entry> keep, List<Entry> cannotKeep, List<Entry> notMoved) {

    /** One service's tasks on one drained node ({@code hostname} "" for a service across them), and why, when it cannot keep capacity. */
    public record Entry(String serviceId, String service, String nodeId, String hostname, int tasks, String why) {
    }

    public DrainPlan {
        nodes = List.copyOf(nodes);
        keep = List.copyOf(keep);
        cannotKeep = List.copyOf(cannotKeep);
        notMoved = List.copyOf(notMoved);
    }

    /** The services that cannot keep capacity and are not among those allowed to run short. */
    public List<Entry> refused(Set<String> allowShort) {
        return cannotKeep.stream().filter(e -> !allowShort.contains(e.service()) && !allowShort.contains(e.serviceId())).toList();
    }

    /** The plan, one line a service: what moves first, what runs short, what Swarm handles. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (Entry e : keep) {
            out.add("  keep capacity: " + e.service() + ": " + e.tasks() + " task(s) on " + e.hostname()
                    + " replaced elsewhere first (start-first, only those tasks)");
        }
        for (Entry e : cannotKeep) {
            out.add("  cannot keep capacity: " + e.service() + ": " + e.tasks() + " task(s) (" + e.why() + ")");
        }
        for (Entry e : notMoved) {
            out.add("  not moved: " + e.service() + " (" + e.why() + ")");
        }
        if (out.isEmpty()) {
            out.add("  no task to move");
        }
        return out;
    }

    public ObjectNode toJson() {
        ObjectNode doc = Json.object();
        ArrayNode n = doc.putArray("Nodes");
        nodes.forEach(x -> n.add(x.hostname()));
        doc.set("KeepCapacity", entries(keep));
        doc.set("CannotKeepCapacity", entries(cannotKeep));
        doc.set("NotMoved", entries(notMoved));
        return doc;
    }

    private static ArrayNode entries(List<Entry> entries) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (Entry e : entries) {
            ObjectNode o = a.addObject().put("Service", e.service()).put("Tasks", e.tasks());
            if (!e.hostname().isEmpty()) {
                o.put("Node", e.hostname());
            }
            if (!e.why().isEmpty()) {
                o.put("Reason", e.why());
            }
        }
        return a;
    }
}
