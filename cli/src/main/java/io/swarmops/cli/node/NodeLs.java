package io.swarmops.cli.node;

import io.swarmops.cli.Filters;
import io.swarmops.cli.OutputOptions;
import io.swarmops.cli.QuietOption;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.cli.format.GoTemplate;
import io.swarmops.cli.format.Table;
import io.swarmops.cli.format.Times;
import com.fasterxml.jackson.databind.JsonNode;
import io.swarmops.ops.model.Node;
import java.util.Comparator;
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
        Map<String, List<String>> f = Filters.parse(filters);
        List<Node> nodes = filterNodes(gateway().nodes(), f).stream()
                .sorted(Comparator.comparing(Node::hostname, NaturalOrder.INSTANCE))
                .toList();
        if (quiet.quiet) {
            nodes.forEach(n -> out().println(n.id()));
        } else {
            var info = gateway().info();
            String self = info.nodeId();
            GoTemplate template = output.template();
            boolean plain = template == null && !output.json();
            // docker marks this node with " *" in the table; templates and JSON get the bare ID and .Self
            Table t = Table.of("ID", "HOSTNAME", "STATUS", "AVAILABILITY", "MANAGER STATUS", "ENGINE VERSION", "SELF", "TLS STATUS");
            JsonNode clusterTls = info.raw().path("Swarm").path("Cluster").path("TLSInfo");
            for (Node n : nodes) {
                boolean isSelf = n.id().equals(self);
                t.row(n.id() + (isSelf && plain ? " *" : ""), n.hostname(), Times.capitalize(n.state()),
                        Times.capitalize(n.availability()), n.managerStatusColumn(), n.engineVersion(), isSelf,
                        tlsStatus(n.raw().path("Description").path("TLSInfo"), clusterTls));
            }
            if (output.json()) {
                t.printJson(out());
            } else {
                (plain ? t.withoutLastColumns(2) : t).print(out(), template);
            }
        }
        return 0;
    }

    /** docker's TLS STATUS: whether the node's certificate is from the swarm's current root CA. */
    static String tlsStatus(JsonNode node, JsonNode cluster) {
        if (empty(node) || empty(cluster)) {
            return "Unknown";
        }
        return node.equals(cluster) ? "Ready" : "Needs Rotation";
    }

    private static boolean empty(JsonNode tls) {
        return tls.path("TrustRoot").asText("").isEmpty() && tls.path("CertIssuerSubject").asText("").isEmpty()
                && tls.path("CertIssuerPublicKey").asText("").isEmpty();
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
