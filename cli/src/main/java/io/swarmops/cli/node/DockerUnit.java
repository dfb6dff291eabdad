package io.swarmops.cli.node;

import io.swarmops.cli.node.NodeHealth.Finding;
import io.swarmops.cli.node.NodeHealth.Severity;
import io.swarmops.ops.model.EngineInfo;
import io.swarmops.ops.model.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * What a swarm node's dockerd setup needs, against what it has: pure, the daemon's answer and the
 * drop-in's text in, findings out. The drop-in is seed 002's fix: a worker that finds no manager
 * at boot makes dockerd exit, and systemd must start it again, every 10 s, without giving up
 * (the seed's StartLimitBurst=3 in 60 s would give up after half a minute: no limit instead).
 */
final class DockerUnit {
    static final String DROP_IN_DIR = "systemd/system/docker.service.d";
    static final String DROP_IN_FILE = "10-swarmops-restart.conf";
    static final String DROP_IN = """
            # written by swarmops node doctor --fix: dockerd exits when a worker finds no manager at boot;
            # systemd starts it again every 10 s and never gives up, so the node rejoins when a manager is back
            [Unit]
            StartLimitIntervalSec=0

            [Service]
            Restart=on-failure
            RestartSec=10s
            """;

    private DockerUnit() {
    }

    /**
     * @param dropIn the drop-in's current text, or null when there is none
     */
    static List<Finding> judge(Node node, EngineInfo info, String dropIn) {
        List<Finding> f = new ArrayList<>();
        if (dropIn == null) {
            f.add(new Finding(Severity.WARNING, "no restart drop-in: dockerd that exits at boot (no manager) stays down"));
        } else if (!dropIn.equals(DROP_IN)) {
            f.add(new Finding(Severity.WARNING, "the restart drop-in is not swarmops' (Restart=on-failure, RestartSec=10s, no start limit)"));
        }
        if (node.isManager() && info.raw().path("LiveRestoreEnabled").asBoolean(false)) {
            f.add(new Finding(Severity.WARNING, "live-restore is on, which swarm mode does not support on a manager: "
                    + "\"live-restore\": false in daemon.json"));
        }
        return f;
    }

    /** Room under the data root: images, layers and containers' logs grow there. */
    static final long DISK_WARNING_BYTES = 5L << 30;
    static final long DISK_CRITICAL_BYTES = 1L << 30;

    /**
     * Free space under the daemon's data root, from {@code df -Pk ROOT}'s output (POSIX format:
     * the second line's fourth field is the kilobytes available, the second the size).
     */
    static List<Finding> disk(String root, String df) {
        List<String> lines = df == null ? List.of() : df.lines().toList();
        String[] fields = lines.size() < 2 ? new String[0] : lines.get(lines.size() - 1).trim().split("\\s+");
        long size;
        long avail;
        try {
            size = Long.parseLong(fields[1]) * 1024;
            avail = Long.parseLong(fields[3]) * 1024;
        } catch (RuntimeException e) {
            return List.of(new Finding(Severity.WARNING, "free space under the data root " + root + " unknown (df said: "
                    + (df == null ? "nothing" : df.lines().findFirst().orElse("")) + ")"));
        }
        String text = "data root " + root + ": " + avail / (1L << 20) + " MiB free of " + size / (1L << 20) + " MiB";
        if (avail < DISK_CRITICAL_BYTES || avail * 50 < size) {
            return List.of(new Finding(Severity.CRITICAL, text));
        }
        if (avail < DISK_WARNING_BYTES || avail * 10 < size) {
            return List.of(new Finding(Severity.WARNING, text));
        }
        return List.of();
    }

    /** A unified-style diff of the drop-in, what is there against what --fix writes. */
    static List<String> diff(String path, String current) {
        List<String> out = new ArrayList<>();
        out.add("--- " + path + (current == null ? " (absent)" : ""));
        out.add("+++ " + path);
        List<String> old = current == null ? List.of() : current.lines().toList();
        List<String> now = DROP_IN.lines().toList();
        old.stream().filter(l -> !now.contains(l)).forEach(l -> out.add("-" + l));
        now.forEach(l -> out.add((old.contains(l) ? " " : "+") + l));
        return out;
    }
}
