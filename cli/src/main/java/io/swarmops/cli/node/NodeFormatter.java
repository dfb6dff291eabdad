package io.swarmops.cli.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.swarmops.cli.OutputOptions;
import io.swarmops.cli.format.GoTemplate;
import io.swarmops.cli.format.NaturalOrder;
import io.swarmops.cli.format.Table;
import io.swarmops.cli.format.Times;
import io.swarmops.ops.model.EngineInfo;
import io.swarmops.ops.model.Node;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;

/** Nodes as {@code docker node ls} prints them (docker/cli's cli/command/node: list.go and formatter.go). */
public final class NodeFormatter {
    private NodeFormatter() {
    }

    /** {@code -q}: the IDs, in the table's order. */
    public static void printIds(PrintWriter out, List<Node> nodes) {
        sorted(nodes).forEach(n -> out.println(n.id()));
    }

    /** {@code info} is the daemon asked: its node is marked as this one (Self). */
    public static void print(PrintWriter out, OutputOptions output, List<Node> nodes, EngineInfo info) {
        String self = info.nodeId();
        GoTemplate template = output.template();
        boolean plain = template == null && !output.json();
        // docker marks this node with " *" in the table; templates and JSON get the bare ID and .Self
        Table t = Table.of("ID", "HOSTNAME", "STATUS", "AVAILABILITY", "MANAGER STATUS", "ENGINE VERSION", "SELF", "TLS STATUS");
        JsonNode clusterTls = info.raw().path("Swarm").path("Cluster").path("TLSInfo");
        for (Node n : sorted(nodes)) {
            boolean isSelf = n.id().equals(self);
            t.row(n.id() + (isSelf && plain ? " *" : ""), n.hostname(), Times.capitalize(n.state()),
                    Times.capitalize(n.availability()), n.managerStatusColumn(), n.engineVersion(), isSelf,
                    tlsStatus(n.raw().path("Description").path("TLSInfo"), clusterTls));
        }
        (plain ? t.withoutLastColumns(2) : t).print(out, output);
    }

    /** Hostnames in natural order, as docker lists them. */
    static List<Node> sorted(List<Node> nodes) {
        return nodes.stream().sorted(Comparator.comparing(Node::hostname, NaturalOrder.INSTANCE)).toList();
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
}
