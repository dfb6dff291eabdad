package io.swarmops.cli.emergency;

import io.swarmops.cli.CommandContext;
import io.swarmops.cli.DurationConverter;
import io.swarmops.recovery.emergency.EmergencyState;
import io.swarmops.recovery.emergency.Journal;
import io.swarmops.recovery.emergency.PowerConfig;
import io.swarmops.recovery.emergency.PowerControl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Where the state and journal live, how to power nodes, how long to wait. */
public final class EmergencyOptions {
    @Option(names = "--state", paramLabel = "FILE", description = "The state file (default: /var/lib/swarmops/emergency-state.json); "
            + "its journal is FILE.journal")
    Path state = EmergencyState.DEFAULT;

    @Option(names = "--config", paramLabel = "FILE", description = "Power and registry config (default: /etc/swarmops/power.yaml when it exists)")
    Path config;

    @Option(names = "--timeout", defaultValue = "5m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long each wait may take (default: ${DEFAULT-VALUE})")
    Duration timeout;

    Journal journal() {
        return new Journal(Path.of(state + ".journal"));
    }

    PowerConfig powerConfig() {
        if (config != null) {
            return PowerConfig.read(config);
        }
        return Files.isRegularFile(PowerConfig.DEFAULT) ? PowerConfig.read(PowerConfig.DEFAULT) : PowerConfig.none();
    }

    /** Power by the config's commands; without one, the operator at the terminal (none under cron: a clear failure). */
    PowerControl power(CommandContext context, PowerConfig config) {
        return new PowerControl(config, request -> {
            if (!context.prompter().interactive()) {
                return false;
            }
            context.prompter().ask(request + " ");
            return true;
        });
    }
}
