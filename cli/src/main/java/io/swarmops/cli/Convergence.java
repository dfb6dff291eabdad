package io.swarmops.cli;

import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Waits until services have converged: their update finished (not paused, not rolled back) and as
 * many tasks running as they want (jobs: completed). Polls with backoff and says what it waits for.
 * Used by stack deploy --wait, stack wait, and service create/update/scale/restart/rollback.
 */
public final class Convergence {
    private final SwarmGateway gateway;
    private final String what;
    private final Supplier<List<Service>> services;
    private final Consumer<String> say;
    private boolean rollingBack;

    /**
     * @param what     how to name the whole in messages ("stack web", "service api")
     * @param services reads the services to wait for, afresh on each poll
     */
    public Convergence(SwarmGateway gateway, String what, Supplier<List<Service>> services, Consumer<String> say) {
        this.gateway = gateway;
        this.what = what;
        this.services = services;
        this.say = say;
    }

    /** A rollback was asked for: rolling back is progress, a finished rollback is the goal. */
    public Convergence rollingBack() {
        this.rollingBack = true;
        return this;
    }

    /** 0 when converged; 1 on a rollback, a paused update or the timeout. */
    public int await(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        long sleep = 250;
        String last = "";
        while (true) {
            List<Service> current = services.get();
            List<String> pending = new ArrayList<>();
            for (Service s : current) {
                if (rollingBack && s.updateState().equals("rollback_started")) {
                    pending.add(s.name() + " (rolling back)");
                    continue;
                }
                switch (rollingBack && s.updateState().equals("rollback_completed") ? "" : s.updateState()) {
                    case "paused", "rollback_paused" -> {
                        say.accept("service " + s.name() + ": update " + s.updateState() + ": " + s.updateMessage());
                        return ExitCodes.FAILED;
                    }
                    case "rollback_started", "rollback_completed" -> {
                        say.accept("service " + s.name() + ": rolled back: " + s.updateMessage());
                        return ExitCodes.FAILED;
                    }
                    default -> {
                    }
                }
                String state = progress(s);
                if (state != null) {
                    pending.add(s.name() + " " + state);
                }
            }
            if (pending.isEmpty()) {
                say.accept(what + ": " + (current.size() == 1 ? "converged" : "all " + current.size() + " services converged"));
                return ExitCodes.OK;
            }
            String now = "waiting for " + String.join(", ", pending);
            if (!now.equals(last)) {
                say.accept(now);
                last = now;
            }
            if (Instant.now().isAfter(deadline)) {
                say.accept("timed out after " + timeout.toSeconds() + "s: " + String.join(", ", pending));
                return ExitCodes.FAILED;
            }
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ExitCodes.FAILED;
            }
            sleep = Math.min(sleep * 2, 5000);
        }
    }

    /** null when the service has converged, else "running/desired". */
    private String progress(Service s) {
        if ("updating".equals(s.updateState())) {
            return "(updating)";
        }
        List<Task> tasks = gateway.tasks(Map.of("service", List.of(s.id()), "desired-state", List.of("running", "complete")));
        long running = tasks.stream().filter(t -> "running".equals(t.state())).count();
        long complete = tasks.stream().filter(t -> "complete".equals(t.state())).count();
        if (s.mode().endsWith("job")) {
            long want = s.replicas() < 0 ? tasks.size() : s.replicas();
            return complete >= want ? null : complete + "/" + want + " completed";
        }
        long want = s.isGlobal() ? tasks.stream().filter(t -> "running".equals(t.desiredState())).count() : s.replicas();
        return running >= want && want >= 0 ? null : running + "/" + want;
    }
}
