package io.swarmops.cli.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.CliRun;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.model.Task;
import io.swarmops.ops.testing.SwarmState;
import io.swarmops.sandbox.BusyboxImage;
import io.swarmops.sandbox.SandboxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code node drain --keep-capacity} on a real 3-node swarm: the services with tasks on the node
 * never run fewer than their replicas (sampled all along, and shown by the tasks' own timestamps:
 * each replacement ran before its predecessor stopped), their specs come back field for field, and a
 * service that cannot keep capacity is refused before anything changes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeDrainIT {
    @RegisterExtension
    static final SandboxExtension sandbox = SandboxExtension.of("drn", 3, 1);
    static SwarmGateway g;

    @BeforeAll
    static void up() {
        g = sandbox.gateway();
    }

    static CliRun swarmops(String... args) {
        return CliRun.against(sandbox.host(), args);
    }

    static void create(String name, String... options) {
        createOn(sandbox.host(), name, options);
    }

    /** A service sleeping an hour, created (and converged) by swarmops on the swarm at {@code host}. */
    static void createOn(String host, String name, String... options) {
        List<String> args = new ArrayList<>(List.of("service", "create", "--name", name, "--no-resolve-image"));
        args.addAll(List.of(options));
        args.addAll(List.of(BusyboxImage.NAME, "sleep", "3600"));
        CliRun r = CliRun.against(host, args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
    }

    static Map<String, ObjectNode> specs() {
        Map<String, ObjectNode> out = new TreeMap<>();
        g.services(Map.of()).forEach(s -> out.put(s.name(), s.spec()));
        return out;
    }

    static int running(String service) {
        return (int) g.tasks(Map.of("service", List.of(service))).stream().filter(Task::isRunning).count();
    }

    @Test
    @Order(1)
    void keepCapacityNeverRunsAServiceShortAndPutsItsSpecBack() throws Exception {
        create("web", "--replicas", "6", "--update-monitor", "1s");
        create("api", "--replicas", "3", "--update-parallelism", "2", "--update-order", "stop-first", "--update-monitor", "1s");
        create("agent", "--mode", "global");
        String node2 = g.node("node2").id();
        int webOn2 = g.tasks(Map.of("service", List.of("web"), "node", List.of(node2), "desired-state", List.of("running"))).size();
        assertTrue(webOn2 > 0, "web has tasks on node2");
        Map<String, ObjectNode> before = specs();

        SwarmState untouched = SwarmState.settled(g, Duration.ofSeconds(30));
        CliRun dry = swarmops("node", "drain", "--keep-capacity", "--dry-run", "node2");
        assertEquals(0, dry.code(), dry.out() + dry.err());
        assertTrue(dry.out().contains("  service web: constraints [node.id!=" + node2 + "], update order start-first\n"), dry.out());
        assertTrue(dry.out().endsWith("  node node2: availability drain\nnothing was changed\n"), dry.out());
        untouched.assertUnchanged(g);

        LowestRunning lowest = new LowestRunning(sandbox.swarm());
        CliRun r;
        long t0 = System.nanoTime();
        try (lowest) {
            r = swarmops("node", "drain", "--keep-capacity", "--yes", "node2");
        }
        System.err.printf(java.util.Locale.ROOT, "node drain --keep-capacity node2: %.1f s, lowest running %s%n%s%s%n",
                (System.nanoTime() - t0) / 1e9, lowest, r.out(), r.err());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("keep capacity: web: " + webOn2 + " task(s) on node2"), r.out());
        assertTrue(r.out().contains("not moved: agent (global"), r.out());
        assertEquals(6, lowest.of("web"), "web never ran fewer than 6 tasks");
        assertEquals(3, lowest.of("api"), "api never ran fewer than 3 tasks");

        // the tasks' own timestamps: in each slot that had a task on node2, the replacement ran before the old one stopped
        List<Task> web = g.tasks(Map.of("service", List.of("web")));
        int replaced = 0;
        for (Task old : web) {
            if (!old.nodeId().equals(node2) || old.desiredState().equals("running")) {
                continue;
            }
            Task fresh = web.stream().filter(t -> t.slot() == old.slot() && t.isRunning() && t.desiredRunning()).findFirst().orElseThrow();
            assertTrue(fresh.timestamp().isBefore(old.timestamp()), "slot " + old.slot() + ": replacement running since " + fresh.timestamp()
                    + ", its predecessor on node2 stopped at " + old.timestamp());
            replaced++;
        }
        assertEquals(webOn2, replaced, "each of web's tasks on node2 replaced, in its slot");
        assertEquals(before, specs(), "every service spec as before, field for field");
        assertEquals("drain", g.node("node2").availability());
        assertEquals(0, g.tasks(Map.of("node", List.of(node2), "desired-state", List.of("running"))).size());

        assertEquals(0, swarmops("node", "update", "--availability", "active", "node2").code());
    }

    @Test
    @Order(2)
    void aServiceThatCannotKeepCapacityIsRefusedBeforeAnyChange() {
        create("pinned", "--replicas", "1", "--constraint", "node.hostname==node2");
        SwarmState untouched = SwarmState.settled(g, Duration.ofSeconds(30));
        CliRun r = swarmops("node", "drain", "--keep-capacity", "--yes", "node2");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("cannot keep capacity: pinned: 1 task(s) (1 of 1 fit on no other node: node1 does not satisfy the constraint"
                + " node.hostname==node2 of pinned; node3 does not satisfy the constraint node.hostname==node2 of pinned)"), r.out());
        assertEquals("error: cannot keep capacity for pinned (1 of 1 fit on no other node: node1 does not satisfy the constraint"
                + " node.hostname==node2 of pinned; node3 does not satisfy the constraint node.hostname==node2 of pinned); nothing changed: pass --allow-short pinned to let them run short\n", r.err());
        untouched.assertUnchanged(g);

        CliRun allowed = swarmops("node", "drain", "--keep-capacity", "--allow-short", "pinned", "--yes", "node2");
        assertEquals(0, allowed.code(), allowed.out() + allowed.err());
        assertEquals(0, running("pinned"), "pinned runs short: it fits nowhere else");
        assertEquals("drain", g.node("node2").availability());
    }
}
