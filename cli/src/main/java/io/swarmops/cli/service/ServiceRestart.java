package io.swarmops.cli.service;

import io.swarmops.cli.ExitCodes;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.ops.Convergence;
import io.swarmops.ops.SpecUpdates;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.Waits;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code service restart}: replace every task of one service, rolling, as the service's own update
 * policy says (parallelism, delay, order, failure action) — the "just restart it" Swarm lacks. A
 * forced update underneath; it waits until none of the old tasks runs and the service has converged.
 */
@Command(name = "restart", mixinStandardHelpOptions = true,
        description = "Replace the tasks of a service, rolling, by its update policy (a forced update)")
public final class ServiceRestart extends SwarmopsVerb {
    @Parameters(paramLabel = "SERVICE")
    String service;

    @Mixin
    WaitOptions wait;

    @Override
    protected int execute() {
        Service s = gateway().service(service);
        if (s.updateInProgress()) {
            throw new SwarmOpsException(SwarmOpsException.Kind.CONFLICT, "service " + s.name() + " has an update "
                    + s.updateState() + "; restart it when that is done");
        }
        Set<String> before = running(s.id());
        var progress = context().progress();
        if (!wait.quiet) {
            progress.step(plan(s, before.size()));
        }
        SpecUpdates.updateService(gateway(), s.id(), spec -> {
            var task = spec.with("TaskTemplate");
            task.put("ForceUpdate", task.path("ForceUpdate").asLong(0) + 1);
            return spec;
        }, null, context()::say);
        out().println(service);
        out().flush();
        if (wait.detach) {
            return ExitCodes.OK;
        }
        long[] old = {before.size()};
        Waits.Result replaced = Waits.backoff(Duration.ofMillis(250), Duration.ofSeconds(2)).poll(wait.timeout, () -> {
            String failure = Convergence.failure(gateway().service(s.id()));
            if (failure != null) {
                return Waits.Result.failed(failure);
            }
            old[0] = running(s.id()).stream().filter(before::contains).count();
            return old[0] == 0 ? Waits.Result.done()
                    : Waits.Result.pending("replaced " + (before.size() - old[0]) + "/" + before.size() + " task(s)");
        }, line -> {
            if (!wait.quiet) {
                progress.status("restarting " + s.name() + ": " + line);
            }
        });
        switch (replaced.state()) {
            case FAILED -> {
                context().say(replaced.detail());
                return ExitCodes.FAILED;
            }
            case TIMED_OUT -> {
                context().say("timed out after " + wait.timeout.toSeconds() + "s: " + old[0] + " of " + before.size()
                        + " old task(s) of " + s.name() + " still running");
                return ExitCodes.FAILED;
            }
            default -> {
            }
        }
        if (!wait.quiet) {
            progress.step("restarting " + s.name() + ": all " + before.size() + " task(s) replaced");
        }
        return wait.await(context(), s.id());
    }

    /** What the restart will do, from the service's own update policy (Swarm's defaults where it has none). */
    static String plan(Service s, int tasks) {
        var update = s.raw().path("Spec").path("UpdateConfig");
        long parallelism = update.path("Parallelism").asLong(1);
        String order = update.path("Order").asText("stop-first");
        long delay = update.path("Delay").asLong(0);
        String line = "restarting " + tasks + " task(s) of " + s.name() + ": " + (parallelism == 0 ? "all" : parallelism)
                + " at a time, " + order + (delay > 0 ? ", " + delay / 1_000_000 + "ms apart" : "")
                + ", on failure " + update.path("FailureAction").asText("pause");
        if (order.equals("stop-first") && (parallelism == 0 || parallelism >= tasks) && tasks > 0) {
            line += " (the service has no running task while they are replaced: --update-order start-first avoids that)";
        }
        return line;
    }

    private Set<String> running(String serviceId) {
        List<Task> tasks = gateway().tasks(Map.of("service", List.of(serviceId), "desired-state", List.of("running")));
        return tasks.stream().filter(Task::isRunning).map(Task::id).collect(Collectors.toSet());
    }
}
