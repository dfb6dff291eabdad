package io.swarmops.cli.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmops.cli.CliRun;
import io.swarmops.cli.ExitCodes;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.sandbox.BusyboxImage;
import io.swarmops.sandbox.Sandbox;
import io.swarmops.sandbox.TestSwarm;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What dockerd 20.10 really does with a lost quorum on an autolocked swarm (moby/moby#36852), and
 * that swarmops says so: the force is refused, and the refusal takes the daemon out of the swarm
 * until it restarts; restarted, it is locked, and {@code quorum status} says to unlock it. Nothing
 * of the workload is lost on the way: the state on disk is intact.
 */
class AutolockQuorumIT {

    @Test
    void aLostQuorumOnAnAutolockedSwarmIsRefusedAndSaidSo() throws Exception {
        try (TestSwarm swarm = TestSwarm.start("rcvl", 3, 3)) {
            Sandbox sandbox = swarm.sandbox();
            String host = sandbox.host("node1");
            assertEquals(0, CliRun.against(host, "service", "create", "--name", "keep", "--replicas", "2", "--no-resolve-image",
                    BusyboxImage.NAME, "sleep", "3600").code());
            try (SwarmGateway g = swarm.gateway()) {
                var swarmInfo = g.swarm();
                var spec = swarmInfo.raw().path("Spec").deepCopy();
                ((com.fasterxml.jackson.databind.node.ObjectNode) spec).with("EncryptionConfig").put("AutoLockManagers", true);
                g.swarmUpdate(swarmInfo.raw().path("Version").path("Index").asLong(),
                        (com.fasterxml.jackson.databind.node.ObjectNode) spec, false, false);
                assertTrue(g.unlockKey().startsWith("SWMKEY-"), "autolock is on");
            }
            sandbox.kill("node2");
            sandbox.kill("node3");

            String others = sandbox.address("node2") + "=" + sandbox.host("node2") + "," + sandbox.address("node3") + "=" + sandbox.host("node3");
            long t0 = System.nanoTime();
            CliRun lost = CliRun.against(host, "quorum", "status", "--manager-hosts", others);
            while (lost.code() != ExitCodes.MON_CRITICAL && System.nanoTime() - t0 < 90_000_000_000L) {
                Thread.sleep(500);
                lost = CliRun.against(host, "quorum", "status", "--manager-hosts", others);
            }
            assertEquals(ExitCodes.MON_CRITICAL, lost.code(), lost.out() + lost.err());

            CliRun recover = CliRun.against(host, "quorum", "recover", "--yes", "--managers", "1", "--timeout", "30s",
                    "--manager-hosts", others);
            System.err.println("quorum recover on an autolocked swarm:\n" + recover.out() + recover.err());
            assertEquals(ExitCodes.FAILED, recover.code());
            assertTrue(recover.err().contains("autolocked") && recover.err().contains("moby/moby#36852"), recover.err());
            assertEquals(1, recover.err().lines().filter(l -> l.startsWith("error:")).count(), "one error line: " + recover.err());

            CliRun after = CliRun.against(host, "quorum", "status");
            assertEquals(ExitCodes.MON_UNKNOWN, after.code(), "dockerd left the swarm after the refused force: " + after.out());
            assertTrue(after.out().contains("inactive"), after.out());

            sandbox.kill("node1");
            sandbox.boot("node1");
            CliRun locked = CliRun.against(host, "quorum", "status");
            assertEquals(ExitCodes.MON_UNKNOWN, locked.code(), locked.out());
            assertTrue(locked.out().contains("locked (autolock)") && locked.out().contains("docker swarm unlock"), locked.out());
            assertTrue(java.nio.file.Files.isDirectory(sandbox.layout().dataRoot(1).resolve("swarm/raft")), "the Raft state is kept on disk");
        }
    }
}
