package io.swarmops.recovery.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepJournalTest {
    @TempDir
    Path dir;

    /** A clock that moves on by 1.5 s each time it is read. */
    static Clock ticking() {
        return new Clock() {
            Instant now = Instant.parse("2026-11-24T03:00:00Z");

            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                now = now.plusMillis(1500);
                return now;
            }
        };
    }

    @Test
    void theNewestPassIsCurrentWithEachStepsLastEventAndHowLongItTook() {
        StepJournal j = new StepJournal(dir.resolve("s.journal"), ticking());
        j.begin("shutdown", List.of("a", "b"));
        j.started("shutdown", "a");
        j.done("shutdown", "a");
        j.started("shutdown", "b");
        j.failed("shutdown", "b", "power off node4 failed");
        StepJournal.Pass shutdown = j.current().orElseThrow();
        assertTrue(shutdown.isDone("a"));
        assertEquals(Optional.of(Duration.ofMillis(1500)), shutdown.took("a"));
        assertEquals("power off node4 failed", shutdown.last().get("b").message());
        assertFalse(shutdown.complete());

        j.begin("reboot", List.of("c"));
        assertEquals("reboot", j.current().orElseThrow().procedure());
        assertFalse(j.current().orElseThrow().isDone("a"), "a new pass starts with nothing done");
        assertEquals(2, j.passes().size());
    }

    @Test
    void aLineTornByACrashIsIgnored() throws Exception {
        StepJournal j = new StepJournal(dir.resolve("s.journal"));
        j.begin("shutdown", List.of("a"));
        j.started("shutdown", "a");
        Files.writeString(j.file(), "{\"At\":\"2026-11-24T03:00:00Z\",\"Procedure\":\"shutdown\",\"Step\":\"a\",\"Ev", StandardOpenOption.APPEND);
        assertEquals(StepJournal.STARTED, j.current().orElseThrow().event("a"));
        j.done("shutdown", "a");
        assertEquals(StepJournal.DONE, j.current().orElseThrow().event("a"), "the next event is not lost with the torn line");
    }

    @Test
    void theJournalAndItsLockAreTheOwnersOnly() throws Exception {
        StepJournal j = new StepJournal(dir.resolve("sub/s.journal"));
        j.begin("shutdown", List.of("a"));
        j.lock().close();
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(j.file())));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("sub/s.journal.lock"))));
    }

    @Test
    void aSecondRunWhileOneHoldsTheJournalIsRefused() throws Exception {
        StepJournal j = new StepJournal(dir.resolve("s.journal"));
        try (AutoCloseable held = j.lock()) {
            io.swarmops.ops.SwarmOpsException e = org.junit.jupiter.api.Assertions.assertThrows(io.swarmops.ops.SwarmOpsException.class,
                    () -> new StepJournal(dir.resolve("s.journal")).lock());
            assertEquals(io.swarmops.ops.SwarmOpsException.Kind.CONFLICT, e.kind());
            assertTrue(e.getMessage().contains("held by " + System.getProperty("user.name") + "@") && e.getMessage().contains("(pid "
                    + ProcessHandle.current().pid() + ") since "), "names who holds it, where and since when: " + e.getMessage());
        }
        new StepJournal(dir.resolve("s.journal")).lock().close();
    }
}
