package io.swarmops.ops.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.ContainerStats;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Task;
import io.swarmops.ops.testing.Fixtures;
import io.swarmops.ops.testing.StubGateway;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Use over a window from two stats samples of each task's container, on a daemon whose answers the test states. */
class UsageMeterTest {
    static final Instant T0 = Instant.parse("2026-12-02T06:00:00.000000001Z");

    static Task task(String id, String service, String container) {
        ObjectNode raw = Fixtures.task(id, service, "n1", 1, "running").raw();
        ((ObjectNode) raw.get("Status")).putObject("ContainerStatus").put("ContainerID", container);
        return Task.from(raw);
    }

    /** A daemon answering each container's samples in turn; a missing container answers 404. */
    static final class Daemon extends StubGateway {
        final Map<String, List<ContainerStats>> samples = new HashMap<>();
        final List<String> asked = new ArrayList<>();

        Daemon add(String container, ContainerStats... s) {
            samples.put(container, new ArrayList<>(List.of(s)));
            return this;
        }

        @Override
        public ContainerStats containerStats(String containerId) {
            asked.add(containerId);
            List<ContainerStats> left = samples.get(containerId);
            if (left == null || left.isEmpty()) {
                throw SwarmOpsException.notFound("container", containerId);
            }
            return left.remove(0);
        }
    }

    @Test
    void cpuIsTheCpuTimeUsedOverTheTimeBetweenTheSamplesAndMemoryTheirMean() {
        Daemon d = new Daemon()
                .add("busy", new ContainerStats(T0, 5_000_000_000L, 100), new ContainerStats(T0.plusSeconds(10), 12_500_000_000L, 300))
                .add("idle", new ContainerStats(T0, 1_000, 64 << 20), new ContainerStats(T0.plusSeconds(10), 1_000_001_000L, 64 << 20));
        List<Duration> slept = new ArrayList<>();

        List<TaskUsage> u = UsageMeter.measure(d, List.of(task("t1", "burn", "busy"), task("t2", "idle", "idle")),
                Duration.ofSeconds(10), slept::add);

        assertEquals(List.of(Duration.ofSeconds(10)), slept);
        assertEquals(List.of("busy", "idle", "busy", "idle"), d.asked, "every container sampled before the window, then after");
        assertEquals(List.of(new TaskUsage("t1", "burn", "n1", 750_000_000L, 200),
                new TaskUsage("t2", "idle", "n1", 100_000_000L, 64 << 20)), u);
    }

    @Test
    void aContainerGoneByEitherSampleOrRestartedInBetweenHasNoMeasure() {
        Daemon d = new Daemon()
                .add("gone-before")
                .add("gone-after", new ContainerStats(T0, 1, 1))
                .add("restarted", new ContainerStats(T0, 9_000_000_000L, 1), new ContainerStats(T0.plusSeconds(5), 10, 1))
                .add("ok", new ContainerStats(T0, 0, 8), new ContainerStats(T0.plusSeconds(5), 5_000_000_000L, 8));

        List<TaskUsage> u = UsageMeter.measure(d, List.of(task("a", "s", "gone-before"), task("b", "s", "gone-after"),
                task("c", "s", "restarted"), task("d", "s", "ok"), task("e", "s", "")), Duration.ofSeconds(5), x -> { });

        assertEquals(List.of(new TaskUsage("d", "s", "n1", 1_000_000_000L, 8)), u);
        assertEquals(List.of("gone-before", "gone-after", "restarted", "ok", "gone-after", "restarted", "ok"), d.asked,
                "a task without a container is not asked for; one gone at the start is not asked again");
    }

    @Test
    void aDaemonThatFailsOtherwiseFailsTheMeasure() {
        StubGateway down = new StubGateway() {
            @Override
            public ContainerStats containerStats(String containerId) {
                throw new SwarmOpsException(SwarmOpsException.Kind.UNREACHABLE, "cannot connect");
            }
        };
        assertThrows(SwarmOpsException.class, () -> UsageMeter.measure(down, List.of(task("a", "s", "c")), Duration.ZERO, x -> { }));
    }

    @Test
    void memoryLeavesOutThePageCacheTheKernelCanDropAsDockerStatsDoes() throws Exception {
        String v1 = "{\"read\":\"2026-12-02T06:00:01.5Z\",\"cpu_stats\":{\"cpu_usage\":{\"total_usage\":42}},"
                + "\"memory_stats\":{\"usage\":1000,\"stats\":{\"total_inactive_file\":300,\"inactive_file\":900}}}";
        String v2 = "{\"read\":\"2026-12-02T06:00:01Z\",\"cpu_stats\":{\"cpu_usage\":{\"total_usage\":7}},"
                + "\"memory_stats\":{\"usage\":1000,\"stats\":{\"inactive_file\":900}}}";
        String odd = "{\"memory_stats\":{\"usage\":1000,\"stats\":{\"inactive_file\":5000}}}";

        assertEquals(new ContainerStats(Instant.parse("2026-12-02T06:00:01.5Z"), 42, 700), ContainerStats.from(Json.MAPPER.readTree(v1)));
        assertEquals(new ContainerStats(Instant.parse("2026-12-02T06:00:01Z"), 7, 100), ContainerStats.from(Json.MAPPER.readTree(v2)));
        assertEquals(1000, ContainerStats.from(Json.MAPPER.readTree(odd)).memoryBytes());
    }
}
