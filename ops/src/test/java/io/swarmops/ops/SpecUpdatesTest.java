package io.swarmops.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.SwarmInfo;
import io.swarmops.ops.testing.Fixtures;
import io.swarmops.ops.testing.StubGateway;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecUpdatesTest {
    private static final String OUT_OF_SEQUENCE = "rpc error: code = Unknown desc = update out of sequence";

    /** One node whose writes are refused while {@code refusals} lasts; each refusal is someone else's change. */
    static final class RacingNode extends StubGateway {
        Node node = Fixtures.node("n1", "w1", null);
        int refusals;
        final List<ObjectNode> written = new ArrayList<>();

        @Override
        public Node node(String reference) {
            return node;
        }

        @Override
        public void updateNode(String id, long version, ObjectNode spec) {
            if (version != node.version()) {
                throw new SwarmOpsException(SwarmOpsException.Kind.CONFLICT, OUT_OF_SEQUENCE);
            }
            if (refusals > 0) {
                refusals--;
                // someone else labelled the node in between: its version moved
                ObjectNode raw = node.raw().deepCopy();
                ((ObjectNode) raw.with("Spec").with("Labels")).put("zone", "b" + refusals);
                raw.putObject("Version").put("Index", node.version() + 1);
                node = Node.from(raw);
                throw new SwarmOpsException(SwarmOpsException.Kind.CONFLICT, OUT_OF_SEQUENCE);
            }
            written.add(spec);
            ObjectNode raw = node.raw().deepCopy();
            raw.set("Spec", spec);
            raw.putObject("Version").put("Index", node.version() + 1);
            node = Node.from(raw);
        }
    }

    @Test
    void aConflictIsReadAgainAndTheChangeRecomputedKeepingTheOtherChange() {
        RacingNode gateway = new RacingNode();
        gateway.refusals = 1;
        List<String> notes = new ArrayList<>();

        assertTrue(SpecUpdates.updateNode(gateway, "w1", SpecUpdates.availability("drain"), notes::add));

        assertEquals(1, gateway.written.size());
        ObjectNode written = gateway.written.get(0);
        assertEquals("drain", written.path("Availability").asText());
        assertEquals("b0", written.path("Labels").path("zone").asText(), "the concurrent label is kept: " + written);
        assertEquals(List.of("node w1 changed while updating (update out of sequence): read again, attempt 2 of 5"), notes);
    }

    @Test
    void aSwarmThatKeepsChangingIsGivenUpOnAfterTheLastAttempt() {
        RacingNode gateway = new RacingNode();
        gateway.refusals = 100;
        List<String> notes = new ArrayList<>();

        SwarmOpsException e = assertThrows(SwarmOpsException.class,
                () -> SpecUpdates.updateNode(gateway, "w1", SpecUpdates.availability("drain"), notes::add));

        assertEquals(SwarmOpsException.Kind.CONFLICT, e.kind());
        assertEquals("node w1 kept changing while updating (update out of sequence): gave up after 5 attempts", e.getMessage());
        assertEquals(SpecUpdates.ATTEMPTS - 1, notes.size(), notes.toString());
        assertEquals(100 - SpecUpdates.ATTEMPTS, gateway.refusals, "one write per attempt, no more");
        assertTrue(gateway.written.isEmpty());
    }

    @Test
    void otherFailuresAreNotRetried() {
        List<String> notes = new ArrayList<>();
        int[] calls = {0};
        SwarmOpsException e = assertThrows(SwarmOpsException.class, () -> SpecUpdates.retrying("service web", notes::add, attempt -> {
            calls[0]++;
            throw new SwarmOpsException(SwarmOpsException.Kind.NO_LEADER, "no leader");
        }));
        assertEquals(SwarmOpsException.Kind.NO_LEADER, e.kind());
        assertEquals(1, calls[0]);
        assertTrue(notes.isEmpty());
    }

    @Test
    void nothingToChangeWritesNothing() {
        RacingNode gateway = new RacingNode();
        assertFalse(SpecUpdates.updateNode(gateway, "w1", SpecUpdates.availability("active"), l -> { }));
        assertTrue(gateway.written.isEmpty());
    }

    @Test
    void aSwarmUpdateIsRecomputedOnTheFreshSpecAndATokenRotationIsSentEvenWithNoChange() {
        List<String> sent = new ArrayList<>();
        StubGateway gateway = new StubGateway() {
            long version = 7;

            @Override
            public SwarmInfo swarm() {
                ObjectNode raw = Json.object().put("ID", "sw");
                raw.putObject("Version").put("Index", version);
                raw.putObject("Spec").putObject("Labels").put("seen", String.valueOf(version));
                return SwarmInfo.from(raw);
            }

            @Override
            public void swarmUpdate(long v, ObjectNode spec, boolean rotateWorker, boolean rotateManager) {
                if (v == 7) {
                    version = 8;
                    throw new SwarmOpsException(SwarmOpsException.Kind.CONFLICT, OUT_OF_SEQUENCE);
                }
                sent.add(v + " " + spec + " " + rotateWorker + " " + rotateManager);
            }
        };
        List<String> notes = new ArrayList<>();
        assertTrue(SpecUpdates.updateSwarm(gateway, s -> s, true, false, notes::add));
        assertEquals(List.of("8 {\"Labels\":{\"seen\":\"8\"}} true false"), sent);
        assertEquals(1, notes.size());
        assertFalse(SpecUpdates.updateSwarm(gateway, s -> s, false, false, notes::add));
    }
}
