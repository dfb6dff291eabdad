package io.swarmops.cli.node;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.OutputOptions;
import io.swarmops.cli.format.JsonOutput;
import io.swarmops.cli.format.NaturalOrder;
import io.swarmops.cli.format.Table;
import io.swarmops.cli.node.NodeHealth.DaemonView;
import io.swarmops.cli.node.NodeHealth.Finding;
import io.swarmops.cli.node.NodeHealth.Report;
import io.swarmops.ops.model.EngineInfo;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;

/** {@code node check}'s reports, by hostname in natural order: a table and each finding on a line, or one JSON array. */
final class NodeCheckFormatter {
    private NodeCheckFormatter() {
    }

    static void print(PrintWriter out, OutputOptions output, List<Report> reports) {
        List<Report> sorted = reports.stream().sorted(Comparator.comparing(r -> r.node().hostname(), NaturalOrder.INSTANCE)).toList();
        if (output.json()) {
            ArrayNode a = Json.MAPPER.createArrayNode();
            sorted.forEach(r -> a.add(json(r)));
            JsonOutput.print(out, a);
            return;
        }
        Table t = Table.of("NODE", "ROLE", "STATUS", "AVAILABILITY", "MANAGER STATUS", "ENGINE", "DAEMON", "LOCAL STATE", "CLOCK", "CHECK");
        for (Report r : sorted) {
            Node n = r.node();
            DaemonView d = r.daemon();
            t.row(n.hostname(), n.role(), n.state(), n.availability(), n.managerStatusColumn(), n.engineVersion(),
                    d == null ? "no answer" : d.info().serverVersion(), d == null ? "-" : d.info().localNodeState(),
                    d == null ? "-" : NodeHealth.skewText(d.skew()), r.worst().name());
        }
        t.print(out);
        for (Report r : sorted) {
            for (Finding f : r.findings()) {
                out.println(r.node().hostname() + ": " + f.severity() + ": " + f.text());
            }
        }
    }

    private static ObjectNode json(Report r) {
        ObjectNode o = Json.object();
        Node n = r.node();
        o.put("ID", n.id()).put("Hostname", n.hostname()).put("Check", r.worst().name()).put("Endpoint", r.endpoint());
        o.putObject("Manager").put("Role", n.role()).put("Status", n.state()).put("Availability", n.availability())
                .put("Reachability", n.manager() == null ? "" : n.manager().reachability()).put("EngineVersion", n.engineVersion());
        ObjectNode d = o.putObject("Daemon");
        d.put("Answers", r.daemon() != null);
        if (r.daemon() != null) {
            EngineInfo i = r.daemon().info();
            d.put("EngineVersion", i.serverVersion()).put("LocalNodeState", i.localNodeState()).put("NodeID", i.nodeId())
                    .put("ClusterID", i.clusterId()).put("ClockSkewMillis", r.daemon().skew().toMillis())
                    .put("DockerRootDir", Json.text(i.raw(), "DockerRootDir"));
            r.daemon().missingImages().forEach(d.putArray("MissingImages")::add);
        } else {
            d.put("Error", r.unreachable());
        }
        ArrayNode f = o.putArray("Findings");
        r.findings().forEach(x -> f.addObject().put("Severity", x.severity().name()).put("Text", x.text()));
        return o;
    }
}
