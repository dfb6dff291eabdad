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
 * A swarm in memory, behind the gateway, that places and removes tasks as swarmkit does
 * (SWARM-FACTS.md): the scheduler's filters ({@link PlacementFilter}: ready and active, constraints,
 * platform, max replicas per node, reservations), its spread over placement preferences and its
 * ranking (fewest tasks of the service, then fewest tasks, then a seeded coin for ties), new tasks
 * placed together as one group ({@link TaskGroupScheduler}); the replicated orchestrator's scale-down (highest per-node index first, equal indexes in
 * random order); updates replacing the tasks whose spec changed, or only those on nodes a changed
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
                if (!has && PlacementFilter.ofSpec(spec).refusal(Node.from(n), usage(id).get(n.path("ID").asText())) == null) {
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
                    ObjectNode fresh = startGroup(s, List.of(slot)).get(0);
                    observe();
                    if (running(fresh)) {
                        stop(t, "shutdown");
                    }
                } else {
                    stop(t, "shutdown");
                    observe();
                    startGroup(s, List.of(slot));
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
        List<Integer> slots = new ArrayList<>();
        for (int slot = 1; live.size() + slots.size() < replicas; slot++) {
            final int sl = slot;
            if (live.stream().noneMatch(t -> t.path("Slot").asInt() == sl)) {
                slots.add(slot);
            }
        }
        live.addAll(startGroup(s, slots)); // the orchestrator creates them together: the scheduler places them as one group
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

    /** New tasks of a service in these slots, placed as swarmkit places one task group ({@link TaskGroupScheduler}). */
    private List<ObjectNode> startGroup(ObjectNode s, List<Integer> slots) {
        String serviceId = s.path("ID").asText();
        List<String> placed = new ArrayList<>();
        new TaskGroupScheduler(nodes.values().stream().map(Node::from).toList(), PlacementFilter.ofSpec(s.path("Spec")), usage(serviceId), coin)
                .place(slots.size(), placed::add);
        List<ObjectNode> out = new ArrayList<>();
        for (int k = 0; k < slots.size(); k++) {
            out.add(start(s, k < placed.size() ? nodes.get(placed.get(k)) : null, slots.get(k)));
        }
        return out;
    }

    /** A new task on this node, or pending (no node: "no suitable node"). */
    private ObjectNode start(ObjectNode s, ObjectNode node, int slot) {
        String serviceId = s.path("ID").asText();
        ObjectNode spec = (ObjectNode) s.get("Spec");
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

    /** Each node's usage as the scheduler counts it, the tasks of one service apart. */
    private Map<String, NodeUsage> usage(String serviceId) {
        return new HashMap<>(NodeUsage.of(snapshot(), serviceId));
    }

    private static boolean constraintsAllow(JsonNode placement, ObjectNode n) {
        ObjectNode template = Json.object();
        template.set("Placement", placement);
        ObjectNode spec = Json.object();
        spec.set("TaskTemplate", template);
        // the updater asks the constraints only (orchestrator/update: a placement-only change replaces the tasks they no longer allow)
        return PlacementConstraint.all(PlacementFilter.ofSpec(spec).constraints(), Node.from(n));
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
}
