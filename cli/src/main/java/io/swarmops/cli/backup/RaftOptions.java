package io.swarmops.cli.backup;

import io.swarmops.cli.CommandContext;
import io.swarmops.cli.DurationConverter;
import io.swarmops.recovery.backup.RaftBackup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** The raw Raft backup's options: where the state lives and how to stop and start the local daemon. */
public final class RaftOptions {
    @Option(names = "--raft", description = "The raw Raft state of this manager (stops the local daemon while copying), "
            + "instead of the logical backup")
    boolean raft;

    @Option(names = "--data-root", paramLabel = "DIR", defaultValue = "/var/lib/docker",
            description = "The daemon's data root (default: ${DEFAULT-VALUE})")
    Path dataRoot;

    @Option(names = "--daemon-stop", paramLabel = "CMD", defaultValue = "systemctl stop docker",
            description = "Command that stops the local daemon (default: ${DEFAULT-VALUE})")
    String stop;

    @Option(names = "--daemon-start", paramLabel = "CMD", defaultValue = "systemctl start docker",
            description = "Command that starts the local daemon (default: ${DEFAULT-VALUE})")
    String start;

    @Option(names = "--force", description = "Copy even when stopping this manager costs the quorum for a while")
    boolean force;

    @Option(names = "--daemon-timeout", paramLabel = "DURATION", defaultValue = "2m", converter = DurationConverter.class,
            description = "How long the daemon may take to stop, start and find a leader (default: ${DEFAULT-VALUE})")
    Duration timeout;

    RaftBackup raftBackup(CommandContext context) {
        return new RaftBackup(context.gateway(), dataRoot, List.of(stop.trim().split("\\s+")), List.of(start.trim().split("\\s+")),
                timeout, context.progress()::step);
    }
}
