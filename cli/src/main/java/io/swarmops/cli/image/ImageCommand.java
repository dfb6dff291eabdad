package io.swarmops.cli.image;

import picocli.CommandLine.Command;

/** {@code swarmops image}: the images services run, at their registries. */
@Command(name = "image", mixinStandardHelpOptions = true, description = "Check services' images at their registries",
        subcommands = ImageCheck.class)
public final class ImageCommand {
}
