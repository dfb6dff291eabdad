package io.swarmops.rebalance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.memory.InMemorySwarm;
import io.swarmops.ops.model.ClusterSnapshot;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Task;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * An {@link InMemorySwarm} that places and removes tasks as swarmkit does (SWARM-FACTS.md): the
 * scheduler's filters (ready and active, constraints, max replicas per node, reservations) and
 * ranking (fewest tasks of the service, then fewest tasks, then a seeded coin for ties); the
 * replicated orchestrator's scale-down (highest per-node index first, equal indexes in random
 * order); updates replacing the tasks whose spec changed, or only those on nodes a changed
 * placement no longer allows, stop-first or start-first; drain replacing a node's tasks; global
 * services on every node that takes tasks. Changes converge at once.
 *
 * <p>{@code rebalance --dry-run} runs the real executor against one, started from a snapshot of the
 * cluster, and prints the writes it was asked for; tests build one node by node.
 */
public class SimulatedSwarm extends InMemorySwarm {
    private final Random coin;

    /** An empty swarm, ties broken by a coin with this seed. */
    public SimulatedSwarm(long seed) {
        this.coin = new Random(seed);
    }

    /**
     * The swarm a snapshot shows. Its tasks are taken as up to date with their service's spec (a
     * rebalance does not start while an update runs), so only what the simulation changes is dirty.
     */
    public static SimulatedSwarm of(ClusterSnapshot snapshot, long seed) {
        return new SimulatedSwarm(snapshot, seed);
    }

    protected SimulatedSwarm(ClusterSnapshot snapshot, long seed) {
        this(seed);
        load(snapshot);
        for (ObjectNode raw : tasks) {
            ObjectNode service = services.get(raw.path("ServiceID").asText());
            if (service != null) {
                raw.set("Spec", service.path("Spec").path("TaskTemplate").deepCopy());
            }
        }
    }

    @Override
    protected void serviceChanged(ObjectNode s, boolean updated) {
        reconcile(s, updated);
    }

    @Override
    protected void nodeUpdated(ObjectNode n, JsonNode before) {
        nodeChanged(n);
    }

    // ---- swarmkit, as far as a rebalance meets it -------------------------------------------------

    protected void reconcileAll() {
        for (ObjectNode s : List.copyOf(services.values())) {
            reconcile(s, false);
        }
    }

    /** The orchestrators' work after a change: replace dirty tasks (an update), then scale, or cover every node (global). */
    private void reconcile(ObjectNode s, boolean update) {
        String id = s.path("ID").asText();
        ObjectNode spec = (ObjectNode) s.get("Spec");
        if (spec.path("Mode").has("Global")) {
            for (ObjectNode n : nodes.values()) {
                boolean has = live(id).stream().anyMatch(t -> t.path("NodeID").asText().equals(n.path("ID").asText()));
                if (!has && takesTasks(n) && fits(spec, id, n)) {
                    start(s, n, 0);
                }
            }
            observe();
            return;
        }
        if (update) {
            boolean startFirst = "start-first".equals(spec.path("UpdateConfig").path("Order").asText());
            boolean replaced = false;
            for (ObjectNode t : live(id)) {
                if (!dirty(spec, t)) {
                    continue;
                }
                replaced = true;
                int slot = t.path("Slot").asInt();
                if (startFirst) {
                    ObjectNode fresh = start(s, null, slot);
                    observe();
                    if (running(fresh)) {
                        stop(t, "shutdown");
                    }
                } else {
                    stop(t, "shutdown");
                    observe();
                    start(s, null, slot);
                }
                observe();
            }
            if (replaced) {
                s.putObject("UpdateStatus").put("State", "completed").put("Message", "update completed");
            }
            for (ObjectNode t : live(id)) {
                t.set("Spec", spec.path("TaskTemplate").deepCopy());
            }
        }
        long replicas = spec.path("Mode").path("Replicated").path("Replicas").asLong(1);
        List<ObjectNode> live = live(id);
        for (int slot = 1; live.size() < replicas; slot++) {
            final int sl = slot;
            if (live.stream().noneMatch(t -> t.path("Slot").asInt() == sl)) {
                live.add(start(s, null, slot));
            }
        }
        if (live.size() > replicas) {
            scaleDown(live, (int) replicas);
        }
        observe();
    }

    /** replicated/services.go: running first, each task numbered among its service's on its node, lowest numbers kept. */
    private void scaleDown(List<ObjectNode> live, int keep) {
        List<ObjectNode> order = new ArrayList<>(live);
        Collections.shuffle(order, coin); // sort.Sort is not stable: equal numbers come in no set order
        order.sort(Comparator.comparing(t -> !running(t)));
        Map<String, Integer> perNode = new HashMap<>();
        Map<ObjectNode, Integer> number = new HashMap<>();
        for (ObjectNode t : order) {
            number.put(t, perNode.merge(t.path("NodeID").asText(), 1, Integer::sum));
        }
        order.sort(Comparator.comparing(number::get));
        order.subList(keep, order.size()).forEach(t -> stop(t, "remove"));
    }

    /** A task is dirty when its spec differs beyond the placement, or the placement changed and its node no longer fits. */
    private boolean dirty(ObjectNode serviceSpec, ObjectNode t) {
        ObjectNode want = serviceSpec.path("TaskTemplate").deepCopy();
        ObjectNode has = t.path("Spec").deepCopy();
        JsonNode wantPlacement = want.remove("Placement");
        JsonNode hasPlacement = has.remove("Placement");
        if (!want.equals(has)) {
            return true;
        }
        if (java.util.Objects.equals(wantPlacement, hasPlacement)) {
            return false;
        }
        if (wantPlacement == null) {
            // what dockerd 20.10 does here: a nil pointer, the manager crashes (moby/moby#37883)
            throw new IllegalStateException("Placement removed after a placement-only change: dockerd 20.10 crashes here");
        }
        return !constraintsAllow(wantPlacement, nodes.get(t.path("NodeID").asText()));
    }

    private ObjectNode start(ObjectNode s, ObjectNode onNode, int slot) {
        String serviceId = s.path("ID").asText();
        ObjectNode spec = (ObjectNode) s.get("Spec");
        ObjectNode node = onNode != null ? onNode : schedule(spec, serviceId);
        ObjectNode t = Json.object();
        t.put("ID", newId("task"));
        t.putObject("Version").put("Index", nextIndex());
        t.put("ServiceID", serviceId);
        t.put("NodeID", node == null ? "" : node.path("ID").asText());
        t.put("Slot", slot);
        t.put("DesiredState", "running");
        t.putObject("Status").put("State", node == null ? "pending" : "running").put("Timestamp", "2026-11-24T06:00:00Z")
                .put("Message", node == null ? "no suitable node" : "started");
        t.set("Spec", spec.path("TaskTemplate").deepCopy());
        tasks.add(t);
        return t;
    }

    /** scheduler.go: filters, then fewest tasks of the service, then fewest tasks, then chance. */
    private ObjectNode schedule(ObjectNode spec, String serviceId) {
        List<ObjectNode> candidates = new ArrayList<>();
        for (ObjectNode n : nodes.values()) {
            if (takesTasks(n) && fits(spec, serviceId, n)) {
                candidates.add(n);
            }
        }
        if (candidates.isEmpty()) {
            return null;
        }
        Collections.shuffle(candidates, coin);
        candidates.sort(Comparator.comparingInt((ObjectNode n) -> active(n, serviceId)).thenComparingInt(n -> active(n, null)));
        return candidates.get(0);
    }

    private boolean fits(ObjectNode spec, String serviceId, ObjectNode n) {
        JsonNode placement = spec.path("TaskTemplate").path("Placement");
        if (!constraintsAllow(placement, n)) {
            return false;
        }
        long max = placement.path("MaxReplicas").asLong(0);
        if (max > 0 && active(n, serviceId) >= max) {
            return false;
        }
        JsonNode want = spec.path("TaskTemplate").path("Resources").path("Reservations");
        long cpu = 0;
        long mem = 0;
        for (ObjectNode t : tasks) {
            if (t.path("NodeID").asText().equals(n.path("ID").asText()) && Task.from(t).countsAsActive()) {
                JsonNode r = t.path("Spec").path("Resources").path("Reservations");
                cpu += r.path("NanoCPUs").asLong(0);
                mem += r.path("MemoryBytes").asLong(0);
            }
        }
        JsonNode has = n.path("Description").path("Resources");
        return cpu + want.path("NanoCPUs").asLong(0) <= has.path("NanoCPUs").asLong()
                && mem + want.path("MemoryBytes").asLong(0) <= has.path("MemoryBytes").asLong();
    }

    private static boolean constraintsAllow(JsonNode placement, ObjectNode n) {
        Node node = Node.from(n);
        for (JsonNode c : placement.path("Constraints")) {
            if (!PlacementConstraint.parse(c.asText()).matches(node)) {
                return false;
            }
        }
        return true;
    }

    /** Tasks the scheduler counts on a node (of one service, or all with null). */
    private int active(ObjectNode n, String serviceId) {
        int c = 0;
        for (ObjectNode t : tasks) {
            if (t.path("NodeID").asText().equals(n.path("ID").asText()) && Task.from(t).countsAsActive()
                    && (serviceId == null || t.path("ServiceID").asText().equals(serviceId))) {
                c++;
            }
        }
        return c;
    }

    protected void nodeChanged(ObjectNode n) {
        if ("drain".equals(n.path("Spec").path("Availability").asText())) {
            for (ObjectNode t : List.copyOf(tasks)) {
                if (t.path("NodeID").asText().equals(n.path("ID").asText()) && desired(t)) {
                    stop(t, "shutdown");
                }
            }
        }
        reconcileAll();
    }

    private void stop(ObjectNode t, String desiredState) {
        t.put("DesiredState", desiredState);
        t.with("Status").put("State", "shutdown");
        bump(t);
    }

    /** Called after every step of the orchestrators (a task started or stopped), for observers. */
    protected void observe() {
    }

    private List<ObjectNode> live(String serviceId) {
        return tasks.stream().filter(t -> desired(t) && t.path("ServiceID").asText().equals(serviceId))
                .collect(Collectors.toCollection(ArrayList::new));
    }

    private static boolean desired(ObjectNode t) {
        return "running".equals(t.path("DesiredState").asText());
    }

    protected static boolean running(ObjectNode t) {
        return desired(t) && "running".equals(t.path("Status").path("State").asText());
    }

    private static boolean takesTasks(ObjectNode n) {
        return "ready".equals(n.path("Status").path("State").asText()) && "active".equals(n.path("Spec").path("Availability").asText());
    }
}
