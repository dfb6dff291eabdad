package io.swarmops.cli.emergency;

import io.swarmops.cli.CommandContext;
import io.swarmops.cli.DurationConverter;
import io.swarmops.recovery.power.CommandPower;
import io.swarmops.recovery.power.Operator;
import io.swarmops.recovery.power.PowerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How the shutdown and reboot power nodes, and how long they wait for each step to take effect. */
public final class PowerOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "Power and registry config (default: /etc/swarmops/power.yaml when it exists)")
    Path config;

    @Option(names = "--timeout", defaultValue = "5m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long each wait may take: services gone, nodes down or ready, convergence (default: ${DEFAULT-VALUE})")
    Duration timeout;

    PowerConfig powerConfig() {
        if (config != null) {
            return PowerConfig.read(config);
        }
        return Files.isRegularFile(PowerConfig.DEFAULT) ? PowerConfig.read(PowerConfig.DEFAULT) : PowerConfig.none();
    }

    /** Power by the config's commands; without one, the operator at the terminal (under cron nobody: refused before any step). */
    public static CommandPower power(CommandContext context, PowerConfig config) {
        return new CommandPower(config, new Operator() {
            @Override
            public boolean present() {
                return context.prompter().interactive();
            }

            @Override
            public void ask(String request) {
                context.prompter().ask(request + " ");
            }
        });
    }
}
