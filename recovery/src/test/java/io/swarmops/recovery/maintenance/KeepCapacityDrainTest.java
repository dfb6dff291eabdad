package io.swarmops.recovery.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Json;
import io.swarmops.rebalance.testing.FakeSwarm;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeepCapacityDrainTest {
    /** A fake swarm that records, once told to, the fewest running tasks of each service between two steps of the orchestrators. */
    static final class Watched extends FakeSwarm {
        final Map<String, Integer> lowest = new HashMap<>();
        boolean watching;

        Watched() {
            super(7);
        }

        @Override
        protected void observe() {
            super.observe();
            if (watching) {
                for (ObjectNode s : services.values()) {
                    String id = s.path("ID").asText();
                    int running = (int) tasks.stream().filter(t -> running(t) && t.path("ServiceID").asText().equals(id)).count();
                    lowest.merge(s.path("Spec").path("Name").asText(), running, Math::min);
                }
            }
        }
    }

    /**
     * A Placement, empty, as docker's service create and stack deploy send it: a placement-only change
     * can never remove it (dockerd 20.10 crashes on a nil Placement, moby/moby#37883), so a spec without
     * one comes back with an empty one.
     */
    static final java.util.function.Consumer<ObjectNode> DOCKER_PLACEMENT = s -> s.with("TaskTemplate").putObject("Placement");

    static Watched threeNodes() {
        Watched swarm = new Watched();
        swarm.addNode("node1").addNode("node2").addNode("node3");
        return swarm;
    }

    static KeepCapacityDrain drain(Watched swarm) {
        return new KeepCapacityDrain(swarm, Duration.ZERO, line -> { });
    }

    @Test
    void replicasRunElsewhereBeforeTheNodesTasksStopAndTheSpecComesBack() {
        Watched swarm = threeNodes();
        swarm.replicated("web", 6, DOCKER_PLACEMENT);
        swarm.replicated("api", 3, s -> DOCKER_PLACEMENT.andThen(x -> x.putObject("UpdateConfig").put("Parallelism", 2).put("Order", "stop-first")).accept(s));
        ObjectNode webBefore = swarm.service("web").spec();
        ObjectNode apiBefore = swarm.service("api").spec();
        assertEquals(2, swarm.placement("web").stream().filter("node2"::equals).count(), swarm.placement("web").toString());
        swarm.watching = true;
        drain(swarm).drain(Set.of("id-node2"), Set.of());
        assertEquals(6, swarm.lowest.get("web"), "web never ran fewer than its 6 replicas");
        assertEquals(3, swarm.lowest.get("api"), "api never ran fewer than its 3 replicas");
        assertEquals("drain", swarm.node("node2").availability());
        assertEquals(0, swarm.runningPerNode().get("node2"));
        assertEquals(webBefore, swarm.service("web").spec(), "web's spec exactly as before");
        assertEquals(apiBefore, swarm.service("api").spec(), "api's spec exactly as before");
        assertTrue(swarm.writes().contains("service web: constraints [node.id!=id-node2], update order start-first"), swarm.writes().toString());
    }

    @Test
    void aServiceThatCannotKeepCapacityIsRefusedBeforeAnyChange() {
        Watched swarm = threeNodes();
        swarm.replicated("web", 3);
        swarm.replicated("pinned", 1, s -> s.with("TaskTemplate").putObject("Placement").putArray("Constraints").add("node.hostname==node2"));
        swarm.replicated("spread", 3, s -> s.with("TaskTemplate").with("Placement").put("MaxReplicas", 1));
        swarm.replicated("port", 2, s -> s.putObject("EndpointSpec").putArray("Ports").addObject()
                .put("Protocol", "tcp").put("TargetPort", 80).put("PublishedPort", 8080).put("PublishMode", "host"));
        int writes = swarm.writes().size();
        DrainPlan plan = drain(swarm).plan(Set.of("id-node2"));
        List<String> cannot = plan.cannotKeep().stream().map(DrainPlan.Entry::service).sorted().toList();
        if (swarm.placement("port").contains("node2")) {
            assertEquals(List.of("pinned", "port", "spread"), cannot, plan.lines().toString());
        } else {
            assertEquals(List.of("pinned", "spread"), cannot, plan.lines().toString());
        }
        assertTrue(plan.lines().stream().anyMatch(l -> l.contains("pinned") && l.contains("does not satisfy the constraint node.hostname==node2 of pinned")), plan.lines().toString());
        assertTrue(plan.lines().stream().anyMatch(l -> l.contains("spread") && l.contains("tasks of spread, its max replicas per node")), plan.lines().toString());
        SwarmOpsException e = assertThrows(SwarmOpsException.class, () -> drain(swarm).drain(Set.of("id-node2"), Set.of("port")));
        assertTrue(e.getMessage().startsWith("cannot keep capacity for pinned ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("nothing changed: pass --allow-short pinned,spread to let them run short"), e.getMessage());
        assertEquals(writes, swarm.writes().size(), "nothing written: " + swarm.writes());
    }

    @Test
    void allowedToRunShortTheyAreLeftToDockersDrainAndGlobalServicesAreNotMoved() {
        Watched swarm = threeNodes();
        swarm.replicated("web", 3);
        swarm.replicated("pinned", 1, s -> s.with("TaskTemplate").putObject("Placement").putArray("Constraints").add("node.hostname==node2"));
        ObjectNode agent = Json.object().put("Name", "agent");
        agent.putObject("TaskTemplate").putObject("ContainerSpec").put("Image", "swarmops/busybox:latest");
        agent.putObject("Mode").putObject("Global");
        swarm.createService(agent, null, w -> { });
        DrainPlan plan = drain(swarm).plan(Set.of("id-node2"));
        assertEquals(List.of("agent"), plan.notMoved().stream().map(DrainPlan.Entry::service).toList());
        assertEquals(List.of("web"), plan.keep().stream().map(DrainPlan.Entry::service).toList());
        swarm.watching = true;
        drain(swarm).drain(Set.of("id-node2"), Set.of("pinned"));
        assertEquals(3, swarm.lowest.get("web"));
        assertEquals(0, swarm.placement("pinned").size(), "pinned runs short: it fits nowhere else");
        assertEquals(List.of("node1", "node3"), swarm.placement("agent"));
    }

    @Test
    void aDrainKilledHalfWayIsPutBackByTheNextOne() {
        Watched swarm = threeNodes();
        swarm.replicated("web", 3, DOCKER_PLACEMENT);
        ObjectNode before = swarm.service("web").spec();
        // the run dies where it would put the placement back: the service keeps the constraint and what to restore
        swarm.failOnce(w -> w.startsWith("service web: constraints []"));
        assertThrows(SwarmOpsException.class, () -> drain(swarm).drain(Set.of("id-node2"), Set.of()));
        assertTrue(swarm.service("web").labels().containsKey(KeepCapacityDrain.SAVED));
        KeepCapacityDrain again = drain(swarm);
        again.drain(Set.of("id-node2"), Set.of());
        assertEquals(before, swarm.service("web").spec(), "the spec as before the first drain");
        assertTrue(again.drained(Set.of("id-node2")));
    }
}
