package io.swarmops.cli.service;

import static io.swarmops.cli.service.ServiceCreateTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.CliRun;
import io.swarmops.cli.ExitCodes;
import io.swarmops.ops.RegistryAuth;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import io.swarmops.ops.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** {@code service restart}: a forced update, then a wait until every old task is gone. */
class ServiceRestartTest {
    static final String WEB = """
            {"Name":"web","Labels":{},"TaskTemplate":{"ContainerSpec":{"Image":"img","Ulimits":[{"Name":"nofile","Soft":1,"Hard":2}]},"ForceUpdate":2},
             "Mode":{"Replicated":{"Replicas":3}},
             "UpdateConfig":{"Parallelism":1,"FailureAction":"pause","Monitor":5000000000,"MaxFailureRatio":0,"Order":"start-first"}}
            """;

    /** Replaces one old task per poll after the forced update, as a rolling update with parallelism 1 does. */
    static final class RollingDaemon extends FakeServices {
        final List<String> tasks = new ArrayList<>(List.of("old1", "old2", "old3"));
        boolean updated;
        String pauseAfter;

        @Override
        public void updateService(String id, long version, ObjectNode spec, RegistryAuth auth, boolean rollback, Consumer<String> w) {
            super.updateService(id, version, spec, auth, rollback, w);
            updated = true;
        }

        @Override
        public Service service(String reference) {
            if (pauseAfter != null && !tasks.contains(pauseAfter)) {
                services.get("id1").putObject("UpdateStatus").put("State", "paused").put("Message", "update paused due to failure");
            }
            return super.service(reference);
        }

        @Override
        public List<Task> tasks(Map<String, List<String>> filters) {
            if (updated) {
                for (int i = 0; i < tasks.size(); i++) {
                    if (tasks.get(i).startsWith("old")) {
                        tasks.set(i, "new" + (i + 1));
                        break;
                    }
                }
            }
            List<Task> out = new ArrayList<>();
            for (int i = 0; i < tasks.size(); i++) {
                out.add(Fixtures.task(tasks.get(i), "id1", "node1", i + 1, "running"));
            }
            return out;
        }
    }

    @Test
    void forcesOneUpdateAndWaitsUntilNoOldTaskRuns() {
        RollingDaemon daemon = new RollingDaemon();
        daemon.with("id1", WEB);
        CliRun r = CliRun.run(daemon, "service", "restart", "web");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals("web\n", r.out());
        ObjectNode expected = (ObjectNode) json(WEB);
        expected.with("TaskTemplate").put("ForceUpdate", 3);
        assertEquals(List.of(json(expected.toString())), daemon.updates.stream().map(u -> json(u.toString())).toList(),
                "only ForceUpdate changed; Ulimits and the policy are as they were");
        assertEquals(List.of("new1", "new2", "new3"), daemon.tasks);
        assertTrue(r.err().lines().findFirst().orElse("").endsWith(" restarting 3 task(s) of web: 1 at a time, start-first, on failure pause"),
                r.err());
        assertTrue(r.err().contains("replaced 1/3 task(s)"), r.err());
        assertTrue(r.err().contains("all 3 task(s) replaced"), r.err());
    }

    @Test
    void aPausedUpdateEndsTheWaitAtOnceWithItsReason() {
        RollingDaemon daemon = new RollingDaemon();
        daemon.with("id1", WEB);
        daemon.pauseAfter = "old1";
        CliRun r = CliRun.run(daemon, "service", "restart", "web");
        assertEquals(ExitCodes.FAILED, r.code());
        assertTrue(r.err().contains("service web: update paused: update paused due to failure"), r.err());
        assertTrue(daemon.tasks.contains("old3"), "it did not wait for the rest");
    }

    @Test
    void detachedItOnlyForcesTheUpdate() {
        RollingDaemon daemon = new RollingDaemon();
        daemon.with("id1", WEB);
        assertEquals(ExitCodes.OK, CliRun.run(daemon, "service", "restart", "-d", "web").code());
        assertEquals(1, daemon.updates.size());
        assertEquals(List.of("old1", "old2", "old3"), daemon.tasks, "no wait: nothing polled the tasks after the update");
    }

    @Test
    void refusedWhileAnUpdateRuns() {
        FakeServices daemon = new FakeServices().with("id1", WEB);
        daemon.services.get("id1").putObject("UpdateStatus").put("State", "updating");
        CliRun r = CliRun.run(daemon, "service", "restart", "web");
        assertEquals(ExitCodes.FAILED, r.code());
        assertEquals("error: service web has an update updating; restart it when that is done\n", r.err());
        assertEquals(List.of(), daemon.updates);
    }

    @Test
    void thePlanSaysWhenTheServiceWillBeDown() {
        Service one = Fixtures.service("id1", "db", 1);
        assertEquals("restarting 1 task(s) of db: 1 at a time, stop-first, on failure pause (the service has no running task while"
                + " they are replaced: --update-order start-first avoids that)", ServiceRestart.plan(one, 1));
        assertEquals("restarting 3 task(s) of db: 1 at a time, stop-first, on failure pause", ServiceRestart.plan(one, 3));
    }
}
