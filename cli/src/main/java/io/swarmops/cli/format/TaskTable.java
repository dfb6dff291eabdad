package io.swarmops.cli.format;

import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Tasks as {@code docker service ps} and {@code docker node ps} print them: grouped by slot
 * (newest first), older tasks of a slot indented with {@code \_ }.
 */
public final class TaskTable {
    private TaskTable() {
    }

    public static void print(PrintWriter out, List<Task> tasks, Map<String, Service> services, Map<String, Node> nodes,
            boolean noTrunc, Instant now, io.swarmops.cli.OutputOptions output) {
        Table t = Table.of("ID", "NAME", "IMAGE", "NODE", "DESIRED STATE", "CURRENT STATE", "ERROR", "PORTS");
        for (SlotRow row : ordered(tasks, services)) {
            Task task = row.task();
            boolean first = row.newest();
            Service s = services.get(task.serviceId());
            Node n = nodes.get(task.nodeId());
            String image = task.raw().path("Spec").path("ContainerSpec").path("Image").asText("");
            if (!noTrunc) {
                int at = image.indexOf('@');
                image = at < 0 ? image : image.substring(0, at);
            }
            String error = task.error();
            if (!noTrunc && error.length() > 30) {
                error = error.substring(0, 29) + "…";
            }
            t.row(noTrunc ? task.id() : shortId(task.id()),
                    (first ? "" : " \\_ ") + name(task, s),
                    image,
                    n == null ? task.nodeId() : n.hostname(),
                    Times.capitalize(task.desiredState()),
                    Times.capitalize(task.state()) + " " + Times.ago(task.timestamp(), now),
                    error.isEmpty() ? "" : "\"" + error + "\"",
                    ports(task));
        }
        if (output.json()) {
            t.printJson(out);
        } else {
            t.print(out, output.template());
        }
    }

    /** Newest task of each slot first, then its predecessors; slots in service-name, slot order. */
    static List<SlotRow> ordered(List<Task> tasks, Map<String, Service> services) {
        Function<Task, String> slotKey = t -> t.serviceId() + "/" + (t.slot() > 0 ? String.valueOf(t.slot()) : t.nodeId());
        Map<String, List<Task>> bySlot = tasks.stream().collect(Collectors.groupingBy(slotKey));
        List<List<Task>> groups = new ArrayList<>(bySlot.values());
        groups.forEach(g -> g.sort(Comparator.comparing((Task t) -> t.timestamp() == null ? Instant.EPOCH : t.timestamp()).reversed()));
        groups.sort(Comparator.comparing((List<Task> g) -> {
            Service s = services.get(g.get(0).serviceId());
            return s == null ? g.get(0).serviceId() : s.name();
        }).thenComparingInt(g -> g.get(0).slot()).thenComparing(g -> g.get(0).nodeId()));
        List<SlotRow> out = new ArrayList<>();
        for (List<Task> g : groups) {
            for (int i = 0; i < g.size(); i++) {
                out.add(new SlotRow(g.get(i), i == 0));
            }
        }
        return out;
    }

    /** A task and whether it is the newest of its slot (older ones print indented). */
    record SlotRow(Task task, boolean newest) {
    }

    public static String name(Task t, Service s) {
        String service = s == null ? t.serviceId() : s.name();
        return t.slot() > 0 ? service + "." + t.slot() : service + "." + t.nodeId();
    }

    static String ports(Task t) {
        List<String> out = new ArrayList<>();
        t.raw().path("Status").path("PortStatus").path("Ports").forEach(p -> out.add("*:" + p.path("PublishedPort").asText()
                + "->" + p.path("TargetPort").asText() + "/" + p.path("Protocol").asText("tcp")));
        return String.join(",", out);
    }

    public static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
