package io.swarmops.recovery.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.testing.CommandRecorder;
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

    private static final Machine NODE3 = new Machine("id3", "node3", "198.18.0.13");

    private static PowerConfig config(List<String> off, List<String> on, Duration timeout) {
        return new PowerConfig(off, on, timeout, List.of(), null);
    }

    @Test
    void argumentsReachTheCommandAsTheyAre() throws Exception {
        Path out = dir.resolve("args");
        CommandPower power = new CommandPower(config(List.of("touch", dir.resolve("{hostname}-{id}").toString(), out.toString()), List.of(),
                Duration.ofSeconds(10)), Operator.none());
        power.off(NODE3);
        assertTrue(Files.exists(dir.resolve("node3-id3")));
        assertTrue(Files.exists(out));
    }

    /**
     * Nothing in a hostname runs: with ssh as the power command, {@code -oProxyCommand=...} as a
     * hostname was an option ssh ran as root; with a {@code sh -c} template, {@code $(...)} and
     * backticks were commands. Each hostile value is refused before any process starts: the command
     * (a script that records its arguments) is never called, and no marker file appears.
     */
    @Test
    void nothingInAHostnameRuns() throws Exception {
        Path marker = dir.resolve("x");
        CommandRecorder recorder = CommandRecorder.in(dir);
        List<List<String>> templates = List.of(List.of("ssh", "-o", "BatchMode=yes", "-o", "ConnectTimeout=2", "{hostname}", "true"),
                List.of("sh", "-c", "echo {hostname} >/dev/null"), List.of(recorder.script().toString(), "{hostname}", "{addr}"));
        List<String> hostile = PowerConfigTest.HOSTILE.stream().filter(h -> !h.isEmpty()).map(h -> h.replace("/tmp/x", marker.toString()))
                .toList();
        for (List<String> template : templates) {
            CommandPower power = new CommandPower(config(template, template, Duration.ofSeconds(10)), Operator.none());
            for (String h : hostile) {
                for (Machine m : List.of(new Machine("id3", h, "198.18.0.13"), new Machine("id3", "node3", h))) {
                    SwarmOpsException e = assertThrows(SwarmOpsException.class, () -> power.off(m), template + " " + h);
                    assertEquals(SwarmOpsException.Kind.INVALID, e.kind());
                    assertThrows(SwarmOpsException.class, () -> power.on(m));
                }
            }
        }
        assertFalse(Files.exists(marker), "no hostname ran as a command or an ssh option");
        assertFalse(recorder.called(), "the power command was never called with a hostile value");
        new CommandPower(config(templates.get(2), List.of(), Duration.ofSeconds(10)), Operator.none()).off(NODE3);
        assertEquals("node3\n198.18.0.13\n", recorder.arguments(), "the recorder records what it is called with");
    }

    @Test
    void aFailingCommandIsOneLineWithItsExitAndLastOutput() {
        CommandPower power = new CommandPower(config(List.of("sh", "-c", "echo no route to host >&2; exit 3"), List.of(),
                Duration.ofSeconds(10)), Operator.none());
        SwarmOpsException e = assertThrows(SwarmOpsException.class, () -> power.off(NODE3));
        assertEquals("power off node3 failed (sh exited 3): no route to host", e.getMessage());
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
