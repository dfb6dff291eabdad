package io.swarmops.cli.quorum;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.ExitCodes;
import io.swarmops.cli.OutputOptions;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.cli.format.JsonOutput;
import io.swarmops.ops.model.Json;
import io.swarmops.recovery.quorum.QuorumStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code quorum status}: managers, reachable, quorum size, tolerated failures, leader, verdict.
 * Exit: 0 healthy, 1 degraded, 2 lost, 3 unknown (unreachable daemon, or not a manager).
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Managers, quorum and fault tolerance. Exit: 0 healthy, 1 degraded, 2 lost, 3 unknown")
public final class QuorumStatusCommand extends SwarmopsVerb {
    @Mixin
    ManagerHosts managers;

    @Mixin
    OutputOptions output;

    @Option(names = "--desired", paramLabel = "N", defaultValue = "0", description = "Managers there should be (degraded below)")
    int desired;

    @Override
    protected int execute() {
        QuorumStatus s = QuorumStatus.judge(managers.local(context()), managers.others(context()), desired);
        if (output.json()) {
            ObjectNode o = Json.object();
            o.put("Verdict", s.verdict().name());
            o.put("Managers", s.managers());
            o.put("Reachable", s.reachable());
            o.put("QuorumSize", s.quorumSize());
            o.put("FaultTolerance", s.faultTolerance());
            o.put("Leader", s.leader());
            s.notes().forEach(o.putArray("Notes")::add);
            JsonOutput.print(out(), o);
        } else {
            String reachable = s.reachable() < 0 ? "?" : String.valueOf(s.reachable());
            out().println(s.verdict() + ": " + reachable + "/" + s.managers() + " managers reachable, quorum " + s.quorumSize()
                    + ", tolerates " + s.faultTolerance() + " failure" + (s.faultTolerance() == 1 ? "" : "s") + ", leader "
                    + (s.leader().isEmpty() ? "none" : s.leader()));
            s.notes().forEach(n -> out().println("  - " + n));
        }
        return switch (s.verdict()) {
            case HEALTHY -> ExitCodes.MON_OK;
            case DEGRADED -> ExitCodes.MON_WARNING;
            case LOST -> ExitCodes.MON_CRITICAL;
            case NOT_A_MANAGER, UNREACHABLE -> ExitCodes.MON_UNKNOWN;
        };
    }
}
