package io.swarmops.ops.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One sample of a container's resource use, as {@code GET /containers/{id}/stats} gives it.
 *
 * @param read          when the daemon took the sample
 * @param cpuTotalNanos CPU time the container used since it started, in nanoseconds
 *                      ({@code cpu_stats.cpu_usage.total_usage}); the difference of two samples over
 *                      the time between them is the CPUs it used
 * @param memoryBytes   memory in use without the page cache it can drop, as {@code docker stats}
 *                      shows it: {@code usage} less {@code total_inactive_file} (cgroup v1) or
 *                      {@code inactive_file} (cgroup v2)
 */
public record ContainerStats(Instant read, long cpuTotalNanos, long memoryBytes) {

    public static ContainerStats from(JsonNode n) {
        JsonNode mem = n.path("memory_stats");
        long usage = mem.path("usage").asLong(0);
        JsonNode stats = mem.path("stats");
        long inactive = stats.has("total_inactive_file") ? stats.path("total_inactive_file").asLong(0)
                : stats.path("inactive_file").asLong(0);
        return new ContainerStats(Json.instant(n.path("read")), n.path("cpu_stats").path("cpu_usage").path("total_usage").asLong(0),
                inactive < usage ? usage - inactive : usage);
    }
}
