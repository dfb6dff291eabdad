package io.swarmops.ops;

import io.swarmops.ops.Waits.Result;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * When services have converged, as docker's {@code service create/update} progress
 * (docker/cli {@code cli/command/service/progress}) decides it: their update finished (a paused
 * update or a rollback is a failure, a rollback asked for is the goal) and as many tasks running as
 * they want (jobs: completed). Used by stack deploy --wait, stack wait, service
 * create/update/scale/restart/rollback and image updates. Unlike docker's, it counts every task
 * meant to run (docker: only tasks of the current spec, on nodes not down) and ends when they run,
 * without docker's wait of {@code UpdateConfig.Monitor} to see them stay up.
 */
public final class Convergence {
    private final SwarmGateway gateway;
    private final String what;
    private final Supplier<List<Service>> services;
    private boolean rollingBack;

    /**
     * @param what     how to name the whole in messages ("stack web", "service api")
     * @param services reads the services to wait for, afresh on each look
     */
    public Convergence(SwarmGateway gateway, String what, Supplier<List<Service>> services) {
        this.gateway = gateway;
        this.what = what;
        this.services = services;
    }

    /** A rollback was asked for: rolling back is progress, a finished rollback is the goal. */
    public Convergence rollingBack() {
        this.rollingBack = true;
        return this;
    }

    /**
     * Waits (250 ms doubling to 5 s) and says how it goes: what is still pending whenever that
     * changes, then converged, the failure, or what was left at the timeout.
     */
    public Result await(Duration timeout, Consumer<String> say) {
        return await(Waits.backoff(Duration.ofMillis(250), Duration.ofSeconds(5)), timeout, say);
    }

    /** {@link #await(Duration, Consumer)} with another wait (a test's clock). */
    public Result await(Waits waits, Duration timeout, Consumer<String> say) {
        List<Service> seen = new ArrayList<>();
        Result r = waits.poll(timeout, () -> {
            seen.clear();
            seen.addAll(services.get());
            return look(seen);
        }, pending -> say.accept("waiting for " + pending));
        switch (r.state()) {
            case DONE -> say.accept(what + ": " + (seen.size() == 1 ? "converged" : "all " + seen.size() + " services converged"));
            case FAILED -> say.accept(r.detail());
            default -> say.accept("timed out after " + timeout.toSeconds() + "s: " + r.detail());
        }
        return r;
    }

    /** One look: done, failed (a paused update, an unwanted rollback), or what is pending ("web 1/3, api (updating)"). */
    Result look(List<Service> current) {
        List<String> pending = new ArrayList<>();
        for (Service s : current) {
            if (rollingBack && s.updateState().equals("rollback_started")) {
                pending.add(s.name() + " (rolling back)");
                continue;
            }
            String failure = rollingBack && s.updateState().equals("rollback_completed") ? null : failure(s);
            if (failure != null) {
                return Result.failed(failure);
            }
            String state = progress(s);
            if (state != null) {
                pending.add(s.name() + " " + state);
            }
        }
        return pending.isEmpty() ? Result.done() : Result.pending(String.join(", ", pending));
    }

    /** Why a service's update will not converge (paused, rolling or rolled back), or null. */
    public static String failure(Service s) {
        return switch (s.updateState()) {
            case "paused", "rollback_paused" -> "service " + s.name() + ": update " + s.updateState() + ": " + s.updateMessage();
            case "rollback_started", "rollback_completed" -> "service " + s.name() + ": rolled back: " + s.updateMessage();
            default -> null;
        };
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
