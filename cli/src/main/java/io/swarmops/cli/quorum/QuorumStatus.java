package io.swarmops.cli.quorum;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.ExitCodes;
import io.swarmops.cli.OutputOptions;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.cli.format.JsonOutput;
import io.swarmops.ops.model.Json;
import io.swarmops.recovery.quorum.RecoveryRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code quorum status}: managers, reachable, quorum size, tolerated failures, leader, verdict.
 * Exit: 0 healthy, 1 degraded, 2 lost, 3 unknown (unreachable daemon, not a manager, cannot tell).
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Managers, quorum and fault tolerance. Exit: 0 healthy, 1 degraded, 2 lost, "
                + "3 unknown (daemon unreachable, not a manager, or cannot tell)")
public final class QuorumStatus extends SwarmopsVerb {
    @Mixin
    ManagerHosts managers;

    @Mixin
    OutputOptions output;

    @Option(names = "--desired", paramLabel = "N", defaultValue = "0",
            description = "Managers there should be: fewer is degraded (default: what the last 'quorum recover' recorded)")
    int desired;

    @Override
    protected int execute() {
        ManagerHosts.Answers a = managers.ask(context());
        int wanted = desired > 0 ? desired : ManagerHosts.recorded(context(), a.local()).map(RecoveryRecord::managers).orElse(0);
        io.swarmops.recovery.quorum.QuorumStatus s = io.swarmops.recovery.quorum.QuorumStatus.judge(a.local(), a.others(), a.notAsked(), wanted);
        if (output.json()) {
            JsonOutput.print(out(), json(s));
        } else {
            String reachable = s.reachable() < 0 ? "?" : String.valueOf(s.reachable());
            out().println(s.verdict() + ": " + reachable + "/" + s.managers() + " managers reachable, quorum " + s.quorumSize()
                    + ", tolerates " + s.faultTolerance() + " failure" + (s.faultTolerance() == 1 ? "" : "s") + ", leader "
                    + (s.leader().isEmpty() ? "none" : s.leader()));
            s.notes().forEach(n -> out().println("  - " + n));
            s.peers().forEach(p -> out().println("  - asked " + p));
            s.notAsked().forEach(m -> out().println("  - nobody answered for manager " + m + " (no --manager-hosts entry maps to it, "
                    + "or its daemon did not answer)"));
        }
        return exitCode(s.verdict());
    }

    static int exitCode(io.swarmops.recovery.quorum.QuorumStatus.Verdict v) {
        return switch (v) {
            case HEALTHY -> ExitCodes.MON_OK;
            case DEGRADED -> ExitCodes.MON_WARNING;
            case LOST -> ExitCodes.MON_CRITICAL;
            case NOT_A_MANAGER, UNREACHABLE, UNKNOWN -> ExitCodes.MON_UNKNOWN;
        };
    }

    static ObjectNode json(io.swarmops.recovery.quorum.QuorumStatus s) {
        ObjectNode o = Json.object();
        o.put("Verdict", s.verdict().name());
        o.put("Managers", s.managers());
        o.put("Reachable", s.reachable());
        o.put("QuorumSize", s.quorumSize());
        o.put("FaultTolerance", s.faultTolerance());
        o.put("Leader", s.leader());
        o.put("Desired", s.desired());
        s.notes().forEach(o.putArray("Notes")::add);
        s.peers().forEach(o.putArray("Asked")::add);
        s.notAsked().forEach(o.putArray("NotAsked")::add);
        return o;
    }
}
