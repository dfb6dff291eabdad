package io.swarmops.recovery.health;

import io.swarmops.ops.model.ClusterSnapshot;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import io.swarmops.recovery.quorum.QuorumStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One check of a swarm for monitoring (Nagios, Xymon, a Prometheus textfile): each finding with
 * its level, and the worst level as the result. Pure: a quorum status and a snapshot in.
 */
public record HealthReport(Level level, List<Finding> findings, double spread) {

    public enum Level { OK, WARNING, CRITICAL, UNKNOWN }

    public record Finding(Level level, String check, String message) {
    }

    /** Tasks failed this often in the window mark a service that keeps failing. */
    public static final int FAILING_TASKS = 3;
    public static final Duration FAILING_WINDOW = Duration.ofMinutes(15);

    public static HealthReport unavailable(QuorumStatus quorum) {
        Level level = quorum.verdict() == QuorumStatus.Verdict.LOST ? Level.CRITICAL : Level.UNKNOWN;
        return new HealthReport(level, List.of(new Finding(level, "quorum", quorum.verdict() + ": " + String.join("; ", quorum.notes()))), 0);
    }

    public static HealthReport of(QuorumStatus quorum, ClusterSnapshot snapshot, double spreadThreshold, Instant now) {
        List<Finding> f = new ArrayList<>();
        switch (quorum.verdict()) {
            case HEALTHY -> f.add(new Finding(Level.OK, "quorum", quorum.reachable() + "/" + quorum.managers()
                    + " managers reachable, tolerates " + quorum.faultTolerance()));
            case DEGRADED -> f.add(new Finding(Level.WARNING, "quorum", "degraded: " + String.join("; ", quorum.notes())));
            default -> {
                return unavailable(quorum);
            }
        }
        for (Node n : snapshot.nodes()) {
            if (!n.isReady()) {
                f.add(new Finding(Level.WARNING, "nodes", "node " + n.hostname() + " is " + n.state()));
            } else if (!n.isActive()) {
                f.add(new Finding(Level.WARNING, "nodes", "node " + n.hostname() + " is " + n.availability()));
            }
        }
        Map<String, Integer> failures = new HashMap<>();
        Map<String, Integer> workloadOnManagers = new HashMap<>();
        Map<String, Node> nodes = new HashMap<>();
        snapshot.nodes().forEach(n -> nodes.put(n.id(), n));
        for (Task t : snapshot.tasks()) {
            if (t.isFailed() && t.timestamp() != null && t.timestamp().isAfter(now.minus(FAILING_WINDOW))) {
                failures.merge(t.serviceId(), 1, Integer::sum);
            }
            Node n = nodes.get(t.nodeId());
            if (n != null && n.isManager() && t.isRunning() && t.desiredRunning()) {
                snapshot.service(t.serviceId()).filter(s -> !s.isGlobal())
                        .ifPresent(s -> workloadOnManagers.merge(n.hostname(), 1, Integer::sum));
            }
        }
        for (Service s : snapshot.services().stream().sorted(Comparator.comparing(Service::name)).toList()) {
            long running = snapshot.runningTasks(s.id()).size();
            long desired = s.isReplicated() ? s.replicas() : -1;
            if (desired > 0 && running < desired) {
                f.add(new Finding(running == 0 ? Level.CRITICAL : Level.WARNING, "services",
                        "service " + s.name() + ": " + running + "/" + desired + " running"));
            }
            int failed = failures.getOrDefault(s.id(), 0);
            if (failed >= FAILING_TASKS) {
                f.add(new Finding(Level.WARNING, "tasks", "service " + s.name() + ": " + failed + " tasks failed in the last "
                        + FAILING_WINDOW.toMinutes() + " min"));
            }
        }
        double spread = snapshot.spread();
        if (spread > spreadThreshold) {
            f.add(new Finding(Level.WARNING, "spread", String.format(Locale.ROOT,
                    "tasks per node spread %.2f > %.2f: 'swarmops rebalance' would move some", spread, spreadThreshold)));
        }
        workloadOnManagers.forEach((host, count) -> f.add(new Finding(Level.WARNING, "managers",
                "manager " + host + " runs " + count + " task(s) of replicated services (drain managers to keep Raft responsive)")));
        Level level = f.stream().map(Finding::level).max(Comparator.naturalOrder()).orElse(Level.OK);
        return new HealthReport(level, f, spread);
    }
}
