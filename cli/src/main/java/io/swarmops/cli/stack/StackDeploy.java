package io.swarmops.cli.stack;

import io.swarmops.cli.DryRunOption;
import io.swarmops.cli.DryRunPrinter;
import io.swarmops.cli.ExitCodes;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.compose.ComposeProject;
import io.swarmops.compose.RegistryCredentials;
import io.swarmops.compose.StackConverter;
import io.swarmops.compose.StackDeployPlan;
import io.swarmops.compose.StackDeployPlanner;
import io.swarmops.compose.StackDeployPlanner.ResolveImage;
import io.swarmops.compose.StackDeployer;
import io.swarmops.compose.StackSpecs;
import io.swarmops.compose.StackState;
import io.swarmops.ops.memory.InMemorySwarm;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stack deploy}: load, check and convert every file first (a bad file deploys nothing), read
 * the stack, plan, then create or update in docker's order. {@code --wait} then waits for convergence.
 * {@code --dry-run} prints the plan, then runs the same deployer over a copy of the cluster in memory
 * and prints the writes it made there.
 */
@Command(name = "deploy", aliases = "up", description = "Deploy a new stack or update an existing stack", mixinStandardHelpOptions = true)
public final class StackDeploy extends SwarmopsVerb {
    @Mixin
    ComposeFileOptions compose;

    @Option(names = "--prune", description = "Prune services that are no longer referenced")
    boolean prune;

    @Option(names = "--resolve-image", paramLabel = "MODE", defaultValue = "always",
            description = "Query the registry to resolve image digest and supported platforms (\"always\", \"changed\", \"never\") (default \"always\")")
    String resolveImage;

    @Option(names = "--with-registry-auth", description = "Send registry authentication details to Swarm agents")
    boolean withRegistryAuth;

    @Mixin
    DryRunOption dryRun;

    @Option(names = "--wait", description = "Wait until every service has converged (exit 1 on rollback, paused update or timeout)")
    boolean await;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m", converter = io.swarmops.cli.DurationConverter.class,
            description = "How long --wait waits (default 10m)")
    Duration timeout;

    @Option(names = {"-q", "--quiet"}, description = "Suppress progress output")
    boolean quiet;

    @Parameters(index = "0", paramLabel = "STACK")
    String stack;

    @Override
    protected int execute() {
        StackNames.validate(stack);
        ResolveImage resolve = ResolveImage.parse(resolveImage);
        ComposeProject project = compose.load(System.getenv());
        StackSpecs specs = new StackConverter(stack).convert(project.config());
        project.warnings().forEach(w -> context().say(w + "\n"));
        StackDeployPlan plan = StackDeployPlanner.plan(specs, StackState.read(gateway(), stack), prune, resolve);
        RegistryCredentials creds = withRegistryAuth ? RegistryCredentials.fromEnvironment(System.getenv()) : null;
        if (dryRun.dryRun) {
            plan.steps().forEach(s -> out().println(s.describe()));
            InMemorySwarm copy = InMemorySwarm.of(gateway());
            new StackDeployer(copy, creds == null ? null : creds::forImage, resolve, line -> { }, context()::say).execute(plan);
            DryRunPrinter.print(out(), "the deploy, simulated on a copy of the cluster", copy, DryRunPrinter.none(), "");
            return ExitCodes.OK;
        }
        StackDeployer deployer = new StackDeployer(gateway(), creds == null ? null : creds::forImage, resolve,
                line -> {
                    out().println(line);
                    out().flush();
                }, context()::say);
        deployer.execute(plan);
        if (!await) {
            return ExitCodes.OK;
        }
        return ExitCodes.of(StackNames.convergence(gateway(), stack).await(timeout, quiet ? line -> { } : context()::say));
    }
}
