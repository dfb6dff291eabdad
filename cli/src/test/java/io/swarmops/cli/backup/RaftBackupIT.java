package io.swarmops.cli.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmops.cli.CliRun;
import io.swarmops.cli.ExitCodes;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.model.Service;
import io.swarmops.sandbox.BusyboxImage;
import io.swarmops.sandbox.TestSwarm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The raw Raft backup on real managers: copied from one of three managers (its daemon stopped and
 * started by the sandbox's power commands), refused on a lone manager, and restored on a fresh
 * swarm, which then holds the saved services.
 */
class RaftBackupIT {
    @TempDir
    Path dir;

    static String sandboxCommand(String verb, TestSwarm swarm, String node) {
        return "java -jar " + Path.of("target/swarmops.jar").toAbsolutePath() + " sandbox " + verb + " --prefix "
                + swarm.sandbox().layout().prefix() + " " + node;
    }

    @Test
    void copyFromAManagerRefuseOnALoneOneRestoreOnAFreshSwarm() throws Exception {
        Path archive = dir.resolve("raft.tar.gz");
        try (TestSwarm a = TestSwarm.start("rcvr", 3, 3)) {
            assertEquals(0, CliRun.against(a.managerHost(), "service", "create", "--name", "keep", "--replicas", "2",
                    "--no-resolve-image", BusyboxImage.NAME, "sleep", "3600").code());
            CliRun r = CliRun.against(a.sandbox().host("node3"), "backup", "--raft", "-o", archive.toString(), "--yes",
                    "--data-root", a.sandbox().layout().dataRoot(3).toString(),
                    "--daemon-stop", sandboxCommand("kill", a, "node3"), "--daemon-start", sandboxCommand("boot", a, "node3"));
            assertEquals(0, r.code(), r.out() + r.err());
            Process list = new ProcessBuilder("tar", "-tzf", archive.toString()).redirectErrorStream(true).start();
            String entries = new String(list.getInputStream().readAllBytes());
            list.waitFor(10, TimeUnit.SECONDS);
            assertTrue(entries.contains("swarm/raft/"), entries);
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(archive)),
                    "it holds swarm-node.key");
            try (SwarmGateway g = a.gateway()) {
                assertTrue(g.node("node3").isReady(), "node3 is back after the copy");
            }
        }
        try (TestSwarm b = TestSwarm.start("rcvs", 1, 1)) {
            String host = b.managerHost();
            String stop = sandboxCommand("kill", b, "node1");
            String start = sandboxCommand("boot", b, "node1");
            String root = b.sandbox().layout().dataRoot(1).toString();
            CliRun refused = CliRun.against(host, "backup", "--raft", "-o", dir.resolve("x.tar.gz").toString(), "--yes",
                    "--data-root", root, "--daemon-stop", stop, "--daemon-start", start);
            assertEquals(ExitCodes.FAILED, refused.code());
            assertTrue(refused.err().contains("would cost the quorum"), refused.err());
            assertTrue(b.sandbox().running("node1"), "a refusal stops nothing");
            assertTrue(!Files.exists(dir.resolve("x.tar.gz")));

            CliRun restore = CliRun.against(host, "restore", "--raft", archive.toString(), "--yes", "--data-root", root,
                    "--daemon-stop", stop, "--daemon-start", start, "--advertise-addr", b.sandbox().address("node1"));
            assertEquals(0, restore.code(), restore.out() + restore.err());
            try (SwarmGateway g = b.gateway()) {
                assertTrue(g.services(Map.of()).stream().map(Service::name).anyMatch("keep"::equals), "the saved service is there");
            }
        }
    }
}
