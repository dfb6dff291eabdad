package io.swarmops.ops;

import io.swarmops.ops.SwarmOpsException.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Waiting for the cluster to show something: polls with backoff (250 ms doubling to 2 s), says once
 * what it waits for, and gives up after the timeout with one line naming it. A daemon that does not
 * answer yet (booting, electing a leader) counts as "not yet".
 */
public final class Waits {
    private Waits() {
    }

    public static void until(String what, Duration timeout, Consumer<String> say, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        long sleep = 250;
        boolean said = false;
        while (true) {
            boolean ok;
            try {
                ok = condition.getAsBoolean();
            } catch (SwarmOpsException e) {
                ok = false;
            }
            if (ok) {
                return;
            }
            if (!said) {
                say.accept("waiting for " + what);
                said = true;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new SwarmOpsException(Kind.TIMEOUT, "timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SwarmOpsException(Kind.FAILED, "interrupted while waiting for " + what);
            }
            sleep = Math.min(2000, sleep * 2);
        }
    }
}
