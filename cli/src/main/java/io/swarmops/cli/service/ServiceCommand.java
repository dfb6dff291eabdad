package io.swarmops.cli.service;

import picocli.CommandLine.Command;

/** {@code swarmops service}: docker's service commands, plus restart. */
@Command(name = "service", mixinStandardHelpOptions = true, description = "Manage swarm services",
        subcommands = {ServiceLs.class, ServicePs.class, ServiceInspect.class, ServiceCreate.class, ServiceUpdate.class,
            ServiceScale.class, ServiceRm.class, ServiceLogs.class, ServiceRollback.class, ServiceRestart.class,
            io.swarmops.cli.rebalance.ServiceMove.class,
            io.swarmops.cli.image.ServiceUpdateImages.class, ServiceExec.class})
public final class ServiceCommand {
}
