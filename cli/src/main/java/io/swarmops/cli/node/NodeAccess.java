package io.swarmops.cli.node;

import io.swarmops.cli.CommandContext;
import io.swarmops.cli.DurationConverter;
import io.swarmops.ops.ConnectionOptions;
import io.swarmops.ops.DockerEndpoint;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.nodes.NodeInventory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * How commands reach each node's own daemon: the node inventory ({@code nodes:} of the config file),
 * {@code --node-host} above it, and a per-node timeout. Work over several nodes runs in parallel;
 * a node that does not answer in time is reported and never holds the others up.
 */
public final class NodeAccess {
    /** The config file when {@code --config} is not given; else /etc/swarmops/power.yaml when it exists. */
    public static final String CONFIG_VARIABLE = "SWARMOPS_CONFIG";

    @Option(names = "--config", paramLabel = "FILE",
            description = "Config file with the node inventory (nodes:); default: $SWARMOPS_CONFIG, else /etc/swarmops/power.yaml when it exists")
    Path config;

    @Option(names = "--node-host", paramLabel = "NODE=ADDR",
            description = "Reach NODE (hostname or ID) at ADDR: unix:///path, tcp://host:port or ssh://[user@]host[:port][/socket]")
    List<String> nodeHosts = new ArrayList<>();

    @Option(names = "--node-timeout", paramLabel = "DURATION", defaultValue = "15s", converter = DurationConverter.class,
            description = "How long each node may take to answer (default: ${DEFAULT-VALUE})")
    Duration timeout;

    private NodeInventory inventory;
    private Map<String, String> overrides;

    public NodeInventory inventory() {
        if (inventory == null) {
            Path file = configFile();
            inventory = file == null ? NodeInventory.builtIn() : NodeInventory.read(file);
        }
        return inventory;
    }

    /** The config file: --config, else $SWARMOPS_CONFIG, else /etc/swarmops/power.yaml when it exists; null for none. */
    public Path configFile() {
        Path file = config;
        String env = System.getenv(CONFIG_VARIABLE);
        if (file == null && env != null && !env.isBlank()) {
            file = Path.of(env);
        }
        if (file == null && Files.isRegularFile(Path.of("/etc/swarmops/power.yaml"))) {
            file = Path.of("/etc/swarmops/power.yaml");
        }
        return file;
    }

    public Map<String, String> overrides() {
        if (overrides == null) {
            Map<String, String> m = new LinkedHashMap<>();
            nodeHosts.forEach(a -> {
                var e = NodeInventory.parseOverride(a);
                m.put(e.getKey(), e.getValue());
            });
            overrides = m;
        }
        return overrides;
    }

    public Duration timeout() {
        return timeout;
    }

    /** Refuses a --node-host that names no node, before anything is tried. */
    public void check(List<Node> nodes) {
        NodeInventory.requireKnown(overrides(), nodes);
    }

    public DockerEndpoint endpoint(Node node) {
        return inventory().resolve(node, overrides());
    }

    /** A gateway to the node's own daemon, connect and read timeouts from {@code --node-timeout}; the caller closes it. */
    public SwarmGateway open(CommandContext context, Node node, Duration readTimeout) {
        DockerEndpoint e = endpoint(node);
        return context.gatewayTo(new ConnectionOptions(e.host().toString(), null, e.tls(), e.verify(),
                e.caCert() == null ? null : e.caCert().toString(), e.cert() == null ? null : e.cert().toString(),
                e.key() == null ? null : e.key().toString(), timeout, readTimeout));
    }

    /** What one node answered, or why it did not. */
    public record Outcome<T>(Node node, T value, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    /**
     * Runs {@code work} against each node's own daemon, all at once, each within {@code limit}
     * (zero: no limit); the outcomes in the nodes' order.
     */
    public <T> List<Outcome<T>> eachNode(CommandContext context, List<Node> nodes, Duration limit, Function<SwarmGateway, T> work) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(nodes.size(), 32)), r -> {
            Thread t = new Thread(r, "node");
            t.setDaemon(true); // a daemon stuck past its timeout never keeps swarmops running
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Node n : nodes) {
                futures.add(pool.submit(() -> {
                    try (SwarmGateway g = open(context, n, limit.isZero() ? Duration.ZERO : limit)) {
                        return work.apply(g);
                    }
                }));
            }
            long deadline = System.nanoTime() + limit.toNanos();
            List<Outcome<T>> out = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                Node n = nodes.get(i);
                try {
                    T v = limit.isZero() ? futures.get(i).get()
                            : futures.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    out.add(new Outcome<>(n, v, null));
                } catch (TimeoutException e) {
                    futures.get(i).cancel(true);
                    out.add(new Outcome<>(n, null, "no answer within " + limit.toSeconds() + "s"));
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    out.add(new Outcome<>(n, null, c instanceof SwarmOpsException ? why(c.getMessage()) : String.valueOf(c)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SwarmOpsException(SwarmOpsException.Kind.FAILED, "interrupted");
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The reason alone: each outcome is printed beside the node's address and where it came from. */
    private static String why(String message) {
        String marker = " (-H): ";
        int at = message.indexOf(marker);
        return message.startsWith("cannot connect to the Docker daemon at ") && at > 0 ? message.substring(at + marker.length()) : message;
    }
}
