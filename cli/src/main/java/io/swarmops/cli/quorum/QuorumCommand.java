package io.swarmops.cli.quorum;

import io.swarmops.cli.Subcommands;
import picocli.CommandLine.Command;

/** {@code swarmops quorum}: is the Raft quorum held, and getting it back when it is not. */
@Subcommands({QuorumStatus.class, QuorumRecover.class})
@Command(name = "quorum", mixinStandardHelpOptions = true, description = "Manager quorum: status and recovery")
public final class QuorumCommand {
}
