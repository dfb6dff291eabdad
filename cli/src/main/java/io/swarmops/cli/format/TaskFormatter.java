package io.swarmops.cli.format;

import io.swarmops.cli.OutputOptions;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Tasks as {@code docker service ps}, {@code node ps} and {@code stack ps} print them (docker/cli's
 * cli/command/task: print.go and formatter.go): sorted by name, newest of a name first, and in a
 * table older tasks of a slot indented with {@code \_ }.
 */
public final class TaskFormatter {
    private TaskFormatter() {
    }

    /** {@code -q}: the IDs, in the table's order, short unless {@code noTrunc}. */
    public static void printIds(PrintWriter out, List<Task> tasks, Map<String, Service> services, boolean noTrunc) {
        sorted(tasks, services).forEach(t -> out.println(noTrunc ? t.id() : Ids.shortId(t.id())));
    }

    public static void print(PrintWriter out, OutputOptions output, List<Task> tasks, Map<String, Service> services,
            Map<String, Node> nodes, boolean noTrunc, Instant now) {
        GoTemplate template = output.template();
        // docker indents only where it prints a table (its Format.IsTable()): not in JSON or a plain template
        boolean table = !output.json() && (template == null || template.table());
        Table t = Table.of("ID", "NAME", "IMAGE", "NODE", "DESIRED STATE", "CURRENT STATE", "ERROR", "PORTS");
        String previous = null;
        for (Task task : sorted(tasks, services)) {
            String name = name(task, services.get(task.serviceId()));
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
            t.row(noTrunc ? task.id() : Ids.shortId(task.id()),
                    (table && name.equals(previous) ? " \\_ " : "") + name,
                    image,
                    n == null ? task.nodeId() : n.hostname(),
                    Times.capitalize(task.desiredState()),
                    Times.capitalize(task.state()) + " " + Times.ago(task.timestamp(), now),
                    error.isEmpty() ? "" : "\"" + error + "\"",
                    ports(task));
            previous = name;
        }
        t.print(out, output);
    }

    /** docker's order (tasksSortable): names in natural order, a name's tasks newest (by CreatedAt) first; stable. */
    static List<Task> sorted(List<Task> tasks, Map<String, Service> services) {
        List<Task> out = new ArrayList<>(tasks);
        out.sort(Comparator.comparing((Task t) -> name(t, services.get(t.serviceId())), NaturalOrder.INSTANCE)
                .thenComparing(TaskFormatter::createdAt, Comparator.reverseOrder()));
        return out;
    }

    private static Instant createdAt(Task t) {
        Instant at = Json.instant(t.raw().path("CreatedAt"));
        return at == null ? Instant.EPOCH : at;
    }

    /** docker's task name: service.slot, or service.node for a global service's task. */
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
}
