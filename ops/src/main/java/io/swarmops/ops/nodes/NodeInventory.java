package io.swarmops.ops.nodes;

import io.swarmops.ops.DockerEndpoint;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Node;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * How to reach each node's own Engine API: the {@code nodes:} section of swarmops' config file
 * (the one the emergency procedures read, {@code /etc/swarmops/power.yaml} by default):
 * <pre>
 * nodes:
 *   default: ssh://root@{addr}          # every node not matched below; built in: ssh://{addr}
 *   tls: {ca: /etc/swarmops/ca.pem, cert: /etc/swarmops/cert.pem, key: /etc/swarmops/key.pem}
 *   match:
 *     - hostname: node1
 *       host: unix:///var/run/docker.sock
 *     - id: 4l3vnqe1mb4ttzljpbd1fp3vo
 *       host: ssh://admin@10.0.0.7:2222
 *     - label: zone=east                # a node label (docker node update --label-add), or just a key
 *       host: tcp://{addr}:2376
 *       tls: {ca: /etc/swarmops/east/ca.pem, cert: ..., key: ..., verify: true}
 * </pre>
 * Addresses are {@code unix://}, {@code tcp://} (with TLS when a {@code tls:} applies) or
 * {@code ssh://[user@]host[:port]}; {@code {addr}}, {@code {hostname}} and {@code {id}} are the
 * node's address in the swarm ({@code Status.Addr}), hostname and ID. The most specific entry wins:
 * {@code --node-host}, then an ID, then a hostname, then a label (the first in the file), then
 * {@code default}.
 */
public final class NodeInventory {
    /** The built-in default: the node's swarm address over ssh, with ssh's own user and port. */
    public static final String BUILT_IN_DEFAULT = "ssh://{addr}";

    private final String origin;
    private final String defaultHost;
    private final Tls tls;
    private final List<Entry> entries;

    /**
     * @param origin      where the inventory came from, named in every endpoint's source
     * @param defaultHost the template for nodes no entry matches
     * @param tls         the TLS material for tcp:// hosts of entries without their own, or null
     * @param entries     the overrides, in file order
     */
    public NodeInventory(String origin, String defaultHost, Tls tls, List<Entry> entries) {
        this.origin = origin;
        this.defaultHost = defaultHost;
        this.tls = tls;
        this.entries = List.copyOf(entries);
    }

    /** No file: every node by its swarm address over ssh. */
    public static NodeInventory builtIn() {
        return new NodeInventory("built-in default", BUILT_IN_DEFAULT, null, List.of());
    }

    /** A node matched by what kind of reference. */
    public enum MatchKind {
        ID, HOSTNAME, LABEL
    }

    /** TLS material for a tcp:// daemon; {@code verify} checks the daemon's certificate against {@code ca}. */
    public record Tls(Path ca, Path cert, Path key, boolean verify) {
    }

    /** One override: nodes whose {@code kind} is {@code value} are reached at {@code host}. */
    public record Entry(MatchKind kind, String value, String host, Tls tls) {
        boolean matches(Node node) {
            return switch (kind) {
                case ID -> value.equals(node.id());
                case HOSTNAME -> value.equals(node.hostname());
                case LABEL -> {
                    int eq = value.indexOf('=');
                    yield eq < 0 ? node.labels().containsKey(value)
                            : value.substring(eq + 1).equals(node.labels().get(value.substring(0, eq)));
                }
            };
        }

        String describe() {
            return kind.name().toLowerCase() + " " + value;
        }
    }

    /**
     * Where to reach a node's own daemon.
     *
     * @param overrides {@code --node-host NODE=ADDR} from the command line: NODE a hostname or node ID
     */
    public DockerEndpoint resolve(Node node, Map<String, String> overrides) {
        for (var o : overrides.entrySet()) {
            if (o.getKey().equals(node.hostname()) || o.getKey().equals(node.id())) {
                return endpoint(node, o.getValue(), null, "--node-host " + o.getKey());
            }
        }
        Optional<Entry> best = entries.stream().filter(e -> e.matches(node)).min(Comparator.comparing(Entry::kind));
        if (best.isPresent()) {
            Entry e = best.get();
            return endpoint(node, e.host(), e.tls() != null ? e.tls() : tls, origin + " nodes.match " + e.describe());
        }
        return endpoint(node, defaultHost, tls, origin + " nodes.default");
    }

    /** Every --node-host NODE must name a node of the swarm: a typo would silently fall back to the default. */
    public static void requireKnown(Map<String, String> overrides, List<Node> nodes) {
        for (String ref : overrides.keySet()) {
            if (nodes.stream().noneMatch(n -> ref.equals(n.hostname()) || ref.equals(n.id()))) {
                throw new SwarmOpsException(SwarmOpsException.Kind.NOT_FOUND, "--node-host " + ref + ": no such node in the swarm");
            }
        }
    }

    /** Parses {@code NODE=ADDR} as {@code --node-host} takes it. */
    public static Map.Entry<String, String> parseOverride(String arg) {
        int eq = arg.indexOf('=');
        if (eq <= 0 || eq == arg.length() - 1) {
            throw SwarmOpsException.invalid("--node-host " + arg + ": expected NODE=ADDR, e.g. node2=ssh://root@10.0.0.2");
        }
        String addr = arg.substring(eq + 1);
        NodeAddress.check(addr, "--node-host " + arg.substring(0, eq));
        return Map.entry(arg.substring(0, eq), addr);
    }

    private static DockerEndpoint endpoint(Node node, String template, Tls tls, String source) {
        String host = NodeAddress.fill(template, node, source);
        URI uri = URI.create(host);
        if ("tcp".equals(uri.getScheme()) && tls != null) {
            String withPort = uri.getPort() < 0 ? host + ":2376" : host;
            return new DockerEndpoint(URI.create(withPort), true, tls.verify(), tls.ca(), tls.cert(), tls.key(), source);
        }
        return DockerEndpoint.plain(host, source);
    }

    // ---- reading the file ------------------------------------------------------------------------

    /** The {@code nodes:} section of a config file; the built-in default when the file has none. */
    public static NodeInventory read(Path file) {
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        } catch (IOException e) {
            throw SwarmOpsException.invalid("cannot read config " + file + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw SwarmOpsException.invalid(file + ": not valid YAML: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        if (!(doc instanceof Map<?, ?> root) || root.get("nodes") == null) {
            return new NodeInventory(file.toString(), BUILT_IN_DEFAULT, null, List.of());
        }
        return parse(file.toString(), root.get("nodes"));
    }

    static NodeInventory parse(String origin, Object section) {
        Map<?, ?> nodes = mapping(origin, "nodes", section);
        known(origin, "nodes", nodes, Set.of("default", "tls", "match"));
        String def = BUILT_IN_DEFAULT;
        if (nodes.get("default") != null) {
            def = scalar(origin, "nodes.default", nodes.get("default"));
            NodeAddress.check(def, origin + ": nodes.default");
        }
        Tls tls = nodes.get("tls") == null ? null : tls(origin, "nodes.tls", nodes.get("tls"));
        List<Entry> entries = new ArrayList<>();
        Object match = nodes.get("match");
        if (match != null) {
            if (!(match instanceof List<?> list)) {
                throw SwarmOpsException.invalid(origin + ": nodes.match: expected a list of {hostname|id|label: ..., host: ...}");
            }
            for (int i = 0; i < list.size(); i++) {
                entries.add(entry(origin, "nodes.match[" + i + "]", list.get(i)));
            }
        }
        return new NodeInventory(origin, def, tls, entries);
    }

    private static Entry entry(String origin, String where, Object raw) {
        Map<?, ?> m = mapping(origin, where, raw);
        known(origin, where, m, Set.of("hostname", "id", "label", "host", "tls"));
        List<MatchKind> kinds = new ArrayList<>();
        for (MatchKind k : MatchKind.values()) {
            if (m.containsKey(k.name().toLowerCase())) {
                kinds.add(k);
            }
        }
        if (kinds.size() != 1) {
            throw SwarmOpsException.invalid(origin + ": " + where + ": give exactly one of hostname, id, label");
        }
        MatchKind kind = kinds.get(0);
        String value = scalar(origin, where + "." + kind.name().toLowerCase(), m.get(kind.name().toLowerCase()));
        if (m.get("host") == null) {
            throw SwarmOpsException.invalid(origin + ": " + where + ": no host (e.g. host: ssh://root@{addr})");
        }
        String host = scalar(origin, where + ".host", m.get("host"));
        NodeAddress.check(host, origin + ": " + where + ".host");
        Tls tls = m.get("tls") == null ? null : tls(origin, where + ".tls", m.get("tls"));
        return new Entry(kind, value, host, tls);
    }

    private static Tls tls(String origin, String where, Object raw) {
        Map<?, ?> m = mapping(origin, where, raw);
        known(origin, where, m, Set.of("ca", "cert", "key", "verify"));
        Object verify = m.get("verify");
        if (verify != null && !(verify instanceof Boolean)) {
            throw SwarmOpsException.invalid(origin + ": " + where + ".verify: expected true or false, got " + verify);
        }
        Path ca = path(origin, where + ".ca", m.get("ca"));
        boolean v = verify == null || (Boolean) verify;
        if (v && ca == null) {
            throw SwarmOpsException.invalid(origin + ": " + where + ": verify needs ca (or verify: false)");
        }
        return new Tls(ca, path(origin, where + ".cert", m.get("cert")), path(origin, where + ".key", m.get("key")), v);
    }

    private static Path path(String origin, String where, Object raw) {
        return raw == null ? null : Path.of(scalar(origin, where, raw));
    }

    private static Map<?, ?> mapping(String origin, String where, Object raw) {
        if (!(raw instanceof Map<?, ?> m)) {
            throw SwarmOpsException.invalid(origin + ": " + where + ": expected a mapping");
        }
        return m;
    }

    private static String scalar(String origin, String where, Object raw) {
        if (raw == null || raw instanceof Map<?, ?> || raw instanceof List<?>) {
            throw SwarmOpsException.invalid(origin + ": " + where + ": expected a plain string, got " + raw);
        }
        return String.valueOf(raw);
    }

    /** A misspelt key would silently send a node to the default: refused instead. */
    private static void known(String origin, String where, Map<?, ?> m, Set<String> keys) {
        for (Object k : m.keySet()) {
            if (!keys.contains(String.valueOf(k))) {
                throw SwarmOpsException.invalid(origin + ": unknown key " + where + "." + k + " (expected "
                        + String.join(", ", keys.stream().sorted().toList()) + ")");
            }
        }
    }
}
