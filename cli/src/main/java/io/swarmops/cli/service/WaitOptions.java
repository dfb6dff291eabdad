package io.swarmops.cli.service;

import io.swarmops.cli.CommandContext;
import io.swarmops.cli.DurationConverter;
import io.swarmops.cli.ExitCodes;
import io.swarmops.ops.Convergence;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/** {@code -d/--detach} and {@code --timeout}: whether and how long to wait for a service to converge. */
public final class WaitOptions {
    @Option(names = {"-d", "--detach"}, description = "Exit immediately instead of waiting for the service to converge")
    boolean detach;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
            description = "How long to wait for convergence (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = {"-q", "--quiet"}, description = "Suppress progress output")
    boolean quiet;

    /** Waits for the service unless detached; exit code of the wait. */
    int await(CommandContext context, String serviceId) {
        return detach ? ExitCodes.OK : ExitCodes.of(convergence(context, serviceId).await(timeout, say(context)));
    }

    /** Waits for a rollback to finish, unless detached. */
    int awaitRollback(CommandContext context, String serviceId) {
        return detach ? ExitCodes.OK : ExitCodes.of(convergence(context, serviceId).rollingBack().await(timeout, say(context)));
    }

    private static Convergence convergence(CommandContext context, String serviceId) {
        return new Convergence(context.gateway(), "service " + context.gateway().service(serviceId).name(),
                () -> List.of(context.gateway().service(serviceId)));
    }

    private Consumer<String> say(CommandContext context) {
        var progress = context.progress();
        return quiet ? line -> { } : progress::status;
    }
}
