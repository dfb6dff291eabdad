package io.swarmops.cli.cluster;

import io.swarmops.ops.model.ClusterSnapshot;
import io.swarmops.ops.model.ManagerQuorum;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What {@code cluster status} reports, computed from one snapshot (pure). Field names follow the
 * Engine API's style, so the JSON reads like docker's own.
 */
public record ClusterReport(
        List<NodeLine> nodes,
        ManagerQuorum quorum,
        List<ServiceLine> services,
        double taskSpread,
        Verdict verdict,
        List<String> problems) {

    public enum Verdict { OK, WARNING }

    public record NodeLine(String id, String hostname, String role, String state, String availability,
            String managerStatus, int runningTasks) {
    }

    public record ServiceLine(String id, String name, String mode, long running, long desired) {
    }

    public static ClusterReport of(ClusterSnapshot snapshot) {
        Map<Node, Integer> perNode = snapshot.runningTasksPerNode(n -> true);
        List<NodeLine> nodes = new ArrayList<>();
        perNode.forEach((n, count) -> nodes.add(new NodeLine(n.id(), n.hostname(), n.role(), n.state(), n.availability(),
                n.managerStatusColumn(), count)));
        nodes.sort(Comparator.comparing(NodeLine::hostname, io.swarmops.cli.format.NaturalOrder.INSTANCE));
        List<String> problems = new ArrayList<>();
        List<ServiceLine> services = new ArrayList<>();
        for (Service s : snapshot.services()) {
            List<Task> running = snapshot.runningTasks(s.id());
            long desired = s.isReplicated() ? s.replicas()
                    : snapshot.tasks().stream().filter(t -> t.serviceId().equals(s.id()) && t.desiredRunning()).count();
            if (s.mode().endsWith("job")) {
                desired = running.size();
            }
            services.add(new ServiceLine(s.id(), s.name(), s.mode(), running.size(), desired));
            if (running.size() < desired) {
                problems.add("service " + s.name() + ": " + running.size() + "/" + desired + " running");
            }
        }
        services.sort(Comparator.comparing(ServiceLine::name));
        ManagerQuorum quorum = ManagerQuorum.of(snapshot.nodes());
        for (Node n : snapshot.nodes()) {
            if (!n.isReady()) {
                problems.add("node " + n.hostname() + " is " + n.state());
            } else if (!n.isActive()) {
                problems.add("node " + n.hostname() + " is " + n.availability());
            }
        }
        // A manager listed the nodes, so a leader answered: the quorum is held, whatever the list says
        // of managers still joining. Lost quorum shows as NO_LEADER before a snapshot can be taken.
        Verdict verdict;
        if (!problems.isEmpty() || quorum.reachable() < quorum.managers() || quorum.managers() % 2 == 0) {
            verdict = Verdict.WARNING;
            if (quorum.reachable() < quorum.managers()) {
                problems.add(0, (quorum.managers() - quorum.reachable()) + " of " + quorum.managers() + " managers not reachable");
            }
            if (quorum.managers() % 2 == 0) {
                problems.add("an even number of managers (" + quorum.managers() + ") adds no fault tolerance");
            }
        } else {
            verdict = Verdict.OK;
        }
        return new ClusterReport(nodes, quorum, services, snapshot.spread(), verdict, problems);
    }
}
