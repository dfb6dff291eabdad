package io.swarmops.recovery.emergency;

import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.SwarmOpsException.Kind;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Waits that poll with backoff and a timeout and say what they wait for. */
final class ClusterWaits {
    private ClusterWaits() {
    }

    static void until(String what, Duration timeout, Consumer<String> say, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        long sleep = 250;
        boolean said = false;
        while (true) {
            boolean ok;
            try {
                ok = condition.getAsBoolean();
            } catch (SwarmOpsException e) {
                ok = false; // a daemon that is still coming up
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

    /** Every given service runs as many tasks as it wants (global: one per node it runs on). */
    static boolean converged(SwarmGateway gateway, List<Service> services) {
        for (Service s : services) {
            List<Task> tasks = gateway.tasks(Map.of("service", List.of(s.id()), "desired-state", List.of("running")));
            long running = tasks.stream().filter(Task::isRunning).count();
            long want = s.isReplicated() ? s.replicas() : tasks.size();
            if (running < want || (s.isGlobal() && running == 0)) {
                return false;
            }
        }
        return true;
    }
}
