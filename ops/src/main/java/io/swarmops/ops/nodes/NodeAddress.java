package io.swarmops.ops.nodes;

import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Node;
import java.net.URI;
import java.net.URISyntaxException;

/** A node's daemon address template and its filling with what the swarm says of the node. */
final class NodeAddress {
    private NodeAddress() {
    }

    /** Refuses an address swarmops cannot dial, before any node is tried. */
    static void check(String template, String where) {
        String probe = template.replace("{addr}", "192.0.2.1").replace("{hostname}", "h").replace("{id}", "i");
        URI uri;
        try {
            uri = new URI(probe);
        } catch (URISyntaxException e) {
            throw SwarmOpsException.invalid(where + ": not an address: " + template);
        }
        String scheme = uri.getScheme();
        if (!"unix".equals(scheme) && !"tcp".equals(scheme) && !"ssh".equals(scheme)) {
            throw SwarmOpsException.invalid(where + ": " + template + ": expected unix:///path, tcp://host:port or ssh://[user@]host[:port]");
        }
        if (!"unix".equals(scheme) && uri.getHost() == null) {
            throw SwarmOpsException.invalid(where + ": " + template + ": no host");
        }
    }

    /**
     * The template with {@code {addr}}, {@code {hostname}} and {@code {id}} filled in. Values come
     * from the cluster, so a value that is not a plain name is refused rather than spliced in.
     */
    static String fill(String template, Node node, String source) {
        String out = template;
        if (out.contains("{addr}")) {
            out = out.replace("{addr}", safe(address(node), "address", node, source));
        }
        if (out.contains("{hostname}")) {
            out = out.replace("{hostname}", safe(node.hostname(), "hostname", node, source));
        }
        if (out.contains("{id}")) {
            out = out.replace("{id}", safe(node.id(), "ID", node, source));
        }
        return out;
    }

    /** {@code Status.Addr}; a manager that reports 0.0.0.0 there is reached at its Raft address's host. */
    static String address(Node node) {
        String addr = node.addr();
        if ((addr == null || addr.isEmpty() || "0.0.0.0".equals(addr)) && node.manager() != null && node.manager().addr() != null) {
            String raft = node.manager().addr();
            int colon = raft.lastIndexOf(':');
            addr = colon > 0 ? raft.substring(0, colon) : raft;
        }
        return addr;
    }

    private static String safe(String value, String what, Node node, String source) {
        if (value == null || value.isEmpty() || "0.0.0.0".equals(value)) {
            throw new SwarmOpsException(SwarmOpsException.Kind.INVALID, "node " + node.id() + " has no " + what
                    + " in the swarm for " + source + "; name its daemon with --node-host or in nodes.match");
        }
        if (!PlainHost.is(value, false)) {
            throw new SwarmOpsException(SwarmOpsException.Kind.INVALID, "node " + node.id() + ": its " + what
                    + " is not a plain name, not used in an address; name its daemon with --node-host or in nodes.match");
        }
        return value;
    }
}
