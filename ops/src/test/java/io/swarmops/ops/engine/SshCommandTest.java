package io.swarmops.ops.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmops.ops.SwarmOpsException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SshCommandTest {
    @Test
    void theCommandIsDockersWithBatchModeAndNoShell() {
        SshCommand c = SshCommand.parse(URI.create("ssh://admin@10.0.0.7:2222"));
        assertEquals(List.of("ssh", "-o", "ConnectTimeout=5", "-o", "BatchMode=yes", "-T", "-l", "admin", "-p", "2222",
                "--", "10.0.0.7", "docker", "system", "dial-stdio"), c.argv(Duration.ofSeconds(5), null, c.dialStdio()));
        SshCommand plain = SshCommand.parse(URI.create("ssh://node2"));
        assertEquals(List.of("ssh", "-F", "/etc/swarmops/ssh_config", "-o", "ConnectTimeout=1", "-o", "BatchMode=yes", "-T",
                "--", "node2", "docker", "system", "dial-stdio"), plain.argv(Duration.ofMillis(10), Path.of("/etc/swarmops/ssh_config"), plain.dialStdio()));
    }

    @Test
    void aSocketPathIsPassedToTheRemoteDockerAsDockerDoes() {
        SshCommand c = SshCommand.parse(URI.create("ssh://root@h/run/swarmops-sandbox/x/node2.sock"));
        assertEquals(List.of("docker", "--host=unix:///run/swarmops-sandbox/x/node2.sock", "system", "dial-stdio"), c.dialStdio());
        assertEquals(List.of("docker", "system", "dial-stdio"), SshCommand.parse(URI.create("ssh://h/")).dialStdio());
    }

    @Test
    void whatCouldBecomeAnOptionOrAShellWordIsRefused() {
        refused("ssh://-oProxyCommand=x", "no valid host");
        refused("ssh://u:pw@h", "password");
        refused("ssh://h?x=1", "query");
        refused("ssh://h/run/a;reboot", "socket path");
        refused("ssh://h/run/a%20b", "socket path");
        refused("ssh://-l@h", "not a user name");
        refused("tcp://h:1", "not an ssh:// address");
    }

    private static void refused(String uri, String expected) {
        SwarmOpsException e = assertThrows(SwarmOpsException.class, () -> SshCommand.parse(URI.create(uri)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
