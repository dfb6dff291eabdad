package io.swarmops.rebalance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.spy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.SpecUpdates;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.model.Node;
import io.swarmops.sandbox.SandboxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A rebalance killed in the middle of a move, on a real swarm: the process dies (no undo runs) right
 * after it paused a competitor and scaled the service up. The swarm is left with a node paused and
 * the service one replica over; the lock stays with its journal. The next run, once the lock is
 * stale, puts both back before it does anything else.
 */
class RebalanceRecoveryIT {
    @RegisterExtension
    static final SandboxExtension sandbox = SandboxExtension.of("rblc", 3, 1);
    static SwarmGateway g;

    /** Stands for kill -9: not a RuntimeException, so no catch in the executor undoes anything. */
    static final class Killed extends Error {
        Killed() {
            super("killed");
        }
    }

    @BeforeAll
    static void up() {
        g = sandbox.gateway();
    }

    @Test
    void aRunKilledAfterTheScaleUpIsPutBackByTheNextRun() {
        SpecUpdates.updateNode(g, "node2", SpecUpdates.availability("drain"), System.err::println);
        SpecUpdates.updateNode(g, "node3", SpecUpdates.availability("drain"), System.err::println);
        String id = g.createService(SandboxExtension.sleeper("web", 4), null, w -> { });
        sandbox.awaitRunning(id, 4);
        SpecUpdates.updateNode(g, "node2", SpecUpdates.availability("active"), System.err::println);
        SpecUpdates.updateNode(g, "node3", SpecUpdates.availability("active"), System.err::println);

        // the process dies as soon as the scale-up is written: competitor paused, service at 5
        SwarmGateway dying = spy(g);
        doAnswer(inv -> {
            inv.callRealMethod();
            ObjectNode spec = inv.getArgument(2);
            if (spec.at("/Mode/Replicated/Replicas").asLong() == 5) {
                throw new Killed();
            }
            return null;
        }).when(dying).updateService(anyString(), anyLong(), any(), any(), anyBoolean(), any());
        Rebalancer first = new Rebalancer(dying, Duration.ofSeconds(60), s -> { });
        RebalanceLock lock = RebalanceLock.acquire(dying, "first run", Duration.ofMinutes(15), first::undo);
        assertThrows(Killed.class, () -> first.run(RebalancePolicy.defaults().withThreshold(0.5), lock));

        assertEquals(5, g.service(id).replicas(), "left scaled up");
        List<String> paused = g.nodes().stream().filter(n -> n.availability().equals("pause")).map(Node::hostname).toList();
        assertEquals(1, paused.size(), "one competitor left paused: " + paused);
        assertTrue(RebalanceLock.journalOf(g.config(RebalanceLock.NAME)).isPresent(), "the lock and its journal stay");

        List<String> said = new ArrayList<>();
        Rebalancer next = new Rebalancer(g, Duration.ofSeconds(60), said::add);
        try (RebalanceLock again = RebalanceLock.acquire(g, "next run", Duration.ZERO, next::undo)) {
            assertEquals(4, g.service(id).replicas(), "scaled back first: " + said);
            assertTrue(g.nodes().stream().allMatch(Node::isActive), "availability back first: " + said);
            Rebalancer.Outcome outcome = next.run(RebalancePolicy.defaults().withThreshold(0.5), again);
            System.err.printf("recovery: %s; then %d move(s), spread %.2f -> %.2f%n", said, outcome.moves(), outcome.spreadBefore(),
                    outcome.spreadAfter());
        }
        sandbox.awaitRunning(id, 4);
        assertTrue(g.nodes().stream().allMatch(Node::isActive));
        assertTrue(g.configs(Map.of("name", List.of(RebalanceLock.NAME))).isEmpty(), "the lock released");
    }
}
