package io.swarmops.cli.stack;

import io.swarmops.cli.ExitCodes;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.compose.ComposeProject;
import io.swarmops.compose.StackConverter;
import io.swarmops.compose.StackDeployPlan;
import io.swarmops.compose.StackDeployPlanner;
import io.swarmops.compose.StackDeployPlanner.ResolveImage;
import io.swarmops.compose.StackSpecs;
import io.swarmops.compose.StackState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stack diff}: what a deploy would change, service by service, without changing anything. A
 * service's fields added ({@code +}), changed ({@code ~}) and removed ({@code -}), by path, from the
 * comparison that decides whether the deploy updates it.
 */
@Command(name = "diff", description = "Show what a deploy of the compose files would change", mixinStandardHelpOptions = true)
public final class StackDiff extends SwarmopsVerb {
    @Mixin
    ComposeFileOptions compose;

    @Option(names = "--prune", description = "Include services a --prune deploy would remove")
    boolean prune;

    @Parameters(index = "0", paramLabel = "STACK")
    String stack;

    @Override
    protected int execute() {
        StackNames.validate(stack);
        ComposeProject project = compose.load(System.getenv());
        StackSpecs specs = new StackConverter(stack).convert(project.config());
        StackDeployPlan plan = StackDeployPlanner.plan(specs, StackState.read(gateway(), stack), prune, ResolveImage.NEVER);
        for (StackDeployPlan.Step step : plan.steps()) {
            if (step instanceof StackDeployPlan.UpdateService u) {
                out().println("service " + u.name() + (u.changes().isEmpty() ? ": unchanged" : ": update"));
                u.changes().forEach(c -> out().println("  " + c));
            } else if (step instanceof StackDeployPlan.CreateService c) {
                out().println("service " + c.name() + ": create");
            } else if (step instanceof StackDeployPlan.RemoveService r) {
                out().println("service " + r.name() + ": remove");
            } else if (step instanceof StackDeployPlan.UpdateObject o) {
                out().println(o.kind() + " " + o.name() + (o.changed() ? ": update" : ": unchanged"));
            } else if (step instanceof StackDeployPlan.CreateObject o) {
                out().println(o.kind() + " " + o.name() + ": create");
            } else if (step instanceof StackDeployPlan.CreateNetwork n) {
                out().println("network " + n.name() + ": create");
            }
        }
        return ExitCodes.OK;
    }
}
