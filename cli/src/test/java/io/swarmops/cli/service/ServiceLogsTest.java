package io.swarmops.cli.service;

import static io.swarmops.cli.service.ServiceCreateTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.swarmops.cli.CliRun;
import io.swarmops.cli.ExitCodes;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import io.swarmops.ops.testing.Fixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code service logs}: each line named after its task, as docker's taskFormatter names it. */
class ServiceLogsTest {
    static final Service WEB = Service.from(json(
            "{\"ID\":\"svc1\",\"Spec\":{\"Name\":\"web\",\"Mode\":{\"Replicated\":{\"Replicas\":12}},\"TaskTemplate\":{\"ContainerSpec\":{\"Image\":\"i\"}}}}"));
    static final String DETAILS = "com.docker.swarm.node.id=n1,com.docker.swarm.service.id=svc1,com.docker.swarm.task.id=task0123456789abcdef,extra=a%20b";

    static ServiceLogs.TaskNames names(List<String> lookups, boolean noResolve, boolean noTrunc, boolean noTaskIds) {
        return new ServiceLogs.TaskNames(WEB, id -> {
            lookups.add(id);
            return Fixtures.task(id, "svc1", "n1", 3, "running");
        }, id -> "node1", noResolve, noTrunc, noTaskIds);
    }

    @Test
    void linesAsDockerPrintsThem() {
        List<String> lookups = new ArrayList<>();
        ServiceLogs.TaskNames n = names(lookups, false, false, false);
        assertEquals("web.3.task01234567@node1     | hello world", n.format(DETAILS + " hello world", false, false));
        assertEquals("2026-11-24T06:00:00.1Z web.3.task01234567@node1     | extra=a b hi",
                n.format("2026-11-24T06:00:00.1Z " + DETAILS + " hi", true, true));
        assertEquals(List.of("task0123456789abcdef"), lookups, "each task looked up once");
        assertEquals("svc1.3@n1     | x", new ServiceLogs.TaskNames(WEB, id -> Fixtures.task(id, "svc1", "n1", 3, "running"), id -> id,
                true, false, true).format(DETAILS + " x", false, false));
        assertEquals("web.3.task0123456789abcdef@node1     | x", names(new ArrayList<>(), false, true, false).format(DETAILS + " x", false, false));
    }

    @Test
    void aLineWithoutItsTaskIsAnError() {
        var e = assertThrows(SwarmOpsException.class, () -> names(new ArrayList<>(), false, false, false)
                .format("com.docker.swarm.node.id=n1,com.docker.swarm.service.id=svc1 hi", false, false));
        assertEquals("missing com.docker.swarm.task.id in log details: com.docker.swarm.node.id=n1,com.docker.swarm.service.id=svc1 hi",
                e.getMessage());
    }

    @Test
    void since() {
        Instant now = Instant.parse("2026-11-24T06:00:00Z");
        assertEquals("1700000000", ServiceLogs.since("1700000000", now));
        assertEquals(String.valueOf(now.getEpochSecond() - 42 * 60), ServiceLogs.since("42m", now));
        assertEquals("1357133017", ServiceLogs.since("2013-01-02T13:23:37Z", now));
        assertThrows(SwarmOpsException.class, () -> ServiceLogs.since("yesterday", now));
    }

    @Test
    void aTtyServiceOnlyRaw() {
        FakeServices daemon = new FakeServices().with("id1", "{\"Name\":\"t\",\"TaskTemplate\":{\"ContainerSpec\":{\"Image\":\"i\",\"TTY\":true}}}");
        CliRun r = CliRun.run(daemon, "service", "logs", "t");
        assertEquals(ExitCodes.FAILED, r.code());
        assertEquals("error: tty service logs only supported with --raw\n", r.err());
    }
}
