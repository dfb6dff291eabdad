package io.swarmops.cli.quorum;

import picocli.CommandLine.Command;

/** {@code swarmops quorum}: is the Raft quorum held, and getting it back when it is not. */
@Command(name = "quorum", mixinStandardHelpOptions = true, description = "Manager quorum: status and recovery",
        subcommands = {QuorumStatusCommand.class, QuorumRecoverCommand.class})
public final class QuorumCommand {
}
