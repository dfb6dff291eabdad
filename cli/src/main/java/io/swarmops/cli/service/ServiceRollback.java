package io.swarmops.cli.service;

import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.ops.SpecUpdates;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Service;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code service rollback}: back to the spec the daemon kept before the last update. */
@Command(name = "rollback", mixinStandardHelpOptions = true, description = "Revert changes to a service's configuration")
public final class ServiceRollback extends SwarmopsVerb {
    @Parameters(paramLabel = "SERVICE")
    String service;

    @Mixin
    WaitOptions wait;

    @Override
    protected int execute() {
        Service s = gateway().service(service);
        if (s.previousSpec() == null) {
            throw new SwarmOpsException(SwarmOpsException.Kind.FAILED, "service " + service + " has no previous spec to roll back to");
        }
        SpecUpdates.rollbackService(gateway(), s.id(), null, context()::say);
        out().println(service);
        out().flush();
        return wait.awaitRollback(context(), s.id());
    }
}
