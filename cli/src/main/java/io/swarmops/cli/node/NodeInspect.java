package io.swarmops.cli.node;

import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.cli.format.JsonOutput;
import io.swarmops.cli.format.Times;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code node inspect}: the Engine's node objects as a JSON array (docker's default), or {@code --pretty}. */
@Command(name = "inspect", description = "Display detailed information on one or more nodes ('self' for this node)",
        mixinStandardHelpOptions = true)
public final class NodeInspect extends SwarmopsVerb {
    @Parameters(arity = "1..*", paramLabel = "NODE")
    List<String> nodes;

    @Option(names = "--pretty", description = "Print the information in a human friendly format")
    boolean pretty;

    @Override
    protected int execute() {
        List<Node> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String ref : nodes) {
            try {
                found.add(gateway().node(ref));
            } catch (SwarmOpsException e) {
                if (e.kind() != SwarmOpsException.Kind.NOT_FOUND) {
                    throw e;
                }
                missing.add(e.getMessage());
            }
        }
        if (pretty) {
            found.forEach(this::printPretty);
        } else {
            JsonOutput.printAll(out(), found, Node::raw);
        }
        if (!missing.isEmpty()) {
            throw new SwarmOpsException(SwarmOpsException.Kind.NOT_FOUND, String.join("; ", missing));
        }
        return 0;
    }

    private void printPretty(Node n) {
        var o = out();
        o.println("ID:\t\t\t" + n.id());
        if (!n.labels().isEmpty()) {
            o.println("Labels:");
            n.labels().forEach((k, v) -> o.println(" - " + k + "=" + v));
        }
        o.println("Hostname:\t\t" + n.hostname());
        o.println("Joined at:\t\t" + n.createdAt());
        o.println("Status:");
        o.println(" State:\t\t\t" + Times.capitalize(n.state()));
        o.println(" Availability:\t\t" + Times.capitalize(n.availability()));
        o.println(" Address:\t\t" + n.addr());
        if (n.manager() != null) {
            o.println("Manager Status:");
            o.println(" Address:\t\t" + n.manager().addr());
            o.println(" Raft Status:\t\t" + Times.capitalize(n.manager().reachability()));
            o.println(" Leader:\t\t" + (n.isLeader() ? "Yes" : "No"));
        }
        o.println("Platform:");
        o.println(" Operating System:\t" + Json.text(n.raw().path("Description").path("Platform"), "OS"));
        o.println(" Architecture:\t\t" + Json.text(n.raw().path("Description").path("Platform"), "Architecture"));
        o.println("Resources:");
        o.println(" CPUs:\t\t\t" + n.nanoCpus() / 1_000_000_000L);
        o.println(" Memory:\t\t" + Bytes.human(n.memoryBytes()));
        o.println("Engine Version:\t\t" + n.engineVersion());
        if (!n.engineLabels().isEmpty()) {
            o.println("Engine Labels:");
            n.engineLabels().forEach((k, v) -> o.println(" - " + k + "=" + v));
        }
        o.println();
    }
}
