package io.swarmops.cli.emergency;

import picocli.CommandLine.Command;

/** {@code swarmops emergency}: the DCCN runbook's shutdown and reboot, resumable. */
@Command(name = "emergency", mixinStandardHelpOptions = true, description = "Emergency shutdown and reboot of the whole swarm",
        subcommands = {EmergencyShutdown.class, EmergencyReboot.class, EmergencyStatus.class})
public final class EmergencyCommand {
}
