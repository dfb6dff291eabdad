package io.swarmops.cli.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.CliRun;
import io.swarmops.cli.ExitCodes;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import io.swarmops.sandbox.BusyboxImage;
import io.swarmops.sandbox.SandboxExtension;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The service commands against a real 3-node swarm. */
class ServiceCommandsIT {
    @RegisterExtension
    static final SandboxExtension sandbox = SandboxExtension.of("svc", 3, 1);

    static CliRun swarmops(String... args) {
        return CliRun.against(sandbox.host(), args);
    }

    static Service service(String name) {
        return sandbox.gateway().service(name);
    }

    static Set<String> runningTasks(String name) {
        try (SwarmGateway g = sandbox.swarm().gateway()) {
            Set<String> ids = new HashSet<>();
            for (Task t : g.tasks(Map.of("service", List.of(name), "desired-state", List.of("running")))) {
                if (t.isRunning()) {
                    ids.add(t.id());
                }
            }
            return ids;
        }
    }

    @Test
    void createUpdateScaleRemove() {
        CliRun c = swarmops("service", "create", "--name", "web", "--replicas", "2", "--no-resolve-image", "--stop-grace-period", "1s", "-p", "8081:80",
                "--env", "A=1", BusyboxImage.NAME, "sleep", "3600");
        assertEquals(0, c.code(), c.err());
        assertEquals(2, runningTasks("web").size(), "create waited for 2 running tasks");
        CliRun ls = swarmops("service", "ls");
        assertTrue(ls.out().lines().anyMatch(l -> l.contains("web") && l.contains("2/2") && l.contains("*:8081->80/tcp")), ls.out());

        assertEquals(0, swarmops("service", "update", "--env-add", "B=2", "--label-add", "team=ops", "web").code());
        Service s = service("web");
        assertEquals("[\"A=1\",\"B=2\"]", s.raw().at("/Spec/TaskTemplate/ContainerSpec/Env").toString());
        assertEquals("ops", s.labels().get("team"));
        assertEquals(2, runningTasks("web").size());

        CliRun scale = swarmops("service", "scale", "web=4");
        assertEquals(0, scale.code(), scale.err());
        assertEquals("web scaled to 4\n", scale.out());
        assertEquals(4, runningTasks("web").size());

        CliRun ps = swarmops("service", "ps", "-q", "web");
        assertTrue(ps.out().lines().count() >= 4, ps.out());

        assertEquals(0, swarmops("service", "rm", "web").code());
        CliRun gone = swarmops("service", "inspect", "web");
        assertEquals(ExitCodes.FAILED, gone.code());
        assertEquals("error: no such service: web\n", gone.err());
    }

    @Test
    void logsOfAServiceThatEchoes() throws Exception {
        assertEquals(0, swarmops("service", "create", "--name", "echo", "--no-resolve-image", BusyboxImage.NAME,
                "sh", "-c", "echo line-one; echo line-two >&2; sleep 3600").code());
        String out = "";
        for (int i = 0; i < 40 && !out.contains("line-one"); i++) {
            Thread.sleep(250);
            out = swarmops("service", "logs", "echo").out();
        }
        CliRun raw = swarmops("service", "logs", "--raw", "echo");
        assertEquals("line-one\n", raw.out());
        assertEquals("line-two\n", raw.err());
        Task task;
        try (SwarmGateway g = sandbox.swarm().gateway()) {
            task = g.tasks(Map.of("service", List.of("echo"))).get(0);
            String prefix = "echo.1." + task.id().substring(0, 12) + "@" + g.node(task.nodeId()).hostname() + "    | ";
            CliRun logs = swarmops("service", "logs", "echo");
            assertEquals(prefix + "line-one\n", logs.out());
            assertEquals(prefix + "line-two\n", logs.err());
        }
        CliRun stamped = swarmops("service", "logs", "-t", "--no-task-ids", "echo");
        assertTrue(stamped.out().matches("\\d{4}-\\d\\d-\\d\\dT\\S+ echo\\.1@node\\d    \\| line-one\n"), stamped.out());
        assertEquals("line-one\n", swarmops("service", "logs", "--since", "10m", "--raw", "echo").out());
        String later = String.valueOf(java.time.Instant.now().plusSeconds(60).getEpochSecond());
        assertEquals("", swarmops("service", "logs", "--since", later, "--raw", "echo").out(), "nothing written after --since");
        swarmops("service", "rm", "echo");
    }

    @Test
    void restartReplacesEveryTaskRollingAndNeverDropsToZero() throws Exception {
        // Swarm's default update policy: stop-first, one task at a time
        assertEquals(0, swarmops("service", "create", "--name", "rolling", "--replicas", "3", "--no-resolve-image", "--stop-grace-period", "1s",
                BusyboxImage.NAME, "sleep", "3600").code());
        ObjectNode specBefore = service("rolling").spec();
        Set<String> before = runningTasks("rolling");
        assertEquals(3, before.size());
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger lowest = new AtomicInteger(Integer.MAX_VALUE);
        Thread sampler = new Thread(() -> {
            while (!done.get()) {
                lowest.accumulateAndGet(runningTasks("rolling").size(), Math::min);
            }
        });
        sampler.start();
        CliRun r = swarmops("service", "restart", "rolling");
        done.set(true);
        sampler.join();
        assertEquals(0, r.code(), r.err());
        Set<String> after = runningTasks("rolling");
        assertEquals(3, after.size());
        assertTrue(after.stream().noneMatch(before::contains), "every task was replaced: " + before + " / " + after);
        assertTrue(lowest.get() >= 2, "one at a time: never fewer than 2 of 3 running, saw " + lowest.get());
        ObjectNode specAfter = service("rolling").spec();
        assertEquals(specBefore.at("/TaskTemplate/ForceUpdate").asLong() + 1, specAfter.at("/TaskTemplate/ForceUpdate").asLong());
        specBefore.with("TaskTemplate").remove("ForceUpdate");
        specAfter.with("TaskTemplate").remove("ForceUpdate");
        assertEquals(specBefore, specAfter, "a restart changes nothing but ForceUpdate");
        swarmops("service", "rm", "rolling");
    }

    @Test
    void rollbackReturnsToThePreviousSpec() {
        assertEquals(0, swarmops("service", "create", "--name", "rb", "--no-resolve-image", "--env", "V=1", "--stop-grace-period", "1s",
                BusyboxImage.NAME, "sleep", "3600").code());
        assertEquals(0, swarmops("service", "update", "--env-add", "V=2", "rb").code());
        assertEquals("[\"V=2\"]", service("rb").raw().at("/Spec/TaskTemplate/ContainerSpec/Env").toString());
        CliRun r = swarmops("service", "rollback", "rb");
        assertEquals(0, r.code(), r.err());
        assertEquals("[\"V=1\"]", service("rb").raw().at("/Spec/TaskTemplate/ContainerSpec/Env").toString());
        swarmops("service", "rm", "rb");
    }

    @Test
    void fieldsSwarmopsDoesNotSetSurviveAnUpdate() throws Exception {
        ObjectNode spec = (ObjectNode) Json.MAPPER.readTree("""
                {"Name":"tuned","TaskTemplate":{"ContainerSpec":{"Image":"%s","Args":["sleep","3600"],
                 "Ulimits":[{"Name":"nofile","Soft":1024,"Hard":2048}],
                 "Sysctls":{"net.core.somaxconn":"512"},
                 "CapabilityAdd":["CAP_NET_ADMIN"]}},
                 "Mode":{"Replicated":{"Replicas":1}}}
                """.formatted(BusyboxImage.NAME));
        try (SwarmGateway g = sandbox.swarm().gateway()) {
            g.createService(spec, null, w -> { });
        }
        ObjectNode before = service("tuned").spec();
        assertEquals(0, swarmops("service", "update", "--label-add", "x=y", "-d", "tuned").code());
        assertEquals(0, swarmops("service", "update", "--image", BusyboxImage.REPO + ":" + BusyboxImage.TAG, "-d", "tuned").code());
        ObjectNode after = service("tuned").spec();
        for (String field : List.of("Ulimits", "Sysctls", "CapabilityAdd")) {
            JsonAt.assertSame(before, after, "/TaskTemplate/ContainerSpec/" + field);
        }
        assertFalse(after.at("/TaskTemplate/ContainerSpec/Ulimits").isMissingNode(), "the daemon kept Ulimits");
        assertEquals("y", after.at("/Labels/x").asText());
        swarmops("service", "rm", "tuned");
    }

    /** Compares one field of two specs. */
    static final class JsonAt {
        static void assertSame(ObjectNode a, ObjectNode b, String pointer) {
            assertEquals(a.at(pointer), b.at(pointer), pointer);
        }
    }
}
