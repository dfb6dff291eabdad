package io.swarmops.cli.service;

import io.swarmops.cli.Subcommands;
import picocli.CommandLine.Command;

/** {@code swarmops service}: docker's service commands, plus restart. */
@Subcommands({ServiceLs.class, ServicePs.class, ServiceInspect.class, ServiceCreate.class, ServiceUpdate.class,
            ServiceScale.class, ServiceRm.class, ServiceLogs.class, ServiceRollback.class, ServiceRestart.class,
            io.swarmops.cli.rebalance.ServiceMove.class, io.swarmops.cli.image.ServiceUpdateImages.class, ServiceExec.class,
            ServiceExplain.class})
@Command(name = "service", mixinStandardHelpOptions = true, description = "Manage swarm services")
public final class ServiceCommand {
}
