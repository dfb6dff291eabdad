package io.swarmops.cli.cluster;

import io.swarmops.cli.ExitCodes;
import io.swarmops.cli.OutputOptions;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.EngineInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code cluster status}: nodes, managers and quorum, services running/desired, tasks per node and
 * their spread. A status command: exits 0 OK, 1 WARNING, 2 CRITICAL (quorum lost), 3 UNKNOWN.
 */
@Command(name = "status", description = "Nodes, managers and quorum, services, tasks per node and their spread. "
        + "Exit: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN", mixinStandardHelpOptions = true)
public final class ClusterStatus extends SwarmopsVerb {
    @Mixin
    OutputOptions output;

    @Override
    protected int execute() {
        ClusterReport report;
        try {
            report = ClusterReport.of(gateway().snapshot());
        } catch (SwarmOpsException e) {
            return unavailable(e);
        }
        ClusterFormatter.print(out(), output, report);
        return switch (report.verdict()) {
            case OK -> ExitCodes.MON_OK;
            case WARNING -> ExitCodes.MON_WARNING;
        };
    }

    /** The manager cannot give a snapshot: lost quorum is CRITICAL, anything else UNKNOWN. */
    private int unavailable(SwarmOpsException e) {
        if (e.kind() == SwarmOpsException.Kind.NO_LEADER) {
            EngineInfo info = gateway().info();
            ClusterFormatter.printVerdict(out(), output, "CRITICAL", "quorum lost: the swarm has no leader (this node knows "
                    + info.managers() + " managers); see 'swarmops quorum status'");
            return ExitCodes.MON_CRITICAL;
        }
        ClusterFormatter.printVerdict(out(), output, "UNKNOWN", e.getMessage());
        return ExitCodes.MON_UNKNOWN;
    }
}
