package io.swarmops.recovery.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmops.ops.SwarmOpsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The power commands run as real processes, without a shell. */
class CommandPowerTest {
    @TempDir
    Path dir;

    private static final Machine NODE3 = new Machine("id3", "node3; touch INJECTED", "198.18.0.13");

    private static PowerConfig config(List<String> off, List<String> on, Duration timeout) {
        return new PowerConfig(off, on, timeout, List.of(), null);
    }

    @Test
    void argumentsReachTheCommandAsTheyAreWithNoShellBetween() throws Exception {
        Path out = dir.resolve("args");
        // tee writes its stdin... none here; it creates each file named: the hostname is one file name
        CommandPower power = new CommandPower(config(List.of("touch", dir.resolve("{hostname}").toString(), out.toString()), List.of(),
                Duration.ofSeconds(10)), Operator.none());
        power.off(NODE3);
        assertTrue(Files.exists(dir.resolve("node3; touch INJECTED")), "one argument with the whole hostname");
        assertTrue(Files.exists(out));
        assertTrue(!Files.exists(Path.of("INJECTED")), "nothing ran the rest as a command");
    }

    @Test
    void aFailingCommandIsOneLineWithItsExitAndLastOutput() {
        CommandPower power = new CommandPower(config(List.of("sh", "-c", "echo no route to host >&2; exit 3"), List.of(),
                Duration.ofSeconds(10)), Operator.none());
        SwarmOpsException e = assertThrows(SwarmOpsException.class, () -> power.off(NODE3));
        assertEquals("power off node3; touch INJECTED failed (sh exited 3): no route to host", e.getMessage());
    }

    @Test
    void aHangingCommandIsStoppedAtTheTimeout() {
        CommandPower power = new CommandPower(config(List.of("sleep", "30"), List.of(), Duration.ofMillis(500)), Operator.none());
        long t0 = System.nanoTime();
        SwarmOpsException e = assertThrows(SwarmOpsException.class, () -> power.off(NODE3));
        assertEquals(SwarmOpsException.Kind.TIMEOUT, e.kind());
        assertTrue((System.nanoTime() - t0) / 1e9 < 10, "stopped, not waited for");
    }

    @Test
    void withoutAnOnCommandTheOperatorIsAskedAndWaitedFor() {
        List<String> asked = new ArrayList<>();
        CommandPower power = new CommandPower(config(List.of(), List.of(), Duration.ofSeconds(1)), new Operator() {
            @Override
            public boolean present() {
                return true;
            }

            @Override
            public void ask(String request) {
                asked.add(request);
            }
        });
        assertNull(power.refusal(true));
        power.on(new Machine("id1", "node1", "198.18.0.11"));
        assertEquals(List.of("power on node1 (198.18.0.11) now, then press Enter"), asked);
    }

    @Test
    void withoutAnOnCommandAndNobodyToAskItIsRefusedBeforeAnythingRuns() {
        CommandPower power = new CommandPower(config(List.of("true"), List.of(), Duration.ofSeconds(1)), Operator.none());
        assertNull(power.refusal(false));
        assertEquals("no power.on command configured and no terminal to ask the operator: configure power.on in the power config "
                + "(--config) or run this at a terminal", power.refusal(true));
        assertThrows(SwarmOpsException.class, () -> power.on(NODE3));
    }
}
