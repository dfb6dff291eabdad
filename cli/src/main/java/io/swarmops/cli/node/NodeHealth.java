package io.swarmops.cli.node;

import io.swarmops.ops.model.EngineInfo;
import io.swarmops.ops.model.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a node's own daemon says beside what the manager says of it, and what does not agree: pure,
 * a manager's node object and a daemon's answer in, findings out.
 */
final class NodeHealth {
    /** Clocks further apart than this make swarm's certificates and timestamps misbehave. */
    static final Duration SKEW_WARNING = Duration.ofSeconds(2);
    static final Duration SKEW_CRITICAL = Duration.ofSeconds(60);

    private NodeHealth() {
    }

    /** Monitoring severities, in order; the ordinal is the exit code. */
    enum Severity {
        OK, WARNING, CRITICAL
    }

    record Finding(Severity severity, String text) {
    }

    /**
     * What the node's daemon answered.
     *
     * @param skew          the daemon's clock minus the manager's (latency taken out)
     * @param missingImages images its running tasks use that the daemon does not have
     */
    record DaemonView(EngineInfo info, Duration skew, List<String> missingImages) {
    }

    /** One node: the manager's view, the daemon's (null when it did not answer, with why). */
    record Report(Node node, String endpoint, DaemonView daemon, String unreachable, List<Finding> findings) {
        Severity worst() {
            return findings.stream().map(Finding::severity).max(Enum::compareTo).orElse(Severity.OK);
        }
    }

    static Report judge(Node node, String clusterId, String endpoint, DaemonView daemon, String unreachable) {
        List<Finding> f = new ArrayList<>();
        if (daemon == null) {
            f.add(new Finding(Severity.CRITICAL, "its daemon does not answer at " + endpoint + ": " + unreachable
                    + (node.isReady() ? "; the manager still lists it ready" : "")));
            return new Report(node, endpoint, null, unreachable, f);
        }
        EngineInfo info = daemon.info();
        switch (info.localNodeState()) {
            case "inactive" -> f.add(new Finding(Severity.CRITICAL, "its daemon is not in a swarm (it left or was never joined); "
                    + "the manager lists it " + node.state() + (node.isManager() ? " as a manager" : "")));
            case "locked" -> f.add(new Finding(Severity.CRITICAL, "its swarm state is locked: 'docker swarm unlock' on the node"));
            case "pending" -> f.add(new Finding(Severity.WARNING, "its daemon is still joining the swarm (pending)"));
            case "error" -> f.add(new Finding(Severity.CRITICAL, "its daemon reports a swarm error: " + info.swarmError()));
            default -> {
                // active: compared below
            }
        }
        if (info.inSwarm() && !info.nodeId().isEmpty() && !info.nodeId().equals(node.id())) {
            f.add(new Finding(Severity.CRITICAL, "the daemon at " + endpoint + " is node " + info.nodeId()
                    + ", not " + node.id() + " (rejoined under a new ID, or the inventory points at another node)"));
        }
        if (info.inSwarm() && !info.clusterId().isEmpty() && !clusterId.isEmpty() && !info.clusterId().equals(clusterId)) {
            f.add(new Finding(Severity.CRITICAL, "its daemon is in another swarm (cluster " + info.clusterId() + ", not " + clusterId + ")"));
        }
        if ("active".equals(info.localNodeState()) && !node.isReady()) {
            f.add(new Finding(Severity.WARNING, "its daemon answers and is in the swarm, but the manager lists it " + node.state()));
        }
        if (node.manager() != null && !node.manager().reachable() && "active".equals(info.localNodeState())) {
            f.add(new Finding(Severity.WARNING, "a manager whose daemon answers, but the other managers cannot reach it (raft unreachable)"));
        }
        if (!node.engineVersion().isEmpty() && !node.engineVersion().equals(info.serverVersion())) {
            f.add(new Finding(Severity.WARNING, "the manager records engine " + node.engineVersion() + ", the daemon runs " + info.serverVersion()));
        }
        Duration skew = daemon.skew().abs();
        if (skew.compareTo(SKEW_CRITICAL) > 0) {
            f.add(new Finding(Severity.CRITICAL, "its clock is " + skewText(daemon.skew()) + " off the manager's"));
        } else if (skew.compareTo(SKEW_WARNING) > 0) {
            f.add(new Finding(Severity.WARNING, "its clock is " + skewText(daemon.skew()) + " off the manager's"));
        }
        if (!daemon.missingImages().isEmpty()) {
            f.add(new Finding(Severity.WARNING, "images its tasks need are not on it: " + String.join(", ", daemon.missingImages())));
        }
        return new Report(node, endpoint, daemon, null, f);
    }

    static String skewText(Duration skew) {
        long ms = skew.toMillis();
        return (ms >= 0 ? "+" : "-") + String.format("%.1fs", Math.abs(ms) / 1000.0);
    }
}
