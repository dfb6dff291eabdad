package io.swarmops.cli.node;

import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** {@code --allow-short}: the services a drain keeping capacity may let run short, shared by {@code node drain} and {@code node maintenance}. */
public final class AllowShortOption {
    @Option(names = "--allow-short", split = ",", paramLabel = "SERVICE",
            description = "Services that cannot keep capacity and may run short during the drain (left to docker's drain)")
    List<String> services = List.of();

    Set<String> services() {
        return Set.copyOf(services);
    }
}
