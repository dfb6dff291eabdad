package io.swarmops.cli.image;

import io.swarmops.cli.ExitCodes;
import io.swarmops.cli.OutputOptions;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.cli.image.ImageStatus.Status;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code image check}: for each service, the digest its tag names at the registry now against the
 * one it runs. Changes nothing. Exit 1 when a registry gave no digest.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Ask the registries whether the services' image tags moved (changes nothing)")
public final class ImageCheck extends SwarmopsVerb {
    @Mixin
    ImageSelection selection;

    @Mixin
    RegistryClientOptions registry;

    @Mixin
    OutputOptions output;

    @Override
    protected int execute() {
        List<ImageStatus> statuses = new ImageChecker(registry.client(gateway()), registry.credentials(), context()::say)
                .check(selection.select(gateway()));
        ImageReport.print(out(), statuses, output);
        return ImageReport.count(statuses, Status.unreachable) > 0 ? ExitCodes.FAILED : ExitCodes.OK;
    }
}
