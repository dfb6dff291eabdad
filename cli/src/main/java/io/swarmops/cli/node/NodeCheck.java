package io.swarmops.cli.node;

import io.swarmops.cli.ExitCodes;
import io.swarmops.cli.OutputOptions;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.cli.node.NodeHealth.DaemonView;
import io.swarmops.cli.node.NodeHealth.Report;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.EngineInfo;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code node check}: the "Docker active hosts": for each node, what the manager says beside what
 * the node's own daemon says, and what does not agree. All nodes at once, each within
 * {@code --node-timeout}. Exit codes as monitoring plugins use them: 0 OK, 1 WARNING,
 * 2 CRITICAL, 3 UNKNOWN (the manager did not answer).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Ask each node's own daemon and compare with what the manager says (exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN)")
public final class NodeCheck extends SwarmopsVerb {
    @Parameters(arity = "0..*", paramLabel = "NODE", description = "Hostnames or IDs (default: every node)")
    List<String> refs = new ArrayList<>();

    @Mixin
    NodeAccess access;

    @Mixin
    OutputOptions output;

    @Override
    protected int execute() {
        List<Node> all;
        String clusterId;
        Instant managerClock;
        List<Task> tasks;
        try {
            all = gateway().nodes();
            Instant before = Instant.now();
            EngineInfo managerInfo = gateway().info();
            managerClock = offset(managerInfo, before, Instant.now());
            clusterId = managerInfo.clusterId();
            tasks = gateway().tasks(Map.of("desired-state", List.of("running")));
        } catch (SwarmOpsException e) {
            context().say("UNKNOWN: the manager does not answer: " + e.getMessage());
            return ExitCodes.MON_UNKNOWN;
        }
        access.check(all);
        List<Node> nodes = refs.isEmpty() ? all : refs.stream().map(r -> all.stream()
                .filter(n -> r.equals(n.hostname()) || r.equals(n.id()) || (r.length() >= 5 && n.id().startsWith(r))).findFirst()
                .orElseThrow(() -> SwarmOpsException.notFound("node", r))).toList();
        final Instant managerOffset = managerClock;
        List<NodeAccess.Outcome<DaemonView>> outcomes = access.eachNode(context(), nodes, access.timeout(), g -> view(g, managerOffset, tasks));
        List<Report> reports = new ArrayList<>();
        for (NodeAccess.Outcome<DaemonView> o : outcomes) {
            reports.add(NodeHealth.judge(o.node(), clusterId, endpointText(o.node()), o.value(), o.error()));
        }
        NodeCheckFormatter.print(out(), output, reports);
        return reports.stream().map(Report::worst).max(Enum::compareTo).orElse(NodeHealth.Severity.OK).ordinal();
    }

    /** The daemon's answers; its clock compared at the middle of the request, as the manager's was. */
    private static DaemonView view(SwarmGateway g, Instant managerOffset, List<Task> tasks) {
        Instant before = Instant.now();
        EngineInfo info = g.info();
        Instant offset = offset(info, before, Instant.now());
        Duration skew = Duration.between(managerOffset, offset);
        Set<String> images = new LinkedHashSet<>();
        tasks.stream().filter(t -> t.nodeId().equals(info.nodeId()))
                .map(t -> Json.text(t.raw().path("Spec").path("ContainerSpec"), "Image")).filter(s -> !s.isEmpty()).forEach(images::add);
        List<String> missing = new ArrayList<>();
        for (String image : images) {
            // an image loaded or built on the node has no registry digest: its name:tag is what it has
            int at = image.indexOf('@');
            if (!g.hasImage(image) && (at < 0 || !g.hasImage(image.substring(0, at)))) {
                missing.add(image);
            }
        }
        return new DaemonView(info, skew, missing);
    }

    /**
     * A clock's offset from ours, as an instant: its time minus the middle of our request. Two of
     * them subtracted give the skew between two daemons, our clock and the latency cancelled.
     */
    private static Instant offset(EngineInfo info, Instant before, Instant after) {
        Instant theirs = Json.instant(info.raw().path("SystemTime"));
        if (theirs == null) {
            return Instant.EPOCH;
        }
        Instant middle = before.plus(Duration.between(before, after).dividedBy(2));
        return Instant.EPOCH.plus(Duration.between(middle, theirs));
    }

    private String endpointText(Node n) {
        try {
            return access.endpoint(n).describe();
        } catch (SwarmOpsException e) {
            return "(" + e.getMessage() + ")";
        }
    }
}
