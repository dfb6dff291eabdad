package io.swarmops.cli.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.node.NodeHealth.Finding;
import io.swarmops.cli.node.NodeHealth.Severity;
import io.swarmops.ops.model.EngineInfo;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerUnitTest {
    static EngineInfo info(boolean liveRestore) {
        ObjectNode i = Json.object().put("LiveRestoreEnabled", liveRestore);
        i.putObject("Swarm").put("LocalNodeState", "active");
        return EngineInfo.from(i);
    }

    @Test
    void theDropInMustRestartForeverAndLiveRestoreMustBeOffOnManagers() {
        var manager = Fixtures.node("m1", "node1", "leader");
        var worker = Fixtures.node("w1", "node2", null);
        assertEquals(List.of(), DockerUnit.judge(manager, info(false), DockerUnit.DROP_IN));
        assertEquals(List.of(), DockerUnit.judge(worker, info(true), DockerUnit.DROP_IN), "live-restore is fine on a worker");
        assertEquals(List.of(new Finding(Severity.WARNING, "live-restore is on, which swarm mode does not support on a manager: "
                + "\"live-restore\": false in daemon.json")), DockerUnit.judge(manager, info(true), DockerUnit.DROP_IN));
        assertEquals("no restart drop-in: dockerd that exits at boot (no manager) stays down",
                DockerUnit.judge(worker, info(false), null).get(0).text());
        // seed 002's own limits give up after three starts in a minute
        String seed = "[Service]\nRestart=on-failure\nStartLimitBurst=3\nStartLimitInterval=60s\nRestartSec=10s\n";
        assertEquals(1, DockerUnit.judge(worker, info(false), seed).size());
    }

    @Test
    void theDataRootNeedsRoom() {
        String header = "Filesystem     1024-blocks     Used Available Capacity Mounted on\n";
        assertEquals(List.of(), DockerUnit.disk("/var/lib/docker", header + "/dev/vda 264212084 24316288 82074624 23% /\n"));
        assertEquals(List.of(new Finding(Severity.WARNING, "data root /var/lib/docker: 3072 MiB free of 10240 MiB")),
                DockerUnit.disk("/var/lib/docker", header + "/dev/vdb 10485760 7340032 3145728 70% /var\n"));
        assertEquals(Severity.CRITICAL, DockerUnit.disk("/d", header + "/dev/vdb 1048576000 1038090240 10485760 99% /\n").get(0).severity());
        assertEquals("free space under the data root /d unknown (df said: df: /d: No such file or directory)",
                DockerUnit.disk("/d", "df: /d: No such file or directory").get(0).text());
    }

    @Test
    void theDiffShowsWhatGoesAndWhatComes() {
        List<String> d = DockerUnit.diff("/etc/x.conf", "[Service]\nRestart=always\n");
        assertEquals("--- /etc/x.conf", d.get(0));
        assertEquals("-Restart=always", d.get(2));
        assertEquals(true, d.contains(" [Service]"));
        assertEquals(true, d.contains("+Restart=on-failure"));
        assertEquals("--- /etc/x.conf (absent)", DockerUnit.diff("/etc/x.conf", null).get(0));
    }
}
