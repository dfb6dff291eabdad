package io.swarmops.cli.service;

import io.swarmops.cli.MultiTarget;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.ops.model.Service;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code service rm}: as docker, removes at once; several targets go on after one fails. */
@Command(name = "rm", aliases = "remove", mixinStandardHelpOptions = true, description = "Remove one or more services")
public final class ServiceRm extends SwarmopsVerb {
    @Parameters(arity = "1..*", paramLabel = "SERVICE")
    List<String> services;

    @Override
    protected int execute() {
        return MultiTarget.each(context(), services, ref -> {
            Service s = gateway().service(ref);
            gateway().removeService(s.id());
            out().println(ref);
        });
    }
}
