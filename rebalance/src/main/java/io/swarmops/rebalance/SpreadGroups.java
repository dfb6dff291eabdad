package io.swarmops.rebalance;

import io.swarmops.ops.model.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A service's placement preferences ({@code --placement-pref spread=node.labels.zone}, nested ones
 * outermost first) over a set of nodes, as swarmkit's decision tree groups them
 * (manager/scheduler/nodeset.go {@code tree}): at each level, the nodes with the same value of the
 * descriptor's label form one group; nodes lacking the label form the group of the empty value. Each
 * group counts the tasks of the service on all its nodes (paused, drained and down ones too, as the
 * scheduler's node set does).
 *
 * <p>Swarm spreads new tasks over the groups of a level evenly (scheduler.go
 * {@code scheduleNTasksOnSubtree}): the groups of one parent end within one task of each other,
 * except those with no room. A move {@link #keeps} that: it never makes the counts of sibling groups
 * further apart than they are, or than one.
 */
public final class SpreadGroups {
    private static final String NODE_LABELS = "node.labels.";
    private static final String ENGINE_LABELS = "engine.labels.";

    private final List<String> preferences;
    /** Each node's group key per level: "a", "a\u0000r1", ... (the path of values down to that level). */
    private final Map<String, String[]> keys = new HashMap<>();
    /** The tasks of the service per group key. */
    private final Map<String, Integer> tasks = new HashMap<>();
    /** The child group keys of each group key ("" is the root). */
    private final Map<String, List<String>> children = new HashMap<>();

    /**
     * @param preferences    spread descriptors, outermost first (only valid ones, see {@link #valid})
     * @param nodes          every node of the swarm
     * @param tasksOfService the service's tasks per node id, as the scheduler counts them
     */
    public SpreadGroups(List<String> preferences, List<Node> nodes, Map<String, Integer> tasksOfService) {
        this.preferences = List.copyOf(preferences);
        for (Node n : nodes) {
            String[] path = new String[preferences.size()];
            String parent = "";
            for (int l = 0; l < preferences.size(); l++) {
                String key = (l == 0 ? "" : parent + '\u0000') + value(preferences.get(l), n);
                path[l] = key;
                List<String> c = children.computeIfAbsent(parent, k -> new ArrayList<>());
                if (!c.contains(key)) {
                    c.add(key);
                }
                tasks.merge(key, tasksOfService.getOrDefault(n.id(), 0), Integer::sum);
                parent = key;
            }
            keys.put(n.id(), path);
        }
    }

    /** A descriptor swarmkit spreads over: {@code node.labels.X} or {@code engine.labels.X}, prefixes in any case. */
    public static boolean valid(String descriptor) {
        String d = descriptor.toLowerCase(Locale.ROOT);
        return (d.startsWith(NODE_LABELS) && d.length() > NODE_LABELS.length())
                || (d.startsWith(ENGINE_LABELS) && d.length() > ENGINE_LABELS.length());
    }

    /** The node's value for a descriptor; "" when it lacks the label (its own group, as in swarmkit). */
    public static String value(String descriptor, Node node) {
        String d = descriptor.toLowerCase(Locale.ROOT);
        if (d.startsWith(NODE_LABELS)) {
            return node.labels().getOrDefault(descriptor.substring(NODE_LABELS.length()), "");
        }
        return node.engineLabels().getOrDefault(descriptor.substring(ENGINE_LABELS.length()), "");
    }

    public boolean none() {
        return preferences.isEmpty();
    }

    /** The node's group at each level, as "zone=a", "rack=r1" (for explain and logs). */
    public List<String> describe(Node node) {
        List<String> out = new ArrayList<>();
        for (String p : preferences) {
            String v = value(p, node);
            out.add(p + "=" + (v.isEmpty() ? "(none)" : v));
        }
        return out;
    }

    /** Tasks of the service in the node's group at a level. */
    public int tasksInGroup(String nodeId, int level) {
        return tasks.getOrDefault(keys.get(nodeId)[level], 0);
    }

    /**
     * Whether moving one task from node {@code from} to node {@code to} keeps the spread Swarm leaves:
     * at each level where their groups differ, the sibling groups' counts end no further apart than
     * they were, or than one. Null when it does; else the refusal with the group's count and the most
     * its siblings allow.
     */
    public Refusal keeps(String from, String fromHost, String to, String toHost, String service) {
        String[] a = keys.get(from);
        String[] b = keys.get(to);
        for (int l = 0; l < preferences.size(); l++) {
            if (a[l].equals(b[l])) {
                continue;
            }
            // the two sibling sets whose counts change: the source's group's and the target's group's
            for (String parent : new String[] {l == 0 ? "" : a[l - 1], l == 0 ? "" : b[l - 1]}) {
                int before = width(parent, null, null);
                int after = width(parent, a[l], b[l]);
                if (after > Math.max(before, 1)) {
                    int target = tasks.getOrDefault(b[l], 0);
                    return new Refusal(Refusal.Kind.SPREAD, String.format(Locale.ROOT,
                            "%s's group %s already holds %d tasks of %s: one more from %s would leave its %s groups %d apart (Swarm"
                                    + " leaves them within %d)", toHost, label(b[l]), target, service, fromHost, preferences.get(l), after,
                            Math.max(before, 1)), target, target - (after - Math.max(before, 1)));
                }
            }
        }
        return null;
    }

    /** Moves one task: the counts of every group of both nodes follow. */
    public void move(String from, String to) {
        for (String k : keys.get(from)) {
            tasks.merge(k, -1, Integer::sum);
        }
        for (String k : keys.get(to)) {
            tasks.merge(k, 1, Integer::sum);
        }
    }

    /** Max minus min of the children of {@code parent}, with one task taken from {@code minus} and given to {@code plus}. */
    private int width(String parent, String minus, String plus) {
        int max = Integer.MIN_VALUE;
        int min = Integer.MAX_VALUE;
        for (String c : children.getOrDefault(parent, List.of())) {
            int t = tasks.getOrDefault(c, 0) - (c.equals(minus) ? 1 : 0) + (c.equals(plus) ? 1 : 0);
            max = Math.max(max, t);
            min = Math.min(min, t);
        }
        return max == Integer.MIN_VALUE ? 0 : max - min;
    }

    private static String label(String key) {
        String v = key.substring(key.lastIndexOf('\u0000') + 1);
        return v.isEmpty() ? "(no label)" : v;
    }
}
