package io.swarmops.recovery.emergency;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        assertEquals(List.of("ssh", "-o", "BatchMode=yes", "root@198.18.0.12", "systemctl", "poweroff"),
                PowerConfig.fill(c.off(), new SavedNode("id2", "node2", "198.18.0.12", "worker")));
        assertEquals(List.of("ipmitool", "-H", "node2-bmc", "chassis", "power", "on"),
                PowerConfig.fill(c.on(), new SavedNode("id2", "node2", "198.18.0.12", "worker")));
        assertEquals(Duration.ofSeconds(90), c.timeout());
        assertEquals(List.of("registry"), c.registryStacks());
        assertEquals("http://127.0.0.1:5000/v2/", c.registryProbe());
    }

    @Test
    void aHostnameCannotInjectACommand() {
        List<String> cmd = PowerConfig.fill(List.of("ssh", "root@{hostname}", "poweroff"), new SavedNode("x", "a; rm -rf /", "1.2.3.4", "worker"));
        assertEquals(List.of("ssh", "root@a; rm -rf /", "poweroff"), cmd, "one argument, never parsed by a shell");
    }

    @Test
    void aCommandThatIsAStringIsRefusedClearly() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "power:\n  off: ssh root@{addr} poweroff\n");
        SwarmOpsException e = assertThrows(SwarmOpsException.class, () -> PowerConfig.read(f));
        assertTrue(e.getMessage().contains("power.off: expected a list of arguments"), e.getMessage());
    }

    @Test
    void withoutAnOnCommandAndNoOperatorTheRebootFailsClearly() {
        PowerControl p = new PowerControl(PowerConfig.none(), request -> false);
        SwarmOpsException e = assertThrows(SwarmOpsException.class, () -> p.on(new SavedNode("x", "node1", "a", "manager")));
        assertTrue(e.getMessage().startsWith("no power.on command configured and no terminal"), e.getMessage());
    }
}
