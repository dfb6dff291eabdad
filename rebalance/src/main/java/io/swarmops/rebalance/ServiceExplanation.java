package io.swarmops.rebalance;

import io.swarmops.ops.model.ClusterSnapshot;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code service explain}: node by node, whether it can take a task of the service and every reason
 * it cannot, as the {@link PlacementFilter} the planner and the executor ask says; and for each
 * pending task the scheduler's own message beside what those reasons add up to. Pure: a snapshot in.
 *
 * @param nodes   every node of the swarm, by hostname
 * @param pending the service's tasks the scheduler has not placed yet (desired running, state new to
 *                pending; a global service's on the node it is meant for)
 */
public record ServiceExplanation(Service service, int running, List<NodeVerdict> nodes, List<PendingTask> pending) {

    /** One node: empty refusals when it can take a task now. */
    public record NodeVerdict(Node node, List<Refusal> refusals) {
        public boolean fits() {
            return refusals.isEmpty();
        }
    }

    /**
     * A task Swarm has not placed.
     *
     * @param schedulerMessage the task's Status.Message ("pending task scheduling")
     * @param schedulerError   the task's Status.Err, the scheduler's reason ("no suitable node (...)"), or ""
     * @param reading          what the filter's reasons say about it, in one line
     */
    public record PendingTask(Task task, String schedulerMessage, String schedulerError, String reading) {
    }

    /** States of a task the scheduler has not given a node yet. */
    static final Set<String> UNPLACED = Set.of("new", "allocated", "pending");

    /** @param hostnames the order to list nodes in (the CLI's natural order: node2 before node10) */
    public static ServiceExplanation explain(ClusterSnapshot snapshot, Service service, Comparator<String> hostnames) {
        PlacementFilter filter = PlacementFilter.of(service);
        Map<String, NodeUsage> usage = NodeUsage.of(snapshot, service.id());
        Map<Node, List<Refusal>> refusals = new LinkedHashMap<>();
        for (Node n : snapshot.nodes().stream().sorted(Comparator.comparing(Node::hostname, hostnames)).toList()) {
            refusals.put(n, new ArrayList<>(filter.refusals(n, usage.get(n.id()))));
        }
        spread(service, filter, snapshot.nodes(), usage, refusals);
        List<NodeVerdict> nodes = new ArrayList<>();
        refusals.forEach((n, r) -> nodes.add(new NodeVerdict(n, List.copyOf(r))));
        String reading = reading(nodes);
        List<PendingTask> pending = new ArrayList<>();
        int running = 0;
        for (Task t : snapshot.tasks()) {
            if (!t.serviceId().equals(service.id())) {
                continue;
            }
            if (t.isRunning() && t.desiredRunning()) {
                running++;
            } else if (t.desiredRunning() && UNPLACED.contains(t.state())) {
                Node on = t.nodeId().isEmpty() ? null : snapshot.node(t.nodeId()).orElse(null);
                pending.add(new PendingTask(t, t.message(), t.error(), on == null ? reading
                        : readingOn(on, filter, usage.get(on.id()), t.countsAsActive())));
            }
        }
        return new ServiceExplanation(service, running, nodes, pending);
    }

    /**
     * Placement preferences: Swarm puts a new task in the group (at each level, among the groups with
     * a node that passes the filter) holding fewest of the service's tasks. A node that passes but
     * whose group holds more than such a sibling gets a SPREAD reason: the next task goes elsewhere.
     */
    private static void spread(Service service, PlacementFilter filter, List<Node> all, Map<String, NodeUsage> usage,
            Map<Node, List<Refusal>> refusals) {
        if (filter.preferences().isEmpty()) {
            return;
        }
        Map<String, Integer> ofService = new HashMap<>();
        usage.forEach((id, u) -> ofService.put(id, u.tasksOfService()));
        SpreadGroups groups = new SpreadGroups(filter.preferences(), all, ofService);
        List<Node> passing = all.stream().filter(n -> refusals.get(n).isEmpty()).toList();
        for (Node n : passing) {
            List<String> path = groups.describe(n);
            for (int level = 0; level < path.size(); level++) {
                int own = groups.tasksInGroup(n.id(), level);
                Node fewest = null;
                for (Node m : passing) {
                    if (groups.describe(m).subList(0, level).equals(path.subList(0, level))
                            && groups.tasksInGroup(m.id(), level) < (fewest == null ? own : groups.tasksInGroup(fewest.id(), level))) {
                        fewest = m;
                    }
                }
                if (fewest != null) {
                    int least = groups.tasksInGroup(fewest.id(), level);
                    refusals.get(n).add(new Refusal(Refusal.Kind.SPREAD, String.format(Locale.ROOT,
                            "%s's group %s holds %d tasks of %s, the group %s %d: Swarm puts the next task in the group with fewest",
                            n.hostname(), path.get(level), own, service.name(), groups.describe(fewest).get(level), least), own, least));
                    break;
                }
            }
        }
    }

    /**
     * A global service's task waits on the node the orchestrator gave it: that node's reasons, with the
     * task itself taken out of what the node holds when it counts there already (pending: reservation and all).
     */
    static String readingOn(Node node, PlacementFilter filter, NodeUsage u, boolean counted) {
        NodeUsage without = !counted ? u : new NodeUsage(u.tasksOfService() - 1, u.tasks() - 1,
                u.freeNanoCpus() + filter.nanoCpus(), u.freeMemoryBytes() + filter.memoryBytes());
        List<Refusal> refusals = filter.refusals(node, without);
        return refusals.isEmpty() ? node.hostname() + " can take it now: the scheduler starts it at its next pass, or refuses it for"
                + " what swarmops does not check (host-mode published ports, volume and network plugins)"
                : "its node " + node.hostname() + " cannot take it: " + refusals.stream().map(Refusal::message).collect(Collectors.joining("; "));
    }

    /**
     * What keeps a new task off every node, by reason: "no node can take it: max-replicas on node1,
     * node2; constraint on node3"; or which nodes could take it, when some can.
     */
    static String reading(List<NodeVerdict> nodes) {
        // a node refused only for the spread takes the task when no group with fewer can
        List<String> fit = nodes.stream().filter(v -> v.refusals().stream().allMatch(r -> r.kind() == Refusal.Kind.SPREAD))
                .map(v -> v.node().hostname()).toList();
        if (!fit.isEmpty()) {
            return String.join(", ", fit) + " can take it now: the scheduler places it at its next pass, or refuses it for"
                    + " what swarmops does not check (host-mode published ports, volume and network plugins)";
        }
        if (nodes.isEmpty()) {
            return "the swarm has no nodes";
        }
        Map<String, List<String>> byKind = new LinkedHashMap<>();
        Map<String, String> first = new LinkedHashMap<>();
        for (NodeVerdict v : nodes) {
            for (Refusal r : v.refusals()) {
                byKind.computeIfAbsent(r.word(), k -> new ArrayList<>()).add(v.node().hostname());
                first.putIfAbsent(r.word(), r.message());
            }
        }
        return "no node can take it: " + byKind.entrySet().stream().map(e -> e.getKey() + " on " + String.join(", ", e.getValue()))
                .collect(Collectors.joining("; ")) + " (" + first.values().stream().collect(Collectors.joining("; ")) + ")";
    }
}
