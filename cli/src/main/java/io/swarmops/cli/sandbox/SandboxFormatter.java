package io.swarmops.cli.sandbox;

import io.swarmops.cli.OutputOptions;
import io.swarmops.cli.format.JsonOutput;
import io.swarmops.cli.format.Table;
import io.swarmops.cli.format.Times;
import io.swarmops.sandbox.Sandbox;
import java.io.PrintWriter;
import java.util.List;

/** A sandbox's nodes as {@code sandbox status} prints them: a table, a template, or one JSON document. */
final class SandboxFormatter {
    private SandboxFormatter() {
    }

    static void print(PrintWriter out, OutputOptions output, List<Sandbox.NodeStatus> nodes) {
        if (output.json()) {
            JsonOutput.print(out, nodes);
            return;
        }
        Table t = Table.of("NODE", "ADDRESS", "DAEMON", "ROLE", "STATUS", "MANAGER STATUS", "HOST");
        nodes.forEach(n -> t.row(n.name(), n.address(), n.running() ? "running" : "off", n.role(), Times.capitalize(n.state()),
                n.managerStatus(), n.host()));
        t.print(out, output.template());
    }
}
