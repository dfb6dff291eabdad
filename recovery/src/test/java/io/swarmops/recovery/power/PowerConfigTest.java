package io.swarmops.recovery.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmops.ops.SwarmOpsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PowerConfigTest {
    @TempDir
    Path dir;

    private static final Machine NODE2 = new Machine("id2", "node2", "198.18.0.12");

    @Test
    void readsTheIssuesExampleWhereOnAndOffAreYamlBooleans() throws Exception {
        Path f = dir.resolve("power.yaml");
        Files.writeString(f, """
                power:
                  off: ["ssh", "-o", "BatchMode=yes", "root@{addr}", "systemctl", "poweroff"]
                  on:  ["ipmitool", "-H", "{hostname}-bmc", "chassis", "power", "on"]
                  timeout: 90s
                registry:
                  stacks: [registry]        # brought back first
                  probe: http://127.0.0.1:5000/v2/
                """);
        PowerConfig c = PowerConfig.read(f);
        assertEquals(List.of("ssh", "-o", "BatchMode=yes", "root@198.18.0.12", "systemctl", "poweroff"), PowerConfig.fill(c.off(), NODE2));
        assertEquals(List.of("ipmitool", "-H", "node2-bmc", "chassis", "power", "on"), PowerConfig.fill(c.on(), NODE2));
        assertEquals(Duration.ofSeconds(90), c.timeout());
        assertEquals(List.of("registry"), c.registryStacks());
        assertEquals("http://127.0.0.1:5000/v2/", c.registryProbe());
    }

    @Test
    void eitherSectionMayBeLeftOut() throws Exception {
        Path f = dir.resolve("power.yaml");
        Files.writeString(f, "power:\n  off: [poweroff]\n");
        assertEquals(List.of(), PowerConfig.read(f).registryStacks());
        Files.writeString(f, "registry:\n  stacks: [registry]\n");
        assertEquals(List.of(), PowerConfig.read(f).on());
    }

    @Test
    void theIdPlaceholderIsFilledToo() {
        assertEquals(List.of("bmc", "--node", "id2"), PowerConfig.fill(List.of("bmc", "--node", "{id}"), NODE2));
    }

    /** What a node may report as its hostname or address and what it may not: a marker file names what would run. */
    static final List<String> HOSTILE = List.of("-oProxyCommand=touch /tmp/x", "$(touch /tmp/x)", "`touch /tmp/x`", "a b", "a'b", "a\"b",
            "a\nb", "a;b", "a|b", "-", "a/b", "[fe80::1]x", "");

    @Test
    void aValueANodeReportsGoesIntoACommandOnlyAsAHostNameOrAddress() {
        for (String ok : List.of("node2", "node-2.example.com", "198.18.0.12", "fe80::1", "[fe80::1]", "n_2")) {
            assertEquals(List.of("ssh", "root@" + ok, "poweroff"), PowerConfig.fill(List.of("ssh", "root@{hostname}", "poweroff"),
                    new Machine("id2", ok, "198.18.0.12")));
        }
        for (String bad : HOSTILE) {
            SwarmOpsException e = assertThrows(SwarmOpsException.class,
                    () -> PowerConfig.fill(List.of("ssh", "{hostname}", "poweroff"), new Machine("id2", bad, "198.18.0.12")), bad);
            assertEquals(SwarmOpsException.Kind.INVALID, e.kind());
            assertTrue(e.getMessage().startsWith("node 'id2' (hostname "), e.getMessage());
            assertTrue(e.getMessage().contains("it is never put in a power command"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
            if (!bad.isEmpty()) {
                assertThrows(SwarmOpsException.class, () -> new Machine("id2", bad, "198.18.0.12").checked(), "refused at capture: " + bad);
                assertThrows(SwarmOpsException.class, () -> PowerConfig.fill(List.of("ipmitool", "-H", "{addr}"),
                        new Machine("id2", "node2", bad)), "an address too: " + bad);
            }
        }
        assertEquals(List.of("poweroff"), PowerConfig.fill(List.of("poweroff"), new Machine("id2", "-oX", "")),
                "a value no placeholder asks for is not used");
    }

    @Test
    void aCommandThatIsAStringIsRefusedClearly() throws Exception {
        assertEquals(dir.resolve("bad.yaml") + ": power.off: expected a list of arguments, e.g. [\"ssh\", \"root@{addr}\", \"poweroff\"]",
                refusal("power:\n  off: ssh root@{addr} poweroff\n"));
    }

    @Test
    void aMisspeltKeyIsRefusedRatherThanLeavingACommandOut() throws Exception {
        assertTrue(refusal("power:\n  of: [poweroff]\n").endsWith("unknown key power.of (expected off, on, timeout)"));
        assertTrue(refusal("registry:\n  stack: [registry]\n").endsWith("unknown key registry.stack (expected stacks, probe)"));
        assertTrue(refusal("powr:\n  off: [poweroff]\n").endsWith("unknown key powr (expected power:, registry: and nodes:)"));
    }

    @Test
    void theNodeInventoryMayShareTheFile() throws Exception {
        Path f = dir.resolve("shared.yaml");
        Files.writeString(f, "power:\n  off: [poweroff]\nnodes:\n  default: ssh://root@{addr}\n");
        assertEquals(List.of("poweroff"), PowerConfig.read(f).off());
    }

    @Test
    void aProbeMustBeAnHttpUrlAndATimeoutADuration() throws Exception {
        assertTrue(refusal("registry:\n  probe: 127.0.0.1:5000\n").contains("registry.probe: expected an http:// or https:// URL"));
        assertTrue(refusal("power:\n  timeout: soon\n").endsWith("power.timeout: not a duration: soon"));
    }

    @Test
    void aTimeoutIsAGoDurationOrANumberOfSeconds() throws Exception {
        Path f = dir.resolve("timeouts.yaml");
        Files.writeString(f, "power:\n  off: [poweroff]\n  timeout: 1m30s\n");
        assertEquals(Duration.ofSeconds(90), PowerConfig.read(f).timeout());
        Files.writeString(f, "power:\n  off: [poweroff]\n  timeout: 1.5m\n");
        assertEquals(Duration.ofSeconds(90), PowerConfig.read(f).timeout());
        Files.writeString(f, "power:\n  off: [poweroff]\n  timeout: 120\n");
        assertEquals(Duration.ofSeconds(120), PowerConfig.read(f).timeout());
    }

    private String refusal(String yaml) throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, yaml);
        return assertThrows(SwarmOpsException.class, () -> PowerConfig.read(f)).getMessage();
    }
}
