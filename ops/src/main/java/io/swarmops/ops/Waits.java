package io.swarmops.ops;

import io.swarmops.ops.SwarmOpsException.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one wait for the cluster to show something: looks, and until the look says done (or that it
 * will not get there), sleeps with backoff (doubling from {@code first} up to {@code max}) until
 * a deadline. Each look says what is still pending, as a line the caller can print ("2/3 running"),
 * handed on whenever it changes; the {@link Result} says how the wait ended and what was left, for
 * the command edge to turn into an exit code or a message. Time comes from a {@link Clock} and
 * passes through a {@link Sleeper}, so a test drives a wait with a fake clock.
 */
public final class Waits {
    /** How a wait passes the time between looks (a test's advances a clock instead). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d);
    }

    /** Sleeps the thread; an interrupt ends the wait as a failure (the interrupt flag kept). */
    public static final Sleeper THREAD_SLEEP = d -> {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SwarmOpsException(Kind.FAILED, "interrupted");
        }
    };

    /**
     * What one look found ({@code DONE}, {@code PENDING} with what is left, or {@code FAILED} with why
     * it will not get there), and how the wait ended ({@code DONE}, {@code FAILED}, or
     * {@code TIMED_OUT} with what was still pending).
     */
    public record Result(State state, String detail) {
        public enum State { DONE, PENDING, FAILED, TIMED_OUT }

        public static Result done() {
            return new Result(State.DONE, "");
        }

        public static Result pending(String what) {
            return new Result(State.PENDING, what);
        }

        public static Result failed(String why) {
            return new Result(State.FAILED, why);
        }

        public boolean isDone() {
            return state == State.DONE;
        }
    }

    private final Duration first;
    private final Duration max;
    private final Clock clock;
    private final Sleeper sleeper;

    private Waits(Duration first, Duration max, Clock clock, Sleeper sleeper) {
        this.first = first;
        this.max = max;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** A wait on the real clock sleeping {@code first}, then twice as long each time, at most {@code max}. */
    public static Waits backoff(Duration first, Duration max) {
        return new Waits(first, max, Clock.systemUTC(), THREAD_SLEEP);
    }

    /** The same wait on another clock (a test's, or a caller's own). */
    public Waits on(Clock clock, Sleeper sleeper) {
        return new Waits(first, max, clock, sleeper);
    }

    /**
     * Looks until {@code look} says done or failed, or {@code timeout} has passed (a zero timeout:
     * one look). {@code pending} gets what is left each time it changes. A look's exception ends
     * the wait (wrap the look to count a daemon's refusal as "not yet").
     */
    public Result poll(Duration timeout, Supplier<Result> look, Consumer<String> pending) {
        Instant deadline = clock.instant().plus(timeout);
        Duration sleep = first;
        String last = null;
        while (true) {
            Result now = look.get();
            if (now.state() != Result.State.PENDING) {
                return now;
            }
            if (!now.detail().equals(last)) {
                pending.accept(now.detail());
                last = now.detail();
            }
            if (!clock.instant().isBefore(deadline)) {
                return new Result(Result.State.TIMED_OUT, now.detail());
            }
            sleeper.sleep(sleep);
            sleep = sleep.multipliedBy(2).compareTo(max) > 0 ? max : sleep.multipliedBy(2);
        }
    }

    /**
     * Waits for a condition (250 ms doubling to 2 s), says once what it waits for, and gives up after
     * the timeout with one line naming it (kind TIMEOUT). A daemon that does not answer yet (booting,
     * electing a leader) counts as "not yet".
     */
    public static void until(String what, Duration timeout, Consumer<String> say, BooleanSupplier condition) {
        Result r = backoff(Duration.ofMillis(250), Duration.ofSeconds(2)).poll(timeout, () -> {
            try {
                return condition.getAsBoolean() ? Result.done() : Result.pending(what);
            } catch (SwarmOpsException e) {
                return Result.pending(what);
            }
        }, pending -> say.accept("waiting for " + pending));
        if (!r.isDone()) {
            throw new SwarmOpsException(Kind.TIMEOUT, "timed out after " + timeout.toSeconds() + " s waiting for " + what);
        }
    }
}
