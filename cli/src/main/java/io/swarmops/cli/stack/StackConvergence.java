package io.swarmops.cli.stack;

import io.swarmops.cli.ExitCodes;
import io.swarmops.compose.StackSpecs;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Waits until every service of a stack has converged: its update finished (not paused, not rolled
 * back) and as many tasks running as it wants (jobs: completed). Polls with backoff and says what
 * it waits for.
 */
final class StackConvergence {
    private final SwarmGateway gateway;
    private final String stack;
    private final Consumer<String> say;

    StackConvergence(SwarmGateway gateway, String stack, Consumer<String> say) {
        this.gateway = gateway;
        this.stack = stack;
        this.say = say;
    }

    /** 0 when converged; 1 on a rollback, a paused update or the timeout. */
    int await(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        long sleep = 250;
        String last = "";
        while (true) {
            List<Service> services = gateway.services(Map.of("label", List.of(StackSpecs.NAMESPACE_LABEL + "=" + stack)));
            if (services.isEmpty()) {
                throw SwarmOpsException.notFound("stack", stack);
            }
            List<String> pending = new ArrayList<>();
            for (Service s : services) {
                switch (s.updateState()) {
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
                say.accept("stack " + stack + ": all " + services.size() + " services converged");
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
