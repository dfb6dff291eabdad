package io.swarmops.cli.stack;

import io.swarmops.cli.ExitCodes;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.compose.ComposeConfigYaml;
import io.swarmops.compose.ComposeProject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code stack config}: the merged, interpolated configuration, without deploying. */
@Command(name = "config", description = "Outputs the final config file, after doing merges and interpolations", mixinStandardHelpOptions = true)
public final class StackConfig extends SwarmopsVerb {
    @Mixin
    ComposeFileOptions compose;

    @Override
    protected int execute() {
        ComposeProject project = compose.load(System.getenv());
        out().print(ComposeConfigYaml.render(project.config()));
        return ExitCodes.OK;
    }
}
