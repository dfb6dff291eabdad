package io.swarmops.recovery.maintenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.SpecUpdates;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.SwarmOpsException.Kind;
import io.swarmops.ops.Waits;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.rebalance.Rebalancer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Drains nodes without a service running short: the nodes paused, then for each replicated
 * service with tasks there the rebalance's evict move ({@link Rebalancer#evictFrom}: the node
 * forbidden with start-first updates, so only those tasks are replaced, each replacement running
 * before its predecessor stops), its placement and update config put back at once (a placement-only
 * change that every task satisfies replaces nothing), and finally docker's drain, which now stops
 * only what was allowed to run short and the global tasks.
 *
 * <p>The placement and update config as they were travel in the same write as the constraint, in a
 * service label ({@value #SAVED}): a drain killed at any point leaves a service that says what to
 * put back, and the next drain (or maintenance) of the node puts it back first.
 */
public final class KeepCapacityDrain {
    public static final String SAVED = "io.swarmops.drain.saved";

    private final SwarmGateway gateway;
    private final Rebalancer rebalancer;
    private final Duration timeout;
    private final Consumer<String> say;

    /** @param timeout how long each service's replacement, and the drain itself, may take */
    public KeepCapacityDrain(SwarmGateway gateway, Duration timeout, Consumer<String> say) {
        this.gateway = gateway;
        this.rebalancer = new Rebalancer(gateway, timeout, say);
        this.timeout = timeout;
        this.say = say;
    }

    /** The plan on what the cluster shows now. */
    public DrainPlan plan(Set<String> nodeIds) {
        return DrainPlanner.plan(gateway.snapshot(), nodeIds);
    }

    /**
     * Drains the nodes keeping capacity: what a killed drain left is put back, the plan made again on
     * the cluster as it is, refused (nothing changed) while a service that cannot keep capacity is not
     * in {@code allowShort}, then carried out.
     */
    public void drain(Set<String> nodeIds, Set<String> allowShort) {
        putBack(nodeIds);
        DrainPlan plan = plan(nodeIds);
        refuseShort(plan, allowShort);
        for (Node n : plan.nodes()) {
            SpecUpdates.updateNode(gateway, n.id(), spec -> "active".equals(spec.path("Availability").asText())
                    ? spec.put("Availability", "pause") : spec, say);
        }
        for (DrainPlan.Entry e : plan.keep()) {
            Service s = gateway.service(e.serviceId());
            ObjectNode spec = s.spec();
            ObjectNode saved = Json.object().put("Node", e.nodeId())
                    .put("Placement", spec.path("TaskTemplate").path("Placement").toString())
                    .put("UpdateConfig", spec.path("UpdateConfig").toString())
                    .put("Labels", spec.has("Labels"));
            say.accept("replacing " + e.tasks() + " task(s) of " + e.service() + " on " + e.hostname() + " elsewhere first");
            rebalancer.evictFrom(s, e.nodeId(), e.tasks() + " task(s) of " + e.service() + " on " + e.hostname() + " to be replaced elsewhere",
                    x -> {
                        x.with("Labels").put(SAVED, saved.toString());
                        return x;
                    }, null);
            restore(s.id(), saved);
        }
        for (Node n : plan.nodes()) {
            SpecUpdates.updateNode(gateway, n.id(), SpecUpdates.availability("drain"), say);
        }
        String names = plan.nodes().stream().map(Node::hostname).collect(Collectors.joining(", "));
        Waits.until("the tasks on " + names + " to stop", timeout, say, () -> drained(nodeIds));
    }

    /** Refused with one line naming them, when services that cannot keep capacity are not allowed to run short. */
    public static void refuseShort(DrainPlan plan, Set<String> allowShort) {
        List<DrainPlan.Entry> refused = plan.refused(allowShort);
        if (!refused.isEmpty()) {
            throw new SwarmOpsException(Kind.FAILED, "cannot keep capacity for " + refused.stream()
                    .map(e -> e.service() + " (" + e.why() + ")").collect(Collectors.joining(", "))
                    + "; nothing changed: pass --allow-short " + refused.stream().map(DrainPlan.Entry::service).collect(Collectors.joining(","))
                    + " to let them run short");
        }
    }

    /** The nodes are drained, no task is meant to run or still runs there, and no service holds a drain's saved spec for them. */
    public boolean drained(Set<String> nodeIds) {
        for (String id : nodeIds) {
            if (!"drain".equals(gateway.node(id).availability())
                    || gateway.tasks(Map.of("node", List.of(id))).stream().anyMatch(t -> t.desiredRunning() || t.isRunning())) {
                return false;
            }
        }
        return leftBy(nodeIds).isEmpty();
    }

    /** Puts back the placement and update config that a killed drain of these nodes left saved in services. */
    public void putBack(Set<String> nodeIds) {
        for (Service s : leftBy(nodeIds)) {
            say.accept("putting back the placement and update config of " + s.name() + " (left by a drain that did not finish)");
            restore(s.id(), saved(s));
        }
    }

    private List<Service> leftBy(Set<String> nodeIds) {
        return gateway.services(Map.of()).stream().filter(s -> s.labels().containsKey(SAVED) && nodeIds.contains(saved(s).path("Node").asText()))
                .toList();
    }

    private static JsonNode saved(Service s) {
        try {
            return Json.MAPPER.readTree(s.labels().get(SAVED));
        } catch (IOException e) {
            throw new SwarmOpsException(Kind.FAILED, "service " + s.name() + ": unreadable label " + SAVED + ": " + e.getMessage());
        }
    }

    /** The placement and update config as saved, then the label gone (and Labels too when the spec had none). */
    private void restore(String serviceId, JsonNode saved) {
        rebalancer.restoreSpec(serviceId, saved.path("Placement").asText(), saved.path("UpdateConfig").asText());
        SpecUpdates.updateService(gateway, serviceId, s -> {
            s.with("Labels").remove(SAVED);
            if (!saved.path("Labels").asBoolean(true) && s.path("Labels").isEmpty()) {
                s.remove("Labels");
            }
            return s;
        }, null, say);
    }
}
