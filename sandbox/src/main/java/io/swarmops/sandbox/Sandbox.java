package io.swarmops.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.ConnectionOptions;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.SwarmOpsException.Kind;
import io.swarmops.ops.Waits;
import io.swarmops.ops.Waits.Result;
import io.swarmops.ops.engine.EngineGateway;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

/**
 * A real multi-node swarm on this machine: one dockerd per node, each in its own network
 * namespace, joined by a bridge. For trying swarmops and for the integration tests. Needs root,
 * dockerd, iproute2, iptables and busybox-static.
 *
 * <p>{@link #kill} is a power cut (SIGKILL to every process of the node, containers included);
 * {@link #boot} is a power-on: the node starts clean, as after a real boot, with its data kept.
 */
public final class Sandbox {
    static final Duration DAEMON_START_TIMEOUT = Duration.ofSeconds(60);
    static final Duration SWARM_READY_TIMEOUT = Duration.ofSeconds(60);

    private final SandboxLayout layout;
    private final int nodes;
    private final int managers;

    private Sandbox(SandboxLayout layout, int nodes, int managers) {
        this.layout = layout;
        this.nodes = nodes;
        this.managers = managers;
    }

    public SandboxLayout layout() {
        return layout;
    }

    public int nodes() {
        return nodes;
    }

    public int managers() {
        return managers;
    }

    /** Node names: node1 .. nodeN; node1..nodeM were made managers. */
    public List<String> nodeNames() {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            names.add(layout.hostname(i));
        }
        return names;
    }

    /** The {@code -H} address of a node's daemon. */
    public String host(String node) {
        return layout.dockerHost(index(node));
    }

    public String address(String node) {
        return layout.nodeAddress(index(node));
    }

    /** The address of a node whose daemon answers as a swarm manager, trying node1 first. */
    public String managerHost() {
        for (int i = 1; i <= nodes; i++) {
            if (!running(i)) {
                continue;
            }
            try (SwarmGateway g = gateway(i, Duration.ofSeconds(2))) {
                if (g.info().isManager()) {
                    return layout.dockerHost(i);
                }
            } catch (SwarmOpsException e) {
                // not reachable: try the next one
            }
        }
        throw new SwarmOpsException(Kind.UNREACHABLE, "no manager of sandbox " + layout.prefix() + " answers");
    }

    // ---- lifecycle ---------------------------------------------------------------------------

    /** Starts a sandbox; fails clearly if one with this prefix exists. On failure, removes what it made. */
    public static Sandbox up(SandboxSpec spec, ProgressListener progress) {
        requireRoot();
        if (find(spec.prefix()).isPresent()) {
            throw new SwarmOpsException(Kind.CONFLICT, "sandbox " + spec.prefix() + " already exists; "
                    + "'swarmops sandbox down --prefix " + spec.prefix() + "' removes it");
        }
        Sandbox sandbox;
        try (FileLock lock = lockRegistry()) {
            sandbox = new Sandbox(SandboxLayout.of(spec.prefix(), freeBlock()), spec.nodes(), spec.managers());
            sandbox.writeState();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            sandbox.create(progress);
            return sandbox;
        } catch (RuntimeException e) {
            progress.step("start failed: " + e.getMessage() + "; removing what was made");
            sandbox.down(ProgressListener.SILENT);
            throw e;
        }
    }

    /** The sandbox with this prefix, from its state file. */
    public static Optional<Sandbox> find(String prefix) {
        Path state = SandboxLayout.of(prefix, 0).stateFile();
        if (!Files.isRegularFile(state)) {
            return Optional.empty();
        }
        try {
            JsonNode s = Json.MAPPER.readTree(state.toFile());
            return Optional.of(new Sandbox(SandboxLayout.of(prefix, s.path("Block").asInt()), s.path("Nodes").asInt(),
                    s.path("Managers").asInt()));
        } catch (java.io.FileNotFoundException gone) {
            return Optional.empty(); // removed since the look above: another run's sandbox going down
        } catch (IOException e) {
            throw new SwarmOpsException(Kind.FAILED, "unreadable sandbox state " + state + ": " + e.getMessage());
        }
    }

    /** Every sandbox on this machine. */
    public static List<Sandbox> all() {
        if (!Files.isDirectory(SandboxLayout.STATE_ROOT)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(SandboxLayout.STATE_ROOT)) {
            return dirs.filter(Files::isDirectory).map(d -> find(d.getFileName().toString())).flatMap(Optional::stream)
                    .sorted(Comparator.comparing(s -> s.layout.prefix())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void create(ProgressListener progress) {
        long t0 = System.nanoTime();
        createNetwork();
        progress.step("network: bridge " + layout.bridge() + " " + layout.bridgeAddress() + "/24, " + nodes + " namespaces");
        byte[] image = BusyboxImage.rootfsTar();
        parallel(nodes, i -> {
            long t = System.nanoTime();
            startDaemon(i);
            awaitDaemon(i);
            try (SwarmGateway g = gateway(i, Duration.ofSeconds(30))) {
                g.importImage(BusyboxImage.stream(image), BusyboxImage.REPO, BusyboxImage.TAG);
            }
            progress.step(layout.hostname(i) + ": dockerd ready, " + BusyboxImage.NAME + " loaded (" + seconds(t) + ")");
        });
        formSwarm(progress);
        progress.step("sandbox " + layout.prefix() + " up in " + seconds(t0) + ": " + nodes + " nodes, " + managers
                + " managers; manager: -H " + layout.dockerHost(1));
    }

    private void createNetwork() {
        String br = layout.bridge();
        HostCommands.check("ip", "link", "add", br, "type", "bridge");
        HostCommands.check("ip", "addr", "add", layout.bridgeAddress() + "/24", "dev", br);
        HostCommands.check("ip", "link", "set", br, "up");
        // docker sets FORWARD to DROP: let the nodes talk, and nothing leave the bridge
        HostCommands.check("iptables", "-I", "FORWARD", "-i", br, "-o", br, "-j", "ACCEPT");
        HostCommands.check("iptables", "-I", "FORWARD", "-i", br, "!", "-o", br, "-j", "DROP");
        for (int i = 1; i <= nodes; i++) {
            String ns = layout.namespace(i);
            String veth = layout.hostVeth(i);
            String peer = veth + "p";
            HostCommands.check("ip", "netns", "add", ns);
            HostCommands.check("ip", "link", "add", veth, "type", "veth", "peer", "name", peer);
            HostCommands.check("ip", "link", "set", peer, "netns", ns);
            HostCommands.check("ip", "-n", ns, "link", "set", peer, "name", "eth0");
            HostCommands.check("ip", "-n", ns, "addr", "add", layout.nodeAddress(i) + "/24", "dev", "eth0");
            HostCommands.check("ip", "-n", ns, "link", "set", "eth0", "up");
            HostCommands.check("ip", "-n", ns, "link", "set", "lo", "up");
            HostCommands.check("ip", "-n", ns, "route", "add", "default", "via", layout.bridgeAddress());
            HostCommands.check("ip", "link", "set", veth, "master", br, "up");
        }
    }

    private void startDaemon(int i) {
        try {
            Files.createDirectories(layout.dataRoot(i));
            Files.createDirectories(layout.runDir());
            ProcessBuilder pb = new ProcessBuilder(layout.daemonCommand(i))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.log(i).toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.start();
        } catch (IOException e) {
            throw new SwarmOpsException(Kind.FAILED, "cannot start dockerd for " + layout.hostname(i) + ": " + e.getMessage(), e);
        }
    }

    private void awaitDaemon(int i) {
        Result answers = Waits.backoff(Duration.ofMillis(50), Duration.ofMillis(500)).poll(DAEMON_START_TIMEOUT, () -> {
            if (Files.exists(layout.socket(i))) {
                try (SwarmGateway g = gateway(i, Duration.ofSeconds(2))) {
                    g.info();
                    return Result.done();
                } catch (SwarmOpsException notYet) {
                    // still starting
                }
            }
            return Result.pending("dockerd");
        }, what -> { });
        if (!answers.isDone()) {
            throw new SwarmOpsException(Kind.TIMEOUT, layout.hostname(i) + ": dockerd did not answer within "
                    + DAEMON_START_TIMEOUT.toSeconds() + " s; its log: " + layout.log(i) + lastLogLine(i));
        }
    }

    private void formSwarm(ProgressListener progress) {
        long t = System.nanoTime();
        String leaderAddr = layout.nodeAddress(1) + ":2377";
        try (SwarmGateway first = gateway(1, Duration.ofSeconds(60))) {
            ObjectNode init = Json.object();
            init.put("ListenAddr", leaderAddr);
            init.put("AdvertiseAddr", leaderAddr);
            init.putArray("DefaultAddrPool").add(SandboxLayout.OVERLAY_POOL);
            init.put("SubnetSize", SandboxLayout.OVERLAY_SUBNET_SIZE);
            init.putObject("Spec");
            first.swarmInit(init);
            var swarm = first.swarm();
            for (int i = 2; i <= managers; i++) {
                join(i, swarm.managerToken(), leaderAddr); // one at a time: each is a Raft membership change
            }
            parallel(nodes - managers, k -> join(managers + k, swarm.workerToken(), leaderAddr));
            awaitReady(first);
        }
        progress.step("swarm formed (" + seconds(t) + ")");
    }

    private void join(int i, String token, String leaderAddr) {
        try (SwarmGateway g = gateway(i, Duration.ofSeconds(60))) {
            ObjectNode join = Json.object();
            join.put("ListenAddr", layout.nodeAddress(i) + ":2377");
            join.put("AdvertiseAddr", layout.nodeAddress(i) + ":2377");
            join.putArray("RemoteAddrs").add(leaderAddr);
            join.put("JoinToken", token);
            g.swarmJoin(join);
        }
    }

    private void awaitReady(SwarmGateway manager) {
        Result ready = Waits.backoff(Duration.ofMillis(200), Duration.ofMillis(200)).poll(SWARM_READY_TIMEOUT, () -> {
            List<Node> ns = manager.nodes();
            long up = ns.stream().filter(Node::isReady).count();
            long mgrs = ns.stream().filter(n -> n.isManager() && n.manager() != null && n.manager().reachable()).count();
            return up == nodes && mgrs == managers ? Result.done()
                    : Result.pending(up + "/" + nodes + " nodes ready, " + mgrs + "/" + managers + " managers reachable");
        }, what -> { });
        if (!ready.isDone()) {
            throw new SwarmOpsException(Kind.TIMEOUT, "swarm of sandbox " + layout.prefix() + " not ready: " + ready.detail());
        }
    }

    /** A power cut: SIGKILL to every process of the node, containers included. */
    public void kill(String node) {
        int i = index(node);
        Set<Long> pids = NodeProcesses.of(layout.namespace(i));
        killAll(pids);
    }

    /** A power-on: the node starts clean (no pid file, no exec-root), with its data, and answers again. */
    public void boot(String node) {
        int i = index(node);
        if (running(i)) {
            throw new SwarmOpsException(Kind.CONFLICT, node + " is already running");
        }
        clearRunState(i);
        startDaemon(i);
        awaitDaemon(i);
    }

    /** Whether the node's dockerd is alive. */
    public boolean running(String node) {
        return running(index(node));
    }

    private boolean running(int i) {
        try {
            if (!Files.exists(layout.pidFile(i))) {
                return false;
            }
            long pid = Long.parseLong(Files.readString(layout.pidFile(i)).trim());
            return NodeProcesses.alive(pid) && NodeProcesses.of(layout.namespace(i)).contains(pid);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    /** Removes everything: processes, mounts, namespaces, bridge, iptables rules, state. */
    public void down(ProgressListener progress) {
        long t = System.nanoTime();
        reportCrashes(progress);
        Set<Long> pids = new HashSet<>();
        for (int i = 1; i <= nodes; i++) {
            pids.addAll(NodeProcesses.of(layout.namespace(i)));
        }
        killAll(pids);
        unmountUnder(layout.runDir());
        unmountUnder(layout.stateDir());
        for (int i = 1; i <= nodes; i++) {
            HostCommands.quietly("ip", "netns", "del", layout.namespace(i));
            HostCommands.quietly("ip", "link", "del", layout.hostVeth(i));
        }
        HostCommands.quietly("ip", "link", "del", layout.bridge());
        String br = layout.bridge();
        while (HostCommands.run(List.of("iptables", "-D", "FORWARD", "-i", br, "-o", br, "-j", "ACCEPT")).ok()) {
            // remove every copy
        }
        while (HostCommands.run(List.of("iptables", "-D", "FORWARD", "-i", br, "!", "-o", br, "-j", "DROP")).ok()) {
            // remove every copy
        }
        BusyboxImage.deleteTree(layout.runDir());
        BusyboxImage.deleteTree(layout.stateDir());
        progress.step("sandbox " + layout.prefix() + " removed (" + seconds(t) + ")");
    }

    /** A daemon that died on its own (a panic, a fatal error) leaves its last words in the log: show them before it goes. */
    private void reportCrashes(ProgressListener progress) {
        for (int i = 1; i <= nodes; i++) {
            try {
                if (!Files.exists(layout.log(i))) {
                    continue;
                }
                List<String> lines = Files.readAllLines(layout.log(i));
                int at = -1;
                for (int k = 0; k < lines.size(); k++) {
                    if (lines.get(k).startsWith("panic:") || lines.get(k).contains("level=fatal")) {
                        at = k;
                        break;
                    }
                }
                if (at >= 0) {
                    progress.step(layout.hostname(i) + ": dockerd crashed: " + String.join("\n  ",
                            lines.subList(Math.max(0, at - 5), Math.min(lines.size(), at + 25))));
                }
            } catch (IOException e) {
                // a log that cannot be read has nothing to tell
            }
        }
    }

    /** Per node: address, docker host, whether dockerd runs, and its swarm role/state as a manager sees it. */
    public List<NodeStatus> status() {
        List<Node> seen = List.of();
        try (SwarmGateway g = EngineGateway.connect(ConnectionOptions.forHost(managerHost()))) {
            seen = g.nodes();
        } catch (SwarmOpsException e) {
            // no manager answers: report what the host knows
        }
        List<NodeStatus> out = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            String name = layout.hostname(i);
            Optional<Node> n = seen.stream().filter(x -> x.hostname().equals(name)).findFirst();
            out.add(new NodeStatus(name, layout.nodeAddress(i), layout.dockerHost(i), running(i),
                    n.map(Node::role).orElse(""), n.map(Node::state).orElse(""), n.map(Node::managerStatusColumn).orElse("")));
        }
        return out;
    }

    /** One node as {@code sandbox status} shows it. */
    public record NodeStatus(String name, String address, String host, boolean running, String role, String state,
            String managerStatus) {
    }

    // ---- helpers -----------------------------------------------------------------------------

    private int index(String node) {
        String n = node.startsWith("node") ? node.substring(4) : node;
        try {
            int i = Integer.parseInt(n);
            if (i >= 1 && i <= nodes) {
                return i;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error
        }
        throw SwarmOpsException.notFound("sandbox node", node + " (sandbox " + layout.prefix() + " has node1..node" + nodes + ")");
    }

    private SwarmGateway gateway(int i, Duration readTimeout) {
        return EngineGateway.connect(new ConnectionOptions(layout.dockerHost(i), null, false, null, null, null, null,
                Duration.ofSeconds(2), readTimeout));
    }

    private void clearRunState(int i) {
        unmountUnder(layout.execRoot(i));
        unmountUnder(layout.dataRoot(i));
        BusyboxImage.deleteTree(layout.execRoot(i));
        try {
            Files.deleteIfExists(layout.pidFile(i));
            Files.deleteIfExists(layout.socket(i));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void killAll(Set<Long> pids) {
        for (long pid : pids) {
            HostCommands.quietly("kill", "-9", String.valueOf(pid));
        }
        // past the deadline the caller goes on (a process stuck in the kernel is not waited for longer)
        Waits.backoff(Duration.ofMillis(50), Duration.ofMillis(50)).poll(Duration.ofSeconds(15),
                () -> pids.stream().anyMatch(NodeProcesses::alive) ? Result.pending("processes") : Result.done(), what -> { });
    }

    /** Unmounts every mount below {@code dir}, deepest first, lazily (a killed daemon leaves them busy). */
    static void unmountUnder(Path dir) {
        String prefix = dir.toString() + "/";
        List<String> mounts = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String mountPoint = unescape(line.split(" ")[4]);
                if (mountPoint.startsWith(prefix) || mountPoint.equals(dir.toString())) {
                    mounts.add(mountPoint);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        mounts.sort(Comparator.comparingInt(String::length).reversed());
        for (String m : mounts) {
            HostCommands.quietly("umount", "-l", m);
        }
    }

    private static String unescape(String s) {
        return s.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }

    private void writeState() throws IOException {
        Files.createDirectories(layout.stateDir());
        ObjectNode s = Json.object();
        s.put("Prefix", layout.prefix());
        s.put("Block", layout.block());
        s.put("Nodes", nodes);
        s.put("Managers", managers);
        Files.writeString(layout.stateFile(), Json.PRETTY.writeValueAsString(s));
        Files.writeString(layout.daemonConfig(), "{}\n");
        Files.writeString(layout.resolvConf(), "nameserver 127.0.0.1\noptions attempts:1 timeout:1\n");
        Files.writeString(layout.inventory(), inventory());
    }

    /** Each node's own socket, by hostname: what {@code node check} and {@code service exec} read with {@code --config}. */
    String inventory() {
        StringBuilder y = new StringBuilder("# written by swarmops sandbox up: each node's own daemon\nnodes:\n  match:\n");
        for (int i = 1; i <= nodes; i++) {
            y.append("    - hostname: ").append(layout.hostname(i)).append("\n      host: ").append(layout.dockerHost(i)).append("\n");
        }
        return y.toString();
    }

    private static FileLock lockRegistry() throws IOException {
        Files.createDirectories(SandboxLayout.STATE_ROOT);
        @SuppressWarnings("resource")
        RandomAccessFile f = new RandomAccessFile(SandboxLayout.STATE_ROOT.resolve(".lock").toFile(), "rw");
        return f.getChannel().lock();
    }

    private static int freeBlock() {
        Set<Integer> used = new HashSet<>();
        all().forEach(s -> used.add(s.layout.block()));
        for (int b = 1; b <= SandboxLayout.MAX_BLOCK; b++) {
            if (!used.contains(b) && !HostCommands.run(List.of("ip", "-o", "addr", "show", "to", "198.18." + b + ".0/24")).out().contains("inet")) {
                return b;
            }
        }
        throw new SwarmOpsException(Kind.FAILED, "no free address block: " + SandboxLayout.MAX_BLOCK + " sandboxes exist");
    }

    private static void requireRoot() {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new SwarmOpsException(Kind.FAILED, "the sandbox needs root (network namespaces, bridges, dockerd)");
        }
        for (String tool : List.of("/usr/sbin/dockerd", "/usr/bin/dockerd")) {
            if (Files.isExecutable(Path.of(tool))) {
                return;
            }
        }
        throw new SwarmOpsException(Kind.FAILED, "dockerd is not installed (Debian: apt-get install docker.io)");
    }

    private String lastLogLine(int i) {
        try {
            List<String> lines = Files.readAllLines(layout.log(i));
            return lines.isEmpty() ? "" : "; last line: " + lines.get(lines.size() - 1);
        } catch (IOException e) {
            return "";
        }
    }

    private static void parallel(int count, IntConsumer task) {
        if (count <= 0) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int k = 1; k <= count; k++) {
                int idx = k;
                futures.add(pool.submit(() -> task.accept(idx)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new SwarmOpsException(Kind.FAILED, e.getCause().toString(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SwarmOpsException(Kind.FAILED, "interrupted");
        } finally {
            pool.shutdownNow();
        }
    }

    private static String seconds(long since) {
        return String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - since) / 1e9);
    }
}
