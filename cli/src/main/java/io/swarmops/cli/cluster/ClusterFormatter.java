package io.swarmops.cli.cluster;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.OutputOptions;
import io.swarmops.cli.format.JsonOutput;
import io.swarmops.cli.format.Table;
import io.swarmops.cli.format.Times;
import io.swarmops.ops.model.Json;
import java.io.PrintWriter;
import java.util.Locale;

/** {@code cluster status} as text (a verdict line, the problems, a node and a service table) or one JSON document. */
final class ClusterFormatter {
    private ClusterFormatter() {
    }

    static void print(PrintWriter out, OutputOptions output, ClusterReport r) {
        if (output.json()) {
            JsonOutput.print(out, json(r));
        } else {
            text(out, r);
        }
    }

    /** When there is no report: the verdict and its one problem, as a line ("CRITICAL: why") or a JSON document. */
    static void printVerdict(PrintWriter out, OutputOptions output, String verdict, String problem) {
        if (output.json()) {
            ObjectNode o = Json.object().put("Verdict", verdict);
            o.putArray("Problems").add(problem);
            JsonOutput.print(out, o);
        } else {
            out.println(verdict + ": " + problem);
        }
    }

    private static void text(PrintWriter o, ClusterReport r) {
        var q = r.quorum();
        o.println(r.verdict() + ": " + r.nodes().size() + " nodes, " + q.reachable() + "/" + q.managers()
                + " managers reachable (quorum " + q.quorumSize() + ", tolerates " + q.faultTolerance() + " failure"
                + (q.faultTolerance() == 1 ? "" : "s") + "), leader " + (q.leader().isEmpty() ? "none" : q.leader())
                + ", task spread " + String.format(Locale.ROOT, "%.2f", r.taskSpread()));
        r.problems().forEach(p -> o.println("  - " + p));
        o.println();
        Table nodes = Table.of("HOSTNAME", "ROLE", "STATUS", "AVAILABILITY", "MANAGER STATUS", "TASKS");
        r.nodes().forEach(n -> nodes.row(n.hostname(), n.role(), Times.capitalize(n.state()), Times.capitalize(n.availability()),
                n.managerStatus(), n.runningTasks()));
        nodes.print(o);
        o.println();
        Table services = Table.of("NAME", "MODE", "REPLICAS");
        r.services().forEach(s -> services.row(s.name(), s.mode(), s.running() + "/" + s.desired()));
        services.print(o);
    }

    private static ObjectNode json(ClusterReport r) {
        ObjectNode o = Json.object();
        o.put("Verdict", r.verdict().name());
        r.problems().forEach(o.withArray("Problems")::add);
        ObjectNode q = o.putObject("Quorum");
        q.put("Managers", r.quorum().managers());
        q.put("Reachable", r.quorum().reachable());
        q.put("QuorumSize", r.quorum().quorumSize());
        q.put("FaultTolerance", r.quorum().faultTolerance());
        q.put("Leader", r.quorum().leader());
        o.put("TaskSpread", r.taskSpread());
        ArrayNode nodes = o.putArray("Nodes");
        r.nodes().forEach(n -> nodes.addObject().put("ID", n.id()).put("Hostname", n.hostname()).put("Role", n.role())
                .put("State", n.state()).put("Availability", n.availability()).put("ManagerStatus", n.managerStatus())
                .put("RunningTasks", n.runningTasks()));
        ArrayNode services = o.putArray("Services");
        r.services().forEach(s -> services.addObject().put("ID", s.id()).put("Name", s.name()).put("Mode", s.mode())
                .put("RunningTasks", s.running()).put("DesiredTasks", s.desired()));
        return o;
    }
}
