package io.swarmops.cli.cluster;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.ExitCodes;
import io.swarmops.cli.OutputOptions;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.cli.format.JsonOutput;
import io.swarmops.cli.format.Table;
import io.swarmops.cli.format.Times;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.EngineInfo;
import io.swarmops.ops.model.Json;
import java.util.Locale;
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
        if (output.json()) {
            JsonOutput.print(out(), json(report));
        } else {
            print(report);
        }
        return switch (report.verdict()) {
            case OK -> ExitCodes.MON_OK;
            case WARNING -> ExitCodes.MON_WARNING;
        };
    }

    /** The manager cannot give a snapshot: lost quorum is CRITICAL, anything else UNKNOWN. */
    private int unavailable(SwarmOpsException e) {
        if (e.kind() == SwarmOpsException.Kind.NO_LEADER) {
            EngineInfo info = gateway().info();
            String line = "CRITICAL: quorum lost: the swarm has no leader (this node knows " + info.managers()
                    + " managers); see 'swarmops quorum status'";
            if (output.json()) {
                ObjectNode o = Json.object().put("Verdict", "CRITICAL");
                o.putArray("Problems").add(line.substring("CRITICAL: ".length()));
                JsonOutput.print(out(), o);
            } else {
                out().println(line);
            }
            return ExitCodes.MON_CRITICAL;
        }
        String line = "UNKNOWN: " + e.getMessage();
        if (output.json()) {
            ObjectNode o = Json.object().put("Verdict", "UNKNOWN");
            o.putArray("Problems").add(e.getMessage());
            JsonOutput.print(out(), o);
        } else {
            out().println(line);
        }
        return ExitCodes.MON_UNKNOWN;
    }

    private void print(ClusterReport r) {
        var o = out();
        var q = r.quorum();
        o.println(r.verdict() + ": " + r.nodes().size() + " nodes, " + q.reachable() + "/" + q.managers()
                + " managers reachable (quorum " + q.quorumSize() + ", tolerates " + q.faultTolerance() + " failure"
                + (q.faultTolerance() == 1 ? "" : "s") + "), leader " + (q.leader().isEmpty() ? "none" : q.leader())
                + ", task spread " + String.format(Locale.ROOT, "%.2f", r.taskSpread()));
        r.problems().forEach(p -> o.println("  - " + p));
        o.println();
        Table nodes = Table.of("HOSTNAME", "ROLE", "STATUS", "AVAILABILITY", "MANAGER STATUS", "TASKS");
        r.nodes().forEach(n -> nodes.row(n.hostname(), n.role(), Times.capitalize(n.state()), Times.capitalize(n.availability()),
                n.managerStatus(), n.runningTasks()));
        nodes.print(o);
        o.println();
        Table services = Table.of("NAME", "MODE", "REPLICAS");
        r.services().forEach(s -> services.row(s.name(), s.mode(), s.running() + "/" + s.desired()));
        services.print(o);
    }

    static ObjectNode json(ClusterReport r) {
        ObjectNode o = Json.object();
        o.put("Verdict", r.verdict().name());
        r.problems().forEach(o.withArray("Problems")::add);
        ObjectNode q = o.putObject("Quorum");
        q.put("Managers", r.quorum().managers());
        q.put("Reachable", r.quorum().reachable());
        q.put("QuorumSize", r.quorum().quorumSize());
        q.put("FaultTolerance", r.quorum().faultTolerance());
        q.put("Leader", r.quorum().leader());
        o.put("TaskSpread", r.taskSpread());
        ArrayNode nodes = o.putArray("Nodes");
        r.nodes().forEach(n -> nodes.addObject().put("ID", n.id()).put("Hostname", n.hostname()).put("Role", n.role())
                .put("State", n.state()).put("Availability", n.availability()).put("ManagerStatus", n.managerStatus())
                .put("RunningTasks", n.runningTasks()));
        ArrayNode services = o.putArray("Services");
        r.services().forEach(s -> services.addObject().put("ID", s.id()).put("Name", s.name()).put("Mode", s.mode())
                .put("RunningTasks", s.running()).put("DesiredTasks", s.desired()));
        return o;
    }
}
