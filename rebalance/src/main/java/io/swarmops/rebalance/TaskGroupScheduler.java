package io.swarmops.rebalance;

import io.swarmops.ops.model.Node;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where swarmkit's scheduler puts a group of new tasks of one service (manager/scheduler/scheduler.go
 * {@code scheduleTaskGroup}, swarmkit 3e72cb6), for the simulation:
 * <ol>
 *   <li>the decision tree over every node (nodeset.go {@code tree}): one level per placement
 *       preference, a group per label value ("" for nodes without it), each group counting the
 *       service's tasks on all its nodes; in each leaf at most n nodes, the best ones that pass the
 *       filters ({@link PlacementFilter});</li>
 *   <li>{@code scheduleNTasksOnSubtree}: at each level the tasks still to place are split so that the
 *       groups become even ({@code (tasks + n) / groups} each, the remainder one more), groups visited
 *       in Go's random map order; a group that takes fewer than its share has no room and the rest is
 *       split again over the others (group counts are not updated between rounds, as in swarmkit);</li>
 *   <li>{@code scheduleNTasksOnNodes} in a leaf: nodes ordered by fewest tasks of the service, then
 *       fewest tasks (ties at random); the first node takes tasks until the next one ranks better,
 *       then round robin, skipping nodes the filters refuse now.</li>
 * </ol>
 */
final class TaskGroupScheduler {
    private final List<Node> nodes;
    private final PlacementFilter filter;
    private final Map<String, NodeUsage> usage;
    private final Random coin;

    /** A subtree: a group of nodes at one level; a leaf holds nodes, an inner one its groups by value. */
    private static final class Tree {
        int tasks;
        final Map<String, Tree> next = new LinkedHashMap<>();
        final List<Node> leaf = new ArrayList<>();
    }

    /**
     * @param nodes  every node of the swarm (those that take no tasks still count their tasks in their group)
     * @param usage  each node's usage by id for this service; updated as tasks are placed
     */
    TaskGroupScheduler(List<Node> nodes, PlacementFilter filter, Map<String, NodeUsage> usage, Random coin) {
        this.nodes = nodes;
        this.filter = filter;
        this.usage = usage;
        this.coin = coin;
    }

    /** Places n tasks: each chosen node's id given to {@code placed} in order; returns how many found a node. */
    int place(int n, Consumer<String> placed) {
        if (n == 0) {
            return 0;
        }
        return onSubtree(n, tree(n), placed);
    }

    private Tree tree(int max) {
        Tree root = new Tree();
        List<Node> order = new ArrayList<>(nodes);
        Collections.shuffle(order, coin); // Go ranges over the node set's map in no set order
        for (Node node : order) {
            Tree t = root;
            int ofService = usage.get(node.id()).tasksOfService();
            for (String p : filter.preferences()) {
                t.tasks += ofService;
                t = t.next.computeIfAbsent(SpreadGroups.value(p, node), k -> new Tree());
            }
            t.tasks += ofService;
            if (fits(node)) {
                t.leaf.add(node); // the bounded heap (max best nodes) is cut in orderedNodes
            }
        }
        cut(root, max);
        return root;
    }

    /** nodeset.go keeps the {@code max} best nodes per leaf (a bounded max-heap). */
    private void cut(Tree t, int max) {
        if (t.next.isEmpty()) {
            t.leaf.sort(less());
            if (t.leaf.size() > max) {
                t.leaf.subList(max, t.leaf.size()).clear();
            }
            return;
        }
        t.next.values().forEach(c -> cut(c, max));
    }

    private int onSubtree(int n, Tree tree, Consumer<String> placed) {
        if (tree.next.isEmpty()) {
            List<Node> ordered = new ArrayList<>();
            for (Node node : tree.leaf) {
                if (fits(node)) {
                    ordered.add(node);
                }
            }
            Collections.shuffle(ordered, coin);
            ordered.sort(less());
            return ordered.isEmpty() ? 0 : onNodes(n, ordered, placed);
        }
        int scheduled = 0;
        int usable = tree.tasks;
        Set<Tree> noRoom = new HashSet<>();
        boolean converging = true;
        while (scheduled != n && noRoom.size() != tree.next.size() && converging) {
            int groups = tree.next.size() - noRoom.size();
            int desired = (usable + n - scheduled) / groups;
            int remainder = (usable + n - scheduled) % groups;
            converging = false;
            List<Tree> branches = new ArrayList<>(tree.next.values());
            Collections.shuffle(branches, coin); // Go's map order
            for (Tree sub : branches) {
                if (noRoom.contains(sub)) {
                    continue;
                }
                if (sub.tasks < desired || (sub.tasks == desired && remainder > 0)) {
                    converging = true;
                    int assign = desired - sub.tasks + (remainder > 0 ? 1 : 0);
                    int res = onSubtree(assign, sub, placed);
                    if (res < assign) {
                        noRoom.add(sub);
                        usable -= sub.tasks;
                    } else if (remainder > 0) {
                        remainder--;
                    }
                    scheduled += res;
                }
            }
        }
        return scheduled;
    }

    private int onNodes(int n, List<Node> ordered, Consumer<String> placed) {
        int scheduled = 0;
        int count = ordered.size();
        Set<Integer> failed = new HashSet<>();
        int iter = 0;
        while (true) {
            Node node = ordered.get(iter % count);
            assign(node);
            placed.accept(node.id());
            scheduled++;
            if (scheduled == n) {
                return scheduled;
            }
            if (iter + 1 < count) {
                if (less().compare(ordered.get((iter + 1) % count), node) < 0) {
                    iter++; // the first pass fills a node until the next one ranks better
                }
            } else {
                iter++; // later passes: round robin
            }
            int orig = iter;
            while (failed.contains(iter % count) || !fits(ordered.get(iter % count))) {
                failed.add(iter % count);
                iter++;
                if (iter - orig == count) {
                    return scheduled;
                }
            }
        }
    }

    private void assign(Node node) {
        NodeUsage u = usage.get(node.id());
        usage.put(node.id(), new NodeUsage(u.tasksOfService() + 1, u.tasks() + 1, u.freeNanoCpus() - filter.nanoCpus(),
                u.freeMemoryBytes() - filter.memoryBytes()));
    }

    private boolean fits(Node node) {
        return filter.refusal(node, usage.get(node.id())) == null;
    }

    /** scheduler.go nodeLess: fewer tasks of the service, then fewer tasks (recent failures aside). */
    private Comparator<Node> less() {
        return Comparator.comparingInt((Node x) -> usage.get(x.id()).tasksOfService()).thenComparingInt(x -> usage.get(x.id()).tasks());
    }
}
