package io.swarmops.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every name and address of one sandbox, derived from its prefix and its block index: nothing of
 * two sandboxes with different prefixes collides. Addresses are all inside 198.18.0.0/15, the
 * benchmarking range, never a private range that could be someone's network:
 * <ul>
 *   <li>the bridge {@code 198.18.B.1/24}, node N at {@code 198.18.B.(10+N)};</li>
 *   <li>node N's docker0 ({@code --bip}) {@code 198.19.B.(16(N-1)+1)/28};</li>
 *   <li>the daemons' local pools ({@code --default-address-pool}) {@code 198.19.(64+B).0/24} in /28s;</li>
 *   <li>the swarm's overlay pool ({@code DefaultAddrPool}) {@code 198.19.128.0/17} in /24s (overlay
 *       subnets live inside each swarm's own VXLAN, so sandboxes may share the pool).</li>
 * </ul>
 *
 * @param block 1..60, unique among the sandboxes on this machine
 */
public record SandboxLayout(String prefix, int block, Path stateDir, Path runDir) {
    public static final Path STATE_ROOT = Path.of("/var/lib/swarmops-sandbox");
    public static final Path RUN_ROOT = Path.of("/run/swarmops-sandbox");
    public static final int MAX_BLOCK = 60;
    public static final String OVERLAY_POOL = "198.19.128.0/17";
    public static final int OVERLAY_SUBNET_SIZE = 24;

    public static SandboxLayout of(String prefix, int block) {
        return new SandboxLayout(prefix, block, STATE_ROOT.resolve(prefix), RUN_ROOT.resolve(prefix));
    }

    public String bridge() {
        return "sbx-" + prefix;
    }

    public String bridgeAddress() {
        return "198.18." + block + ".1";
    }

    public String namespace(int node) {
        return prefix + "-node" + node;
    }

    /** Host side of node N's veth pair (at most 15 characters, as Linux wants). */
    public String hostVeth(int node) {
        return prefix + "-v" + node;
    }

    public String nodeAddress(int node) {
        return "198.18." + block + "." + (10 + node);
    }

    public String bip(int node) {
        return "198.19." + block + "." + (16 * (node - 1) + 1) + "/28";
    }

    public String localPool() {
        return "base=198.19." + (64 + block) + ".0/24,size=28";
    }

    public String hostname(int node) {
        return "node" + node;
    }

    public Path dataRoot(int node) {
        return stateDir.resolve("node" + node).resolve("data");
    }

    public Path execRoot(int node) {
        return runDir.resolve("n" + node);
    }

    public Path socket(int node) {
        return runDir.resolve("node" + node + ".sock");
    }

    public Path pidFile(int node) {
        return runDir.resolve("node" + node + ".pid");
    }

    public Path log(int node) {
        return stateDir.resolve("node" + node + ".log");
    }

    /** The nodes' resolver: nothing listens on the node's loopback, so a lookup fails at once. */
    public Path resolvConf() {
        return stateDir.resolve("resolv.conf");
    }

    public Path daemonConfig() {
        return stateDir.resolve("daemon.json");
    }

    /** The node inventory (the {@code nodes:} of swarmops' config) that reaches each node's own daemon. */
    public Path inventory() {
        return stateDir.resolve("nodes.yaml");
    }

    public Path stateFile() {
        return stateDir.resolve("sandbox.json");
    }

    public String dockerHost(int node) {
        return "unix://" + socket(node);
    }

    /** dockerd's command line for node N, run inside its namespace with its own hostname. */
    public List<String> daemonCommand(int node) {
        String dockerd = String.join(" ",
                "exec dockerd",
                "--config-file", daemonConfig().toString(),
                "--data-root", dataRoot(node).toString(),
                "--exec-root", execRoot(node).toString(),
                "-H", dockerHost(node),
                "--pidfile", pidFile(node).toString(),
                "--storage-driver", "vfs",
                "--bip", bip(node),
                "--default-address-pool", localPool(),
                "--log-level", "warn");
        // its own mount namespace: a resolv.conf that fails at once (no registry is reachable, and
        // every task start asks one), and the daemon's mounts vanish with its last process
        String setup = "mount --bind " + resolvConf() + " /etc/resolv.conf && hostname " + hostname(node) + " && ";
        return new ArrayList<>(List.of("setsid", "nsenter", "--net=/run/netns/" + namespace(node),
                "unshare", "--uts", "--mount", "--propagation", "private", "sh", "-c", setup + dockerd));
    }
}
