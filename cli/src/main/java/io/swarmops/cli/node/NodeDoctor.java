package io.swarmops.cli.node;

import io.swarmops.cli.ConfirmOptions;
import io.swarmops.cli.Confirmation;
import io.swarmops.cli.ExitCodes;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.cli.node.NodeHealth.Finding;
import io.swarmops.cli.node.NodeHealth.Severity;
import io.swarmops.ops.DockerEndpoint;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.engine.SshCommand;
import io.swarmops.ops.model.EngineInfo;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code node doctor}: each node's dockerd setup against what a swarm node needs: the restart
 * drop-in (seed 002), live-restore off on managers, the daemon reachable as the inventory says.
 * The drop-in is read, and with {@code --fix} written, over the node's ssh:// address from the
 * inventory: fixed argument lists, the file's content on stdin, then {@code systemctl daemon-reload}.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check each node's dockerd systemd setup for swarm; --fix writes the restart drop-in over ssh")
public final class NodeDoctor extends SwarmopsVerb {
    @Parameters(arity = "0..*", paramLabel = "NODE", description = "Hostnames or IDs (default: every node)")
    List<String> refs = new ArrayList<>();

    @Option(names = "--fix", description = "Write the restart drop-in where it is missing or differs (shows the diff, asks unless --yes)")
    boolean fix;

    @Option(names = "--etc-root", paramLabel = "DIR", defaultValue = "/etc",
            description = "The nodes' /etc (default: ${DEFAULT-VALUE}); another directory for drills and tests: systemd is then not reloaded")
    String etcRoot;

    @Mixin
    ConfirmOptions confirm;

    @Mixin
    NodeAccess access;

    /** What one node has, read over the inventory. */
    record Exam(Node node, EngineInfo info, String error, SshCommand ssh, String dropIn, List<Finding> findings) {
    }

    @Override
    protected int execute() {
        if (!etcRoot.startsWith("/") || !SshCommand.plainWord(etcRoot)) {
            throw SwarmOpsException.invalid("--etc-root " + etcRoot + ": an absolute path of letters, digits and ._/-");
        }
        List<Node> all = gateway().nodes();
        access.check(all);
        List<Node> nodes = refs.isEmpty() ? all : refs.stream().map(r -> all.stream().filter(n -> r.equals(n.hostname()) || r.equals(n.id()))
                .findFirst().orElseThrow(() -> SwarmOpsException.notFound("node", r))).toList();
        String path = etcRoot.replaceAll("/+$", "") + "/" + DockerUnit.DROP_IN_DIR + "/" + DockerUnit.DROP_IN_FILE;
        List<NodeAccess.Outcome<EngineInfo>> infos = access.eachNode(context(), nodes, access.timeout(), g -> g.info());
        List<Exam> exams = infos.parallelStream().map(o -> examine(o, path)).toList();
        int worst = 0;
        for (Exam e : exams) {
            if (e.findings().isEmpty()) {
                out().println(e.node().hostname() + ": OK");
            }
            for (Finding f : e.findings()) {
                out().println(e.node().hostname() + ": " + f.severity() + ": " + f.text());
                worst = Math.max(worst, f.severity().ordinal());
            }
        }
        out().flush();
        if (!fix) {
            return worst;
        }
        List<Exam> toFix = exams.stream().filter(e -> e.ssh() != null && e.error() == null && !DockerUnit.DROP_IN.equals(e.dropIn())).toList();
        if (toFix.isEmpty()) {
            context().say("nothing to fix");
            return worst;
        }
        for (Exam e : toFix) {
            out().println("# " + e.node().hostname() + " (" + access.endpoint(e.node()).describe() + ")");
            DockerUnit.diff(path, e.dropIn()).forEach(out()::println);
        }
        out().flush();
        if (!Confirmation.confirm(context(), confirm, "Write the drop-in on " + toFix.size() + " node(s)" + (isEtc() ? " and reload systemd" : "") + "?")) {
            context().say("not confirmed: nothing written");
            return ExitCodes.FAILED;
        }
        List<String> failures = new ArrayList<>();
        toFix.parallelStream().forEach(e -> {
            try {
                write(e.ssh(), path);
                synchronized (out()) {
                    out().println(e.node().hostname() + ": wrote " + path + (isEtc() ? ", systemd reloaded" : " (--etc-root: systemd not reloaded)"));
                }
            } catch (SwarmOpsException x) {
                failures.add(e.node().hostname() + ": " + x.getMessage());
            }
        });
        failures.forEach(context()::say);
        return failures.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private boolean isEtc() {
        return "/etc".equals(etcRoot.replaceAll("/+$", ""));
    }

    private Exam examine(NodeAccess.Outcome<EngineInfo> o, String path) {
        Node n = o.node();
        List<Finding> f = new ArrayList<>();
        DockerEndpoint endpoint;
        try {
            endpoint = access.endpoint(n);
        } catch (SwarmOpsException e) {
            f.add(new Finding(Severity.CRITICAL, e.getMessage()));
            return new Exam(n, null, e.getMessage(), null, null, f);
        }
        if (!o.ok()) {
            f.add(new Finding(Severity.CRITICAL, "its daemon does not answer at " + endpoint.describe() + ": " + o.error()));
            return new Exam(n, null, o.error(), null, null, f);
        }
        if (!"ssh".equals(endpoint.host().getScheme())) {
            f.addAll(DockerUnit.judge(n, o.value(), DockerUnit.DROP_IN).stream().filter(x -> !x.text().contains("drop-in")).toList());
            f.add(new Finding(Severity.WARNING, "the inventory reaches it at " + endpoint.host() + ", not over ssh: its systemd setup is not checked"));
            return new Exam(n, o.value(), null, null, null, f);
        }
        SshCommand ssh = SshCommand.parse(endpoint.host());
        SshCommand.Result r = ssh.run(List.of("cat", path), new byte[0], access.timeout());
        String dropIn = r.exitCode() == 0 ? r.stdout() + "\n" : null;
        if (r.exitCode() != 0 && !r.stderr().contains("No such file")) {
            f.add(new Finding(Severity.CRITICAL, "cannot read " + path + " over ssh: " + r.stderr()));
            return new Exam(n, o.value(), r.stderr(), ssh, null, f);
        }
        f.addAll(DockerUnit.judge(n, o.value(), dropIn));
        String root = Json.text(o.value().raw(), "DockerRootDir");
        if (SshCommand.plainWord(root)) {
            SshCommand.Result df = ssh.run(List.of("df", "-Pk", root), new byte[0], access.timeout());
            f.addAll(DockerUnit.disk(root, df.exitCode() == 0 ? df.stdout() : df.stderr()));
        } else {
            f.add(new Finding(Severity.WARNING, "the daemon names no plain data root (" + root + "): free space not checked"));
        }
        return new Exam(n, o.value(), null, ssh, dropIn, f);
    }

    private void write(SshCommand ssh, String path) {
        String dir = path.substring(0, path.lastIndexOf('/'));
        check(ssh.run(List.of("mkdir", "-p", dir), new byte[0], access.timeout()), "mkdir -p " + dir);
        check(ssh.run(List.of("tee", path), DockerUnit.DROP_IN.getBytes(StandardCharsets.UTF_8), access.timeout()), "tee " + path);
        if (isEtc()) {
            check(ssh.run(List.of("systemctl", "daemon-reload"), new byte[0], access.timeout()), "systemctl daemon-reload");
        }
    }

    private static void check(SshCommand.Result r, String what) {
        if (r.exitCode() != 0) {
            throw new SwarmOpsException(SwarmOpsException.Kind.FAILED, what + " failed (exit " + r.exitCode() + "): " + r.stderr());
        }
    }
}
