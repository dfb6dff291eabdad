package io.swarmops.cli.backup;

import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.recovery.backup.WorkloadBackup;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code backup}: the swarm's workload, to one JSON file (secret data excepted: the Engine never returns it). */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Save services, networks, configs, secret names, node labels and roles to one file")
public final class BackupCommand extends SwarmopsVerb {
    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Where to write the backup")
    Path output;

    @Override
    protected int execute() {
        WorkloadBackup b = WorkloadBackup.capture(gateway());
        b.write(output);
        out().println("saved " + b.services().size() + " services, " + b.networks().size() + " networks, " + b.configs().size()
                + " configs, " + b.secrets().size() + " secrets (names only), " + b.nodes().size() + " nodes to " + output);
        if (!b.secrets().isEmpty()) {
            context().say("note: secret data cannot be read back from a swarm; keep the secrets' files: restore takes --secret NAME=FILE");
        }
        return 0;
    }
}
