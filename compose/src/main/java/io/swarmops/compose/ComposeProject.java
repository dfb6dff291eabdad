package io.swarmops.compose;

import io.swarmops.compose.model.ComposeConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * A loaded stack definition: the merged configuration, the warnings docker prints about it
 * ("Ignoring unsupported options: build, restart"), and the directory relative paths resolve against.
 */
public record ComposeProject(ComposeConfig config, List<String> warnings, Path workingDir) {
}
