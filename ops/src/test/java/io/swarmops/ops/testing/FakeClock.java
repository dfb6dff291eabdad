package io.swarmops.ops.testing;

import io.swarmops.ops.Waits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A clock that moves only when a wait sleeps on it: {@code waits.on(clock, clock)}; it notes each sleep. */
public final class FakeClock extends Clock implements Waits.Sleeper {
    private Instant now = Instant.parse("2026-11-24T03:00:00Z");
    public final List<Duration> sleeps = new ArrayList<>();

    @Override
    public void sleep(Duration d) {
        sleeps.add(d);
        now = now.plus(d);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
