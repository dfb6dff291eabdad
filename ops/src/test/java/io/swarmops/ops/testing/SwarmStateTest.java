package io.swarmops.ops.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.SwarmInfo;
import io.swarmops.ops.model.SwarmObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SwarmStateTest {

    /** A swarm of lists a test changes between two reads. */
    static final class ListedSwarm extends StubGateway {
        final List<Node> nodes = new ArrayList<>(List.of(Fixtures.node("n1", "m1", "leader")));
        final List<Service> services = new ArrayList<>(List.of(Fixtures.service("s1", "web", 2)));
        boolean quorum = true;

        @Override
        public SwarmInfo swarm() {
            if (!quorum) {
                throw new SwarmOpsException(SwarmOpsException.Kind.NO_LEADER, "no leader");
            }
            return SwarmInfo.from(io.swarmops.ops.model.Json.object().put("ID", "sw"));
        }

        @Override
        public List<Node> nodes() {
            return nodes;
        }

        @Override
        public List<Service> services(Map<String, List<String>> filters) {
            return services;
        }

        @Override
        public List<SwarmObject> networks(Map<String, List<String>> filters) {
            return List.of();
        }

        @Override
        public List<SwarmObject> configs(Map<String, List<String>> filters) {
            return List.of();
        }

        @Override
        public List<SwarmObject> secrets(Map<String, List<String>> filters) {
            return List.of();
        }
    }

    @Test
    void anUntouchedSwarmIsUnchanged() {
        ListedSwarm swarm = new ListedSwarm();
        SwarmState.read(swarm).assertUnchanged(swarm);
    }

    @Test
    void theSameSpecWrittenAgainMovesTheVersionAndIsSeen() {
        ListedSwarm swarm = new ListedSwarm();
        SwarmState before = SwarmState.read(swarm);
        Service s = swarm.services.get(0);
        com.fasterxml.jackson.databind.node.ObjectNode raw = s.raw().deepCopy();
        raw.putObject("Version").put("Index", s.version() + 1);
        swarm.services.set(0, Service.from(raw));

        List<String> moved = before.differencesTo(SwarmState.read(swarm));
        assertEquals(1, moved.size(), moved.toString());
        assertTrue(moved.get(0).startsWith("changed service web (s1)"), moved.get(0));
        assertThrows(AssertionError.class, () -> before.assertUnchanged(swarm));
    }

    @Test
    void aNodeDrainedAddedOrLostQuorumIsSeen() {
        ListedSwarm swarm = new ListedSwarm();
        SwarmState before = SwarmState.read(swarm);
        swarm.nodes.set(0, Fixtures.withState(swarm.nodes.get(0), "ready", "drain"));
        swarm.nodes.add(Fixtures.node("n2", "w1", null));
        swarm.quorum = false;

        List<String> moved = before.differencesTo(SwarmState.read(swarm));
        assertEquals(3, moved.size(), moved.toString());
        assertTrue(moved.stream().anyMatch(l -> l.startsWith("changed node m1 (n1)")), moved.toString());
        assertTrue(moved.stream().anyMatch(l -> l.startsWith("added node w1 (n2)")), moved.toString());
        assertTrue(moved.stream().anyMatch(l -> l.startsWith("changed swarm") || l.startsWith("added swarm")
                || l.startsWith("removed swarm")), moved.toString());
    }

    @Test
    void aNodesStatusAloneIsNotAChange() {
        ListedSwarm swarm = new ListedSwarm();
        SwarmState before = SwarmState.read(swarm);
        swarm.nodes.set(0, Fixtures.withState(swarm.nodes.get(0), "down", "active"));
        before.assertUnchanged(swarm);
    }
}
