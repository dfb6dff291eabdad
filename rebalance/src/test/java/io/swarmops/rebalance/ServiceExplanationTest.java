package io.swarmops.rebalance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import io.swarmops.ops.testing.Fixtures;
import io.swarmops.rebalance.ServiceExplanation.NodeVerdict;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Node by node, every reason the placement filter gives; the pending tasks beside the scheduler's message. */
class ServiceExplanationTest {

    static Task pending(String id, String serviceId, int slot, String err) {
        ObjectNode raw = Fixtures.task(id, serviceId, "", slot, "pending").raw();
        ((ObjectNode) raw.get("Status")).put("Message", "pending task scheduling").put("Err", err);
        return Task.from(raw);
    }

    static List<String> words(NodeVerdict v) {
        return v.refusals().stream().map(Refusal::word).toList();
    }

    @Test
    void everyReasonOfEveryNodeAndTheReadingOfAPendingTask() {
        Snapshots s = new Snapshots().nodes(3).label("node1", "zone", "a").label("node2", "zone", "a");
        java.util.Collections.reverse(s.nodes); // listed by hostname, whatever the daemon's order
        Service capped = s.service("capped", 3, spec -> {
            spec.with("TaskTemplate").with("Placement").put("MaxReplicas", 1).putArray("Constraints").add("node.labels.zone==a");
        });
        s.run(capped, "node1", "node2");
        s.tasks.add(pending("p1", capped.id(), 3, "no suitable node (scheduling constraints not satisfied on 1 node; max replicas per node limit exceed)"));

        ServiceExplanation e = ServiceExplanation.explain(s.build(), capped, Comparator.naturalOrder());

        assertEquals(2, e.running());
        assertEquals(List.of("max-replicas"), words(e.nodes().get(0)));
        assertEquals(List.of("max-replicas"), words(e.nodes().get(1)));
        assertEquals(List.of("constraint"), words(e.nodes().get(2)));
        assertEquals(1, e.pending().size());
        var p = e.pending().get(0);
        assertEquals("pending task scheduling", p.schedulerMessage());
        assertTrue(p.schedulerError().startsWith("no suitable node"));
        assertTrue(p.reading().startsWith("no node can take it: max-replicas on node1, node2; constraint on node3 ("), p.reading());
        assertTrue(p.reading().contains("node.labels.zone==a"), p.reading());
    }

    @Test
    void aNodeDownAndPausedGivesBothReasonsAndOneThatFitsIsNamed() {
        Snapshots s = new Snapshots().nodes(3);
        s.nodes.set(0, Fixtures.withState(s.nodes.get(0), "down", "pause"));
        Service web = s.service("web", 2, spec -> spec.with("TaskTemplate").with("Resources").with("Reservations")
                .put("NanoCPUs", 1_500_000_000L));
        s.run(web, "node2");
        s.tasks.add(pending("p1", web.id(), 2, "no suitable node (insufficient resources on 2 nodes)"));

        ServiceExplanation e = ServiceExplanation.explain(s.build(), web, Comparator.naturalOrder());

        assertEquals(List.of("not-ready", "not-active"), words(e.nodes().get(0)));
        assertEquals(List.of("cpu"), words(e.nodes().get(1)), "node2's 2 CPUs hold 1.5 reserved: 0.5 free");
        assertEquals(List.of(), words(e.nodes().get(2)));
        assertTrue(e.pending().get(0).reading().startsWith("node3 can take it now"), e.pending().get(0).reading());
    }

    @Test
    void aNodeWhoseGroupHoldsMoreThanAnotherIsNotWhereTheNextTaskGoes() {
        Snapshots s = new Snapshots().nodes(3).label("node1", "zone", "a").label("node2", "zone", "a").label("node3", "zone", "b");
        Service web = s.service("web", 3, spec -> spec.with("TaskTemplate").with("Placement").putArray("Preferences").addObject()
                .putObject("Spread").put("SpreadDescriptor", "node.labels.zone"));
        s.run(web, "node1", "node3");

        ServiceExplanation e = ServiceExplanation.explain(s.build(), web, Comparator.naturalOrder());

        assertEquals(List.of(), words(e.nodes().get(0)), "zone a holds 1 task, zone b 1: either");
        Snapshots more = new Snapshots().nodes(3).label("node1", "zone", "a").label("node2", "zone", "a").label("node3", "zone", "b");
        more.services.add(web);
        more.run(web, "node1", "node2", "node3");
        ServiceExplanation after = ServiceExplanation.explain(more.build(), web, Comparator.naturalOrder());
        assertEquals(List.of("spread"), words(after.nodes().get(0)));
        assertEquals(List.of("spread"), words(after.nodes().get(1)));
        assertEquals(List.of(), words(after.nodes().get(2)), "zone b holds 1, zone a 2: the next goes to node3");
        Refusal r = after.nodes().get(1).refusals().get(0);
        assertEquals(2, r.actual());
        assertEquals(1, r.limit());
        assertTrue(r.message().contains("node.labels.zone=a"), r.message());
    }

    @Test
    void aGlobalTaskWaitsOnItsOwnNodeAndIsReadThereWithoutCountingItself() {
        Snapshots s = new Snapshots().nodes(2);
        Service agent = s.service("agent", 0, spec -> {
            spec.remove("Mode");
            spec.putObject("Mode").putObject("Global");
            spec.with("TaskTemplate").with("Resources").with("Reservations").put("MemoryBytes", 1L << 30);
        });
        Service big = s.service("big", 1, spec -> spec.with("TaskTemplate").with("Resources").with("Reservations")
                .put("MemoryBytes", 1536L << 20));
        s.run(agent, "node1").run(big, "node2");
        s.tasks.add(pending("g2", agent.id(), 0, "no suitable node (insufficient resources on 1 node)"));
        ObjectNode raw = s.tasks.get(s.tasks.size() - 1).raw().deepCopy();
        raw.put("NodeID", "n2");
        s.tasks.set(s.tasks.size() - 1, Task.from(raw));

        ServiceExplanation e = ServiceExplanation.explain(s.build(), agent, Comparator.naturalOrder());

        assertEquals(1, e.pending().size());
        String reading = e.pending().get(0).reading();
        assertTrue(reading.startsWith("its node node2 cannot take it: node2 has 512 MiB free, agent reserves 1024 MiB"), reading);
    }
}
