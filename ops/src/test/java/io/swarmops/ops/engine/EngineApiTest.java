package io.swarmops.ops.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.swarmops.ops.SwarmOpsException.Kind;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EngineApiTest {
    @Test
    void refusalsMapToKinds() {
        assertEquals(Kind.NO_LEADER, EngineApi.toException(500, "rpc error: code = Unknown desc = The swarm does not have a "
                + "leader. It's possible that too few managers are online. Make sure more than half of the managers are online.", "/nodes").kind());
        assertEquals(Kind.NOT_A_MANAGER, EngineApi.toException(503, "This node is not a swarm manager. Worker nodes can't be used "
                + "to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.", "/nodes").kind());
        assertEquals(Kind.NOT_A_MANAGER, EngineApi.toException(503, "This node is not a swarm manager. Use \"docker swarm init\" or "
                + "\"docker swarm join\" to connect this node to swarm and try again.", "/nodes").kind());
        assertEquals(Kind.NOT_FOUND, EngineApi.toException(404, "node x not found", "/nodes/x").kind());
        assertEquals(Kind.CONFLICT, EngineApi.toException(500, "rpc error: code = Unknown desc = update out of sequence", "/services/x/update").kind());
        assertEquals(Kind.CONFLICT, EngineApi.toException(409, "name conflicts with an existing object", "/services/create").kind());
        assertEquals(Kind.INVALID, EngineApi.toException(400, "invalid mount config", "/services/create").kind());
        assertEquals(Kind.FAILED, EngineApi.toException(500, "something else", "/x").kind());
    }

    @Test
    void messageIsTheDaemonsOwnText() {
        assertEquals("node x not found", EngineApi.errorMessage("{\"message\":\"node x not found\"}\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("plain text", EngineApi.errorMessage("plain text\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("HTTP 502 from /x", EngineApi.toException(502, "", "/x").getMessage());
    }

    @Test
    void apiVersionIsTheLowerOfOursAndTheDaemons() {
        assertEquals("1.41", EngineApi.lower("1.41", EngineApi.MAX_API_VERSION));
        assertEquals(EngineApi.MAX_API_VERSION, EngineApi.lower("1.51", EngineApi.MAX_API_VERSION));
        assertEquals(-1, EngineApi.compareVersions("1.9", "1.41"));
    }
}
