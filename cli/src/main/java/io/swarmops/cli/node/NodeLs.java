package io.swarmops.cli.node;

import io.swarmops.cli.Filters;
import io.swarmops.cli.OutputOptions;
import io.swarmops.cli.QuietOption;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.ops.model.Node;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code node ls}: the nodes, sorted by hostname, with docker's columns. */
@Command(name = "ls", aliases = "list", description = "List nodes in the swarm", mixinStandardHelpOptions = true)
public final class NodeLs extends SwarmopsVerb {
    @Mixin
    OutputOptions output;

    @Mixin
    QuietOption quiet;

    @Option(names = {"-f", "--filter"}, paramLabel = "FILTER", description = "Filter output based on conditions provided (id, label, membership, name, node.label, role)")
    List<String> filters;

    @Override
    protected int execute() {
        List<Node> nodes = filterNodes(gateway().nodes(), Filters.parse(filters));
        if (quiet.quiet) {
            NodeFormatter.printIds(out(), nodes);
        } else {
            NodeFormatter.print(out(), output, nodes, gateway().info());
        }
        return 0;
    }

    /** The Engine filters node lists itself, but only on managers of recent versions: filter here, the same way. */
    static List<Node> filterNodes(List<Node> nodes, Map<String, List<String>> f) {
        return nodes.stream().filter(n -> matches(n, f)).toList();
    }

    private static boolean matches(Node n, Map<String, List<String>> f) {
        for (var e : f.entrySet()) {
            boolean any = e.getValue().stream().anyMatch(v -> switch (e.getKey()) {
                case "id" -> n.id().startsWith(v);
                case "name" -> n.hostname().contains(v);
                case "role" -> n.role().equals(v);
                case "membership" -> n.raw().path("Spec").path("Membership").asText().equals(v);
                case "label", "node.label" -> label(e.getKey().equals("label") ? n.engineLabels() : n.labels(), v);
                default -> throw io.swarmops.ops.SwarmOpsException.invalid("invalid filter '" + e.getKey() + "'");
            });
            if (!any) {
                return false;
            }
        }
        return true;
    }

    private static boolean label(Map<String, String> labels, String v) {
        int eq = v.indexOf('=');
        return eq < 0 ? labels.containsKey(v) : v.substring(eq + 1).equals(labels.get(v.substring(0, eq)));
    }
}
