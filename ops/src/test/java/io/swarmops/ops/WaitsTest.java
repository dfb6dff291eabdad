package io.swarmops.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.swarmops.ops.Waits.Result;
import io.swarmops.ops.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaitsTest {
    final FakeClock clock = new FakeClock();
    final List<String> said = new ArrayList<>();
    final Waits waits = Waits.backoff(Duration.ofMillis(250), Duration.ofSeconds(2)).on(clock, clock);

    static Duration ms(long ms) {
        return Duration.ofMillis(ms);
    }

    @Test
    void backsOffDoublingUpToTheMaximumAndSaysEachChangeOfWhatIsPending() {
        Iterator<Result> looks = List.of(Result.pending("0/3"), Result.pending("0/3"), Result.pending("1/3"), Result.pending("1/3"),
                Result.pending("2/3"), Result.pending("2/3"), Result.done()).iterator();
        Result r = waits.poll(Duration.ofMinutes(1), looks::next, said::add);
        assertEquals(Result.State.DONE, r.state());
        assertEquals(List.of(ms(250), ms(500), ms(1000), ms(2000), ms(2000), ms(2000)), clock.sleeps);
        assertEquals(List.of("0/3", "1/3", "2/3"), said);
    }

    @Test
    void aFailedLookEndsTheWaitAtOnceWithItsReason() {
        Iterator<Result> looks = List.of(Result.pending("web 0/1"), Result.failed("service web: update paused: boom")).iterator();
        Result r = waits.poll(Duration.ofMinutes(1), looks::next, said::add);
        assertEquals(new Result(Result.State.FAILED, "service web: update paused: boom"), r);
        assertEquals(List.of(ms(250)), clock.sleeps);
    }

    @Test
    void theDeadlineEndsTheWaitWithWhatWasStillPending() {
        int[] n = {0};
        Result r = waits.poll(Duration.ofSeconds(5), () -> Result.pending(++n[0] + " look(s), 2 of 3 tasks of web not running"), s -> { });
        assertEquals(Result.State.TIMED_OUT, r.state());
        // 250+500+1000+2000 = 3.75 s, then 2 s more reaches 5.75 s: the sixth look is past the deadline
        assertEquals("6 look(s), 2 of 3 tasks of web not running", r.detail());
        assertEquals(5, clock.sleeps.size());
    }

    @Test
    void aZeroTimeoutLooksOnceAndDoesNotSleep() {
        Result pending = Result.pending("x");
        Result r = waits.poll(Duration.ZERO, () -> pending, said::add);
        assertEquals(new Result(Result.State.TIMED_OUT, "x"), r);
        assertEquals(List.of(), clock.sleeps);
        assertEquals(List.of("x"), said);
        Result done = Result.done();
        assertSame(done, waits.poll(Duration.ZERO, () -> done, said::add));
    }

    @Test
    void aLooksExceptionEndsTheWait() {
        SwarmOpsException refused = new SwarmOpsException(SwarmOpsException.Kind.FAILED, "refused");
        assertSame(refused, assertThrows(SwarmOpsException.class, () -> waits.poll(Duration.ofMinutes(1), () -> {
            throw refused;
        }, said::add)));
    }

    @Test
    void untilSaysOnceWhatItWaitsForCountsARefusalAsNotYetAndTimesOutNamingIt() {
        int[] n = {0};
        Waits.until("the daemon", Duration.ofMinutes(1), said::add, () -> {
            if (++n[0] == 1) {
                throw new SwarmOpsException(SwarmOpsException.Kind.UNREACHABLE, "not yet");
            }
            return n[0] == 3;
        });
        assertEquals(List.of("waiting for the daemon"), said);
        SwarmOpsException e = assertThrows(SwarmOpsException.class, () -> Waits.until("never", Duration.ZERO, s -> { }, () -> false));
        assertEquals(SwarmOpsException.Kind.TIMEOUT, e.kind());
        assertEquals("timed out after 0 s waiting for never", e.getMessage());
    }
}
