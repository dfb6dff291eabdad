package io.swarmops.ops.nodes;

import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.ContainerStats;
import io.swarmops.ops.model.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures what tasks use on one node's own daemon over a window: a stats sample of each task's
 * container at the start, another at the end. CPU is the CPU time the container used between the
 * two over the time between them (an average over the whole window, not a moment's peak); memory
 * the mean of the two samples. A container that is gone by either sample has no measure.
 */
public final class UsageMeter {
    /** How the window passes: {@link Thread#sleep}, or a test's clock. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    public static final Sleeper REAL_TIME = d -> Thread.sleep(d.toMillis());

    private UsageMeter() {
    }

    /**
     * @param daemon the daemon of the node the tasks run on
     * @param tasks  tasks running on that node; those without a container ID are left out
     */
    public static List<TaskUsage> measure(SwarmGateway daemon, List<Task> tasks, Duration window, Sleeper sleeper) {
        Map<Task, ContainerStats> first = new LinkedHashMap<>();
        for (Task t : tasks) {
            if (!t.containerId().isEmpty()) {
                ContainerStats s = sample(daemon, t.containerId());
                if (s != null) {
                    first.put(t, s);
                }
            }
        }
        try {
            sleeper.sleep(window);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SwarmOpsException(SwarmOpsException.Kind.FAILED, "interrupted while measuring on " + daemon.endpoint().describe());
        }
        List<TaskUsage> out = new ArrayList<>();
        for (Map.Entry<Task, ContainerStats> e : first.entrySet()) {
            Task t = e.getKey();
            ContainerStats a = e.getValue();
            ContainerStats b = sample(daemon, t.containerId());
            if (b == null || a.read() == null || b.read() == null) {
                continue;
            }
            long wall = Duration.between(a.read(), b.read()).toNanos();
            if (wall <= 0 || b.cpuTotalNanos() < a.cpuTotalNanos()) {
                continue; // no time between the samples, or the container restarted in between
            }
            long nanoCpus = Math.round((double) (b.cpuTotalNanos() - a.cpuTotalNanos()) / wall * 1e9);
            out.add(new TaskUsage(t.id(), t.serviceId(), t.nodeId(), nanoCpus, (a.memoryBytes() + b.memoryBytes()) / 2));
        }
        return out;
    }

    private static ContainerStats sample(SwarmGateway daemon, String containerId) {
        try {
            return daemon.containerStats(containerId);
        } catch (SwarmOpsException e) {
            if (e.kind() == SwarmOpsException.Kind.NOT_FOUND) {
                return null; // the task ended: it has no measure
            }
            throw e;
        }
    }
}
