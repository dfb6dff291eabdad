package io.swarmops.cli.service;

import io.swarmops.cli.Filters;
import io.swarmops.cli.OutputOptions;
import io.swarmops.cli.QuietOption;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.ops.model.Service;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code service ls}: docker's columns; REPLICAS is running/desired. */
@Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true, description = "List services")
public final class ServiceLs extends SwarmopsVerb {
    @Option(names = {"-f", "--filter"}, paramLabel = "FILTER", description = "Filter output (id, label, mode, name)")
    List<String> filters;

    @Mixin
    OutputOptions output;

    @Mixin
    QuietOption quiet;

    @Override
    protected int execute() {
        List<Service> services = gateway().services(Filters.parse(filters));
        if (quiet.quiet) {
            ServiceFormatter.printIds(out(), services);
        } else {
            ServiceFormatter.print(out(), output, services, gateway().tasks(ServiceFormatter.COUNTED_TASKS));
        }
        return 0;
    }
}
