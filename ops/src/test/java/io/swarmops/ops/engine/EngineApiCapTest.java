package io.swarmops.ops.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.swarmops.ops.ConnectionOptions;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.testing.FakeEngine;
import io.swarmops.ops.testing.FakeEngine.Answer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A broken or hostile daemon sending a body that never ends: one clear error, not an OutOfMemoryError. */
class EngineApiCapTest {
    @Test
    void anEndlessAnswerIsRefusedAtTheCap() {
        try (FakeEngine engine = FakeEngine.start();
             EngineGateway gw = EngineGateway.connect(ConnectionOptions.forHost(engine.host()))) {
            engine.on("GET", "/services", r -> Answer.endless(200));
            SwarmOpsException e = assertThrows(SwarmOpsException.class, () -> gw.services(Map.of()));
            assertEquals(SwarmOpsException.Kind.FAILED, e.kind());
            assertEquals("the daemon at " + gw.endpoint().describe() + " answered GET /services with a body larger than 64 MB,"
                    + " swarmops' limit for a daemon's answer; not read further", e.getMessage());
        }
    }

    @Test
    void anEndlessErrorIsRefusedAtItsOwnCap() {
        try (FakeEngine engine = FakeEngine.start();
             EngineGateway gw = EngineGateway.connect(ConnectionOptions.forHost(engine.host()))) {
            engine.on("GET", "/nodes", r -> Answer.endless(500));
            SwarmOpsException e = assertThrows(SwarmOpsException.class, gw::nodes);
            assertEquals("HTTP 500 from /nodes with an error larger than 64 KB, swarmops' limit for a daemon's error", e.getMessage());
        }
    }
}
