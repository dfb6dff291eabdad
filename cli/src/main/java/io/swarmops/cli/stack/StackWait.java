package io.swarmops.cli.stack;

import io.swarmops.cli.ExitCodes;
import io.swarmops.cli.SwarmopsVerb;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stack wait}: until every service of the stack has converged; non-zero on rollback, paused update, timeout. */
@Command(name = "wait", description = "Wait until every service of a stack has converged", mixinStandardHelpOptions = true)
public final class StackWait extends SwarmopsVerb {
    @Option(names = {"-t", "--timeout"}, paramLabel = "DURATION", defaultValue = "10m", converter = io.swarmops.cli.DurationConverter.class,
            description = "Give up after DURATION (default 10m)")
    Duration timeout;

    @Parameters(index = "0", paramLabel = "STACK")
    String stack;

    @Override
    protected int execute() {
        return ExitCodes.of(StackNames.convergence(gateway(), stack).await(timeout, context()::say));
    }
}
