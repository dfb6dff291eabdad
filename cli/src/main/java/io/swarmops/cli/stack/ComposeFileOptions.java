package io.swarmops.cli.stack;

import io.swarmops.compose.ComposeLoader;
import io.swarmops.compose.ComposeProject;
import io.swarmops.ops.opts.EnvFile;
import io.swarmops.ops.opts.InvalidSyntax;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code -c/--compose-file FILE} (repeatable) and {@code --env-file}: which compose files,
 * interpolated from what. As in docker, {@code -c} before the command is the context.
 */
public final class ComposeFileOptions {
    @Option(names = {"-c", "--compose-file"}, paramLabel = "FILE", required = true,
            description = "Path to a Compose file (repeat to merge several, as docker does)")
    List<Path> files = new ArrayList<>();

    @Option(names = "--env-file", paramLabel = "FILE",
            description = "Read variables for interpolation from FILE; the environment wins (swarmops' addition: docker reads no .env)")
    Path envFile;

    /** The variables: the process environment over the --env-file ones. */
    Map<String, String> environment(Map<String, String> processEnv) {
        Map<String, String> env = new HashMap<>();
        if (envFile != null) {
            try {
                env.putAll(EnvFile.variables(envFile, processEnv));
            } catch (InvalidSyntax e) {
                String why = e.getMessage();
                throw new InvalidSyntax(why.contains(envFile.toString()) ? why : envFile + ": " + why);
            }
        }
        env.putAll(processEnv);
        return env;
    }

    ComposeProject load(Map<String, String> processEnv) {
        return ComposeLoader.load(files, environment(processEnv));
    }
}
