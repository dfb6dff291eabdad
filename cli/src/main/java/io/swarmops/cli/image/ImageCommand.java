package io.swarmops.cli.image;

import io.swarmops.cli.Subcommands;
import picocli.CommandLine.Command;

/** {@code swarmops image}: the images services run, at their registries. */
@Subcommands(ImageCheck.class)
@Command(name = "image", mixinStandardHelpOptions = true, description = "Check services' images at their registries")
public final class ImageCommand {
}
