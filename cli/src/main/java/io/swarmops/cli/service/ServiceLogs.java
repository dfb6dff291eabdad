package io.swarmops.cli.service;

import io.swarmops.cli.SwarmopsVerb;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code service logs}: stdout lines to stdout, stderr lines to stderr, as the tasks wrote them. */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "Fetch the logs of a service")
public final class ServiceLogs extends SwarmopsVerb {
    @Parameters(paramLabel = "SERVICE")
    String service;

    @Option(names = {"-f", "--follow"}, description = "Follow log output")
    boolean follow;

    @Option(names = {"-n", "--tail"}, paramLabel = "N", defaultValue = "all", description = "Number of lines to show from the end of the logs (default: ${DEFAULT-VALUE})")
    String tail;

    @Option(names = {"-t", "--timestamps"}, description = "Show timestamps")
    boolean timestamps;

    @Override
    protected int execute() {
        var err = context().err();
        gateway().serviceLogs(service, follow, tail, timestamps, line -> {
            if (line.stderr()) {
                err.println(line.text());
                err.flush();
            } else {
                out().println(line.text());
                out().flush();
            }
        });
        return 0;
    }
}
