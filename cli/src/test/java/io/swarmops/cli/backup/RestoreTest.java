package io.swarmops.cli.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.CliRun;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Service;
import io.swarmops.recovery.emergency.SimulatedCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code restore FILE} of a backup from elsewhere: what it grants on the hosts is shown, and refused unless allowed. */
class RestoreTest {
    @TempDir
    Path dir;

    static SimulatedCluster target() {
        SimulatedCluster c = new SimulatedCluster().addNode("id1", "node1", true).addNode("id2", "node2", false);
        c.createSecret(Json.object().put("Name", "db_password").put("Data", "c2VjcmV0"));
        c.createNetwork(Json.object().put("Name", "host").put("Driver", "host").put("Scope", "local"));
        return c;
    }

    /** An untrusted backup: one service that is root on every host, a plain one, and node1 drained and relabelled. */
    Path backup() throws Exception {
        ObjectNode doc = Json.object().put("Format", 1).put("CreatedAt", "2026-11-24T03:00:00Z");
        doc.putArray("Networks");
        doc.putArray("Configs");
        doc.putArray("Secrets").addObject().put("Name", "db_password");
        ArrayNode services = doc.putArray("Services");
        ObjectNode evil = services.addObject().put("Name", "agent");
        ObjectNode task = evil.putObject("TaskTemplate");
        ObjectNode cs = task.putObject("ContainerSpec").put("Image", "swarmops/busybox:latest");
        ArrayNode mounts = cs.putArray("Mounts");
        mounts.addObject().put("Type", "bind").put("Source", "/").put("Target", "/host");
        mounts.addObject().put("Type", "bind").put("Source", "/var/run/docker.sock").put("Target", "/var/run/docker.sock");
        ObjectNode vol = mounts.addObject().put("Type", "volume").put("Source", "etc").put("Target", "/etc-host");
        vol.putObject("VolumeOptions").putObject("DriverConfig").put("Name", "local").putObject("Options")
                .put("type", "none").put("o", "bind").put("device", "/etc");
        cs.putArray("CapabilityAdd").add("CAP_SYS_ADMIN").add("CAP_NET_ADMIN");
        cs.putObject("Privileges").putObject("Seccomp").put("Mode", "unconfined");
        cs.putArray("Secrets").addObject().put("SecretName", "db_password").putObject("File").put("Name", "db_password");
        task.putArray("Networks").addObject().put("Target", "host");
        evil.putObject("Mode").putObject("Global");
        ObjectNode plain = services.addObject().put("Name", "web");
        plain.putObject("TaskTemplate").putObject("ContainerSpec").put("Image", "swarmops/busybox:latest");
        plain.putObject("Mode").putObject("Replicated").put("Replicas", 1);
        ObjectNode node = doc.putArray("Nodes").addObject().put("Hostname", "node1");
        node.putObject("Spec").put("Role", "manager").put("Availability", "drain").putObject("Labels").put("db", "true");
        doc.put("Managers", 1);
        Path f = dir.resolve("backup.json");
        Files.writeString(f, Json.PRETTY.writeValueAsString(doc));
        return f;
    }

    static final List<String> GRANTS = List.of(
            "node node1 availability active → drain",
            "node node1 label db=true",
            "service agent bind mount of / (the host's whole filesystem) at /host",
            "service agent bind mount of /var/run/docker.sock (the docker socket: root on the host) at /var/run/docker.sock",
            "service agent volume etc binding /etc at /etc-host",
            "service agent added capabilities CAP_SYS_ADMIN, CAP_NET_ADMIN",
            "service agent seccomp unconfined",
            "service agent the host network",
            "service agent the secret db_password that this swarm holds already");

    private static List<String> grantLines(String out) {
        return out.lines().dropWhile(l -> !l.startsWith("host access")).skip(2).takeWhile(l -> !l.startsWith("dry run:")).map(l -> l.strip().replaceAll(" +", " ")).toList();
    }

    @Test
    void theDryRunShowsEveryGrantPerServiceAndNodeAndChangesNothing() throws Exception {
        SimulatedCluster c = target();
        List<String> before = List.copyOf(c.writes());
        CliRun r = CliRun.run(c, "restore", backup().toString(), "--dry-run");
        assertEquals(0, r.code(), r.err());
        assertEquals(GRANTS, grantLines(r.out()), r.out());
        assertTrue(r.out().contains("dry run: the restore, simulated on a copy of the cluster, making these changes:\n"), r.out());
        assertTrue(r.out().contains("\n  node node1: availability drain, labels {db=true}\n"), r.out());
        assertTrue(r.out().contains("\n  service agent: create\n"), r.out());
        assertTrue(r.out().endsWith("\nnothing changed\n"), r.out());
        assertEquals(before, c.writes(), "nothing written");
        assertEquals(List.of(), c.services(Map.of()));
        assertEquals("active", c.node("node1").spec().path("Availability").asText());
    }

    @Test
    void aRealRunIsRefusedWithOneLineUnlessHostAccessIsAllowed() throws Exception {
        SimulatedCluster c = target();
        List<String> before = List.copyOf(c.writes());
        CliRun refused = CliRun.run(c, "restore", backup().toString(), "--yes");
        assertEquals(1, refused.code(), refused.out() + refused.err());
        assertEquals("error: restore refused: 9 grant(s) of host access (listed above); nothing changed. Pass --allow-host-access "
                + "if you trust " + dir.resolve("backup.json"), refused.err().strip());
        assertEquals(before, c.writes(), "nothing written");

        CliRun allowed = CliRun.run(c, "restore", backup().toString(), "--yes", "--allow-host-access");
        assertEquals(0, allowed.code(), allowed.out() + allowed.err());
        assertTrue(allowed.out().contains("host access this backup would grant (allowed: --allow-host-access):"), allowed.out());
        assertEquals(List.of("agent", "web"), c.services(Map.of()).stream().map(Service::name).sorted().toList());
        assertEquals("drain", c.node("node1").spec().path("Availability").asText());
    }

    @Test
    void aHostileRaftArchiveIsRefusedWithOneLineBeforeThePlanEvenForADryRun() throws Exception {
        Path archive = dir.resolve("raft.tar.gz");
        try (var out = Files.newOutputStream(archive);
                var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(
                        new org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream(out))) {
            var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("swarm/../../etc/cron.d/x");
            e.setSize(1);
            tar.putArchiveEntry(e);
            tar.write('x');
            tar.closeArchiveEntry();
        }
        SimulatedCluster c = target();
        for (String mode : List.of("--dry-run", "--yes")) {
            CliRun r = CliRun.run(c, "restore", "--raft", archive.toString(), mode, "--data-root", dir.resolve("docker").toString(),
                    "--daemon-stop", "false", "--daemon-start", "false");
            assertEquals(2, r.code(), r.out() + r.err());
            assertEquals("error: raw Raft restore refused: " + archive + ": entry swarm/../../etc/cron.d/x: a path with ..\n", r.err());
            assertEquals("", r.out(), "no plan for a hostile archive");
        }
        assertTrue(!Files.exists(dir.resolve("docker")), "nothing unpacked");
    }

    @Test
    void aBackupThatGrantsNothingNeedsNoPermission() throws Exception {
        SimulatedCluster c = target();
        ObjectNode doc = (ObjectNode) Json.MAPPER.readTree(backup().toFile());
        ArrayNode services = doc.putArray("Services");
        ObjectNode plain = services.addObject().put("Name", "web");
        plain.putObject("TaskTemplate").putObject("ContainerSpec").put("Image", "swarmops/busybox:latest")
                .putArray("Mounts").addObject().put("Type", "volume").put("Source", "data").put("Target", "/data");
        plain.putObject("Mode").putObject("Replicated").put("Replicas", 1);
        doc.putArray("Nodes");
        Files.writeString(dir.resolve("backup.json"), doc.toString());
        CliRun r = CliRun.run(c, "restore", dir.resolve("backup.json").toString(), "--yes");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(!r.out().contains("host access"), r.out());
    }
}
