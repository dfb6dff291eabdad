package io.swarmops.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.Waits.Result;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import io.swarmops.ops.testing.FakeClock;
import io.swarmops.ops.testing.Fixtures;
import io.swarmops.ops.testing.StubGateway;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Convergence on a stub daemon whose answers change from look to look, under a fake clock. */
class ConvergenceTest {
    final FakeClock clock = new FakeClock();
    final Waits waits = Waits.backoff(Duration.ofMillis(250), Duration.ofSeconds(5)).on(clock, clock);
    final List<String> said = new ArrayList<>();

    /** Each look at the tasks shows one more of the service's running, up to {@code upTo}. */
    static StubGateway rollingOut(int upTo) {
        return new StubGateway() {
            int looks;

            @Override
            public List<Task> tasks(Map<String, List<String>> filters) {
                assertEquals(List.of("running", "complete"), filters.get("desired-state"));
                int running = Math.min(looks++, upTo);
                List<Task> tasks = new ArrayList<>();
                for (int i = 1; i <= 3; i++) {
                    tasks.add(Fixtures.task("t" + i, "s1", "n1", i, i <= running ? "running" : "starting"));
                }
                return tasks;
            }
        };
    }

    static Service withUpdate(Service s, String state, String message) {
        ObjectNode raw = s.raw().deepCopy();
        raw.putObject("UpdateStatus").put("State", state).put("Message", message);
        return Service.from(raw);
    }

    @Test
    void waitsUntilAsManyTasksRunAsWantedSayingEachStep() {
        Service web = Fixtures.service("s1", "web", 3);
        Result r = new Convergence(rollingOut(3), "service web", () -> List.of(web)).await(waits, Duration.ofMinutes(10), said::add);
        assertEquals(Result.State.DONE, r.state());
        assertEquals(List.of("waiting for web 0/3", "waiting for web 1/3", "waiting for web 2/3", "service web: converged"), said);
        assertEquals(3, clock.sleeps.size());
    }

    @Test
    void aTimeoutSaysWhatWasLeft() {
        Service web = Fixtures.service("s1", "web", 3);
        Result r = new Convergence(rollingOut(2), "service web", () -> List.of(web)).await(waits, Duration.ofSeconds(30), said::add);
        assertEquals(new Result(Result.State.TIMED_OUT, "web 2/3"), r);
        assertEquals("timed out after 30s: web 2/3", said.get(said.size() - 1));
    }

    @Test
    void aPausedUpdateOrARollbackFailsAtOnceUnlessTheRollbackWasAskedFor() {
        Service paused = withUpdate(Fixtures.service("s1", "web", 3), "paused", "update paused due to failure");
        Result r = new Convergence(new StubGateway(), "service web", () -> List.of(paused)).await(waits, Duration.ofMinutes(10), said::add);
        assertEquals(new Result(Result.State.FAILED, "service web: update paused: update paused due to failure"), r);
        assertEquals(List.of("service web: update paused: update paused due to failure"), said);

        Service rolledBack = withUpdate(Fixtures.service("s1", "web", 3), "rollback_completed", "rollback completed");
        assertEquals(Result.State.FAILED,
                new Convergence(new StubGateway(), "service web", () -> List.of(rolledBack)).await(waits, Duration.ZERO, s -> { }).state());
        Result asked = new Convergence(rollingOut(3), "service web", () -> List.of(rolledBack)).rollingBack()
                .await(waits, Duration.ofMinutes(10), s -> { });
        assertEquals(Result.State.DONE, asked.state());
    }

    @Test
    void anUpdateInProgressIsPendingWithoutLookingAtTasks() {
        Service updating = withUpdate(Fixtures.service("s1", "web", 3), "updating", "");
        Result r = new Convergence(new StubGateway(), "stack st", () -> List.of(updating, updating)).await(waits, Duration.ZERO, said::add);
        assertEquals(new Result(Result.State.TIMED_OUT, "web (updating), web (updating)"), r);
    }
}
