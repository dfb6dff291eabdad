package io.swarmops.cli.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmops.cli.CliRun;
import io.swarmops.cli.ExitCodes;
import io.swarmops.ops.engine.SshCommand;
import io.swarmops.sandbox.TestSwarm;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reaching each node's own daemon, on a real 3-node swarm (1 manager, 2 workers) and a real sshd
 * on a loopback port that tunnels to the nodes' sockets with {@code docker system dial-stdio}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodesIT {
    @TempDir
    static Path dir;
    static TestSwarm swarm;
    static TestSshd sshd;

    @BeforeAll
    static void up() throws Exception {
        sshd = TestSshd.start(Files.createDirectories(dir.resolve("sshd")));
        System.setProperty(SshCommand.CONFIG_PROPERTY, sshd.clientConfig().toString());
        swarm = TestSwarm.start("nodes", 3, 1);
    }

    @AfterAll
    static void down() {
        System.clearProperty(SshCommand.CONFIG_PROPERTY);
        try {
            if (swarm != null) {
                swarm.close();
            }
        } finally {
            sshd.close();
        }
    }

    static String socket(String node) {
        return swarm.sandbox().layout().socket(Integer.parseInt(node.substring(4))).toString();
    }

    @Test
    @Order(1)
    void theManagerIsReachedOverSshAsDockerReachesIt() {
        CliRun r = CliRun.against(sshd.url(socket("node1")), "node", "ls", "--format", "{{.Hostname}}");
        assertEquals(0, r.code(), r.err());
        assertEquals("node1\nnode2\nnode3\n", r.out());
    }

    @Test
    @Order(2)
    void anUnknownHostKeyIsRefusedInOneLine() throws Exception {
        Path config = dir.resolve("untrusting_config");
        Files.writeString(config, Files.readString(sshd.clientConfig()).replace(sshd.dir().resolve("known_hosts").toString(), "/dev/null"));
        System.setProperty(SshCommand.CONFIG_PROPERTY, config.toString());
        try {
            CliRun r = CliRun.against(sshd.url(socket("node1")), "node", "ls");
            assertEquals(ExitCodes.FAILED, r.code(), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().contains("Host key verification failed"), r.err());
        } finally {
            System.setProperty(SshCommand.CONFIG_PROPERTY, sshd.clientConfig().toString());
        }
    }
}
