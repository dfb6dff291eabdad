package io.swarmops.cli.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.swarmops.cli.CliRun;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.Waits;
import io.swarmops.ops.engine.EngineGateway;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.testing.SwarmState;
import io.swarmops.recovery.backup.WorkloadBackup;
import io.swarmops.recovery.backup.WorkloadRestore;
import io.swarmops.sandbox.BusyboxImage;
import io.swarmops.sandbox.TestSwarm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backup of one sandbox restored on a fresh one: every service spec equal, field for field. */
class BackupRestoreIT {
    @TempDir
    Path dir;

    @Test
    void backupOnOneSwarmRestoreOnAFreshOne() throws Exception {
        Path stack = dir.resolve("stack.yml");
        Files.writeString(stack, """
                version: "3.8"
                services:
                  web:
                    image: %1$s
                    command: ["sleep", "3600"]
                    networks: [front]
                    configs:
                      - source: motd
                        target: /etc/motd
                    secrets:
                      - source: token
                        target: token
                        mode: 0400
                    deploy:
                      replicas: 2
                      labels: [tier=web]
                      placement:
                        constraints: [node.labels.function==production]
                  worker:
                    image: %1$s
                    command: ["sleep", "3600"]
                    environment: [QUEUE=jobs]
                networks:
                  front:
                    driver: overlay
                    attachable: true
                configs:
                  motd:
                    file: ./motd.txt
                secrets:
                  token:
                    file: ./token.txt
                """.formatted(BusyboxImage.NAME));
        Files.writeString(dir.resolve("motd.txt"), "hello\n");
        Files.writeString(dir.resolve("token.txt"), "s3cr3t\n");
        Path backupFile = dir.resolve("backup.json");
        TreeMap<String, JsonNode> before = new TreeMap<>();
        try (TestSwarm a = TestSwarm.start("rcva", 2, 1)) {
            String h = a.managerHost();
            assertEquals(0, CliRun.run(EngineGateway::connect, "-H", h, "node", "update", "--label-add", "function=production", "node2").code());
            CliRun deploy = CliRun.run(EngineGateway::connect, "-H", h, "stack", "deploy", "--resolve-image", "never", "-c", stack.toString(), "app");
            assertEquals(0, deploy.code(), deploy.err());
            CliRun backup = CliRun.run(EngineGateway::connect, "-H", h, "backup", "-o", backupFile.toString());
            assertEquals(0, backup.code(), backup.err());
            assertTrue(backup.err().contains("saved 2 services"), backup.err());
            assertTrue(!Files.readString(backupFile).contains("s3cr3t"), "no secret data in the backup");
            try (SwarmGateway g = a.gateway()) {
                for (Service s : g.services(Map.of())) {
                    before.put(s.name(), WorkloadRestore.portableSpec(g, s));
                }
            }
        }
        try (TestSwarm b = TestSwarm.start("rcvb", 2, 1)) {
            String h = b.managerHost();
            try (SwarmGateway g = b.gateway()) {
                // dockerd adds docker_gwbridge on its own a moment after a swarm forms: not the restore's doing
                Waits.until("docker_gwbridge on the fresh swarm", Duration.ofSeconds(60), line -> { },
                        () -> g.networks(Map.of()).stream().anyMatch(n -> n.name().equals("docker_gwbridge")));
                SwarmState untouched = SwarmState.read(g);
                CliRun dry = CliRun.run(EngineGateway::connect, "-H", h, "restore", "--dry-run", backupFile.toString());
                assertEquals(0, dry.code(), dry.err());
                assertTrue(dry.out().contains("needs its data: --secret app_token=FILE"), dry.out());
                assertTrue(dry.out().matches("(?s).*\nnode +node2 +label function=production\n.*"), "the node change, shown: " + dry.out());
                untouched.assertUnchanged(g);
                // a node label steers the placement of every task: a backup from elsewhere may not set one unasked
                CliRun refused = CliRun.run(EngineGateway::connect, "-H", h, "restore", "--yes", "--secret",
                        "app_token=" + dir.resolve("token.txt"), backupFile.toString());
                assertEquals(1, refused.code(), refused.out() + refused.err());
                assertTrue(refused.err().contains("restore refused: 1 grant(s) of host access"), refused.err());
                untouched.assertUnchanged(g);
            }
            CliRun restore = CliRun.run(EngineGateway::connect, "-H", h, "restore", "--yes", "--allow-host-access", "--secret",
                    "app_token=" + dir.resolve("token.txt"), backupFile.toString());
            assertEquals(0, restore.code(), restore.out() + restore.err());
            TreeMap<String, JsonNode> after = new TreeMap<>();
            try (SwarmGateway g = b.gateway()) {
                for (Service s : g.services(Map.of())) {
                    after.put(s.name(), WorkloadRestore.portableSpec(g, s));
                }
                assertEquals("production", g.node("node2").labels().get("function"), "node labels restored");
            }
            assertEquals(before.keySet(), after.keySet());
            for (String name : before.keySet()) {
                assertEquals(before.get(name), after.get(name), name + " spec equal field for field");
            }
            CliRun again = CliRun.run(EngineGateway::connect, "-H", h, "restore", "--yes", "--secret",
                    "app_token=" + dir.resolve("token.txt"), backupFile.toString());
            assertEquals(0, again.code());
            assertTrue(again.out().contains("nothing to restore"), "idempotent: " + again.out());
            assertTrue(WorkloadBackup.read(backupFile).managers() >= 1);
        }
    }
}
