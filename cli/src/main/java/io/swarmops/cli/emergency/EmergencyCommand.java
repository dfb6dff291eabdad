package io.swarmops.cli.emergency;

import io.swarmops.cli.Subcommands;
import picocli.CommandLine.Command;

/** {@code swarmops emergency}: the DCCN runbook's shutdown and reboot, resumable. */
@Subcommands({EmergencyShutdown.class, EmergencyReboot.class, EmergencyStatus.class})
@Command(name = "emergency", mixinStandardHelpOptions = true, description = "Emergency shutdown and reboot of the whole swarm")
public final class EmergencyCommand {
}
