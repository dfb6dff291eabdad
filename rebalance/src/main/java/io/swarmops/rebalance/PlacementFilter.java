package io.swarmops.rebalance;

import com.fasterxml.jackson.databind.JsonNode;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * "Can this node take a task of this service", as swarmkit's scheduler pipeline answers it
 * (manager/scheduler/filter.go: ReadyFilter, ConstraintFilter, PlatformFilter, MaxReplicasFilter,
 * ResourceFilter), read once from the service's task template. The one place the planner, the
 * executor, {@code service move}, {@code service explain} and the simulation ask; each "no" is a
 * {@link Refusal} with its numbers. The service's placement preferences (where among the nodes that
 * pass, not whether) are {@link #preferences()}; {@link SpreadGroups} keeps them.
 */
public final class PlacementFilter {
    private final String service;
    private final List<PlacementConstraint> constraints;
    private final List<String> unreadable;
    private final List<String[]> platforms;
    private final long maxReplicas;
    private final long nanoCpus;
    private final long memoryBytes;
    private final List<String> preferences;

    private PlacementFilter(String service, JsonNode taskTemplate) {
        this.service = service;
        JsonNode placement = taskTemplate.path("Placement");
        List<PlacementConstraint> cs = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (JsonNode c : placement.path("Constraints")) {
            try {
                cs.add(PlacementConstraint.parse(c.asText()));
            } catch (IllegalArgumentException e) {
                bad.add(c.asText());
            }
        }
        this.constraints = List.copyOf(cs);
        this.unreadable = List.copyOf(bad);
        List<String[]> ps = new ArrayList<>();
        for (JsonNode p : placement.path("Platforms")) {
            ps.add(new String[] {p.path("OS").asText(""), arch(p.path("Architecture").asText(""))});
        }
        this.platforms = List.copyOf(ps);
        this.maxReplicas = placement.path("MaxReplicas").asLong(0);
        JsonNode r = taskTemplate.path("Resources").path("Reservations");
        this.nanoCpus = r.path("NanoCPUs").asLong(0);
        this.memoryBytes = r.path("MemoryBytes").asLong(0);
        List<String> prefs = new ArrayList<>();
        for (JsonNode p : placement.path("Preferences")) {
            String d = p.path("Spread").path("SpreadDescriptor").asText("");
            if (SpreadGroups.valid(d)) {
                prefs.add(d); // swarmkit skips a descriptor that is neither node.labels.* nor engine.labels.*
            }
        }
        this.preferences = List.copyOf(prefs);
    }

    public static PlacementFilter of(Service service) {
        return new PlacementFilter(service.name(), service.raw().path("Spec").path("TaskTemplate"));
    }

    /** From a service spec ({@code Name}, {@code TaskTemplate}), as the simulation holds it. */
    public static PlacementFilter ofSpec(JsonNode serviceSpec) {
        return new PlacementFilter(serviceSpec.path("Name").asText(), serviceSpec.path("TaskTemplate"));
    }

    public List<PlacementConstraint> constraints() {
        return constraints;
    }

    /** False when a constraint cannot be read: Swarm would not have accepted it; the planner leaves such a service alone. */
    public boolean readable() {
        return unreadable.isEmpty();
    }

    public long maxReplicas() {
        return maxReplicas;
    }

    public long nanoCpus() {
        return nanoCpus;
    }

    public long memoryBytes() {
        return memoryBytes;
    }

    /** The spread descriptors of the placement preferences, outermost first ({@code node.labels.zone}). */
    public List<String> preferences() {
        return preferences;
    }

    /**
     * What never changes while a plan runs: the node ready and active, the constraints, the platform.
     * Null when they hold. Planners cache it per node.
     */
    public Refusal staticRefusal(Node node) {
        if (!node.isReady()) {
            return new Refusal(Refusal.Kind.NOT_READY, node.hostname() + " is " + node.state(), 0, 0);
        }
        if (!node.isActive()) {
            return new Refusal(Refusal.Kind.NOT_ACTIVE, node.hostname() + " is " + node.availability(), 0, 0);
        }
        return placementRefusal(node);
    }

    /**
     * The constraints and the platform only, whatever the node's availability: whether a task already
     * there may stay (a changed placement replaces the tasks on nodes it no longer allows).
     */
    public Refusal placementRefusal(Node node) {
        if (!unreadable.isEmpty()) {
            return new Refusal(Refusal.Kind.CONSTRAINT, service + " has a constraint Swarm cannot read: " + unreadable.get(0), 0, 0);
        }
        for (PlacementConstraint c : constraints) {
            if (!c.matches(node)) {
                return new Refusal(Refusal.Kind.CONSTRAINT, node.hostname() + " does not satisfy the constraint " + c.expression()
                        + " of " + service, 0, 0);
            }
        }
        if (!platforms.isEmpty() && platforms.stream().noneMatch(p -> platformMatches(p, node))) {
            return new Refusal(Refusal.Kind.PLATFORM, node.hostname() + " is " + os(node) + "/" + arch(node) + ", not a platform of "
                    + service, 0, 0);
        }
        return null;
    }

    /**
     * What depends on the node's tasks: max replicas per node and the reservations against the capacity
     * left. Null when the node can take one more task.
     */
    public Refusal usageRefusal(Node node, NodeUsage usage) {
        return usageRefusal(node.hostname(), usage.tasksOfService(), usage.freeNanoCpus(), usage.freeMemoryBytes());
    }

    /** {@link #usageRefusal(Node, NodeUsage)} on plain numbers, for planners that keep them in arrays. */
    public Refusal usageRefusal(String hostname, int tasksOfService, long freeNanoCpus, long freeMemoryBytes) {
        if (maxReplicas > 0 && tasksOfService >= maxReplicas) {
            return new Refusal(Refusal.Kind.MAX_REPLICAS, hostname + " already runs " + tasksOfService + " tasks of " + service
                    + ", its max replicas per node", tasksOfService, maxReplicas);
        }
        if (nanoCpus > freeNanoCpus) {
            return new Refusal(Refusal.Kind.CPU, String.format(Locale.ROOT, "%s has %.2f CPUs free, %s reserves %.2f", hostname,
                    freeNanoCpus / 1e9, service, nanoCpus / 1e9), freeNanoCpus, nanoCpus);
        }
        if (memoryBytes > freeMemoryBytes) {
            return new Refusal(Refusal.Kind.MEMORY, String.format(Locale.ROOT, "%s has %d MiB free, %s reserves %d MiB", hostname,
                    freeMemoryBytes >> 20, service, memoryBytes >> 20), freeMemoryBytes, memoryBytes);
        }
        return null;
    }

    /** The first reason the node cannot take one more task now, or null: the scheduler's pipeline, in its order. */
    public Refusal refusal(Node node, NodeUsage usage) {
        Refusal r = staticRefusal(node);
        return r != null ? r : usageRefusal(node, usage);
    }

    /** Every reason at once (not only the first), for {@code service explain}: empty when the node fits. */
    public List<Refusal> refusals(Node node, NodeUsage usage) {
        List<Refusal> out = new ArrayList<>();
        if (!node.isReady()) {
            out.add(new Refusal(Refusal.Kind.NOT_READY, node.hostname() + " is " + node.state(), 0, 0));
        }
        if (!node.isActive()) {
            out.add(new Refusal(Refusal.Kind.NOT_ACTIVE, node.hostname() + " is " + node.availability(), 0, 0));
        }
        Refusal p = placementRefusal(node);
        if (p != null) {
            out.add(p);
        }
        if (maxReplicas > 0 && usage.tasksOfService() >= maxReplicas) {
            out.add(usageRefusal(node.hostname(), usage.tasksOfService(), Long.MAX_VALUE, Long.MAX_VALUE));
        }
        if (nanoCpus > usage.freeNanoCpus()) {
            out.add(usageRefusal(node.hostname(), 0, usage.freeNanoCpus(), Long.MAX_VALUE));
        }
        if (memoryBytes > usage.freeMemoryBytes()) {
            out.add(usageRefusal(node.hostname(), 0, Long.MAX_VALUE, usage.freeMemoryBytes()));
        }
        return out;
    }

    public boolean fits(Node node, NodeUsage usage) {
        return refusal(node, usage) == null;
    }

    private static boolean platformMatches(String[] want, Node node) {
        return (want[1].isEmpty() || want[1].equals(arch(node))) && (want[0].isEmpty() || want[0].equals(os(node)));
    }

    private static String os(Node node) {
        return node.raw().path("Description").path("Platform").path("OS").asText("");
    }

    private static String arch(Node node) {
        return arch(node.raw().path("Description").path("Platform").path("Architecture").asText(""));
    }

    /** filter.go platformEqual: x86_64 is amd64, aarch64 is arm64. */
    private static String arch(String a) {
        return switch (a) {
            case "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> a;
        };
    }
}
