package io.swarmops.cli.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.OutputOptions;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.cli.format.JsonOutput;
import io.swarmops.cli.format.Table;
import io.swarmops.cli.format.TaskFormatter;
import io.swarmops.cli.format.NaturalOrder;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.ClusterSnapshot;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Service;
import io.swarmops.rebalance.Refusal;
import io.swarmops.rebalance.ServiceExplanation;
import io.swarmops.rebalance.ServiceExplanation.NodeVerdict;
import io.swarmops.rebalance.ServiceExplanation.PendingTask;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code service explain SERVICE}: node by node, whether it can take a task of the service and every
 * reason it cannot (the placement filter the rebalance asks), and each pending task's scheduler
 * message beside swarmops' reading. Changes nothing.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Why a service's tasks can or cannot go on each node, and why its pending tasks wait")
public final class ServiceExplain extends SwarmopsVerb {
    @Parameters(paramLabel = "SERVICE", description = "Service name or ID")
    String service;

    @Mixin
    OutputOptions output;

    @Override
    protected int execute() {
        if (output.template() != null) {
            throw SwarmOpsException.invalid("service explain prints --format table or json");
        }
        Service s = gateway().service(service);
        ClusterSnapshot snapshot = gateway().snapshot();
        ServiceExplanation e = ServiceExplanation.explain(snapshot, snapshot.service(s.id()).orElse(s), NaturalOrder.INSTANCE);
        if (output.json()) {
            JsonOutput.print(out(), json(e));
        } else {
            print(e);
        }
        return 0;
    }

    private void print(ServiceExplanation e) {
        Service s = e.service();
        out().println("service " + s.name() + ": " + s.mode() + (s.replicas() >= 0 ? ", " + s.replicas() + " replicas" : "") + ", "
                + e.running() + " running, " + e.pending().size() + " pending");
        Table t = Table.of("NODE", "CAN TAKE A TASK", "WHY NOT");
        for (NodeVerdict v : e.nodes()) {
            t.row(v.node().hostname(), v.fits() ? "yes" : "no",
                    v.refusals().stream().map(r -> r.word() + ": " + r.message()).collect(Collectors.joining("; ")));
        }
        t.print(out());
        if (!e.pending().isEmpty()) {
            out().println();
            Table p = Table.of("PENDING TASK", "SCHEDULER SAYS", "SWARMOPS READS");
            for (PendingTask task : e.pending()) {
                p.row(TaskFormatter.name(task.task(), s), task.schedulerError().isEmpty() ? task.schedulerMessage() : task.schedulerError(),
                        task.reading());
            }
            p.print(out());
        }
    }

    private static ObjectNode json(ServiceExplanation e) {
        Service s = e.service();
        ObjectNode o = Json.object();
        o.putObject("Service").put("ID", s.id()).put("Name", s.name()).put("Mode", s.mode()).put("Replicas", s.replicas())
                .put("Running", e.running()).put("Pending", e.pending().size());
        ArrayNode ns = o.putArray("Nodes");
        for (NodeVerdict v : e.nodes()) {
            ObjectNode n = ns.addObject().put("ID", v.node().id()).put("Hostname", v.node().hostname()).put("CanTakeTask", v.fits());
            ArrayNode rs = n.putArray("Reasons");
            for (Refusal r : v.refusals()) {
                rs.addObject().put("Kind", r.word()).put("Message", r.message()).put("Actual", r.actual()).put("Limit", r.limit());
            }
        }
        ArrayNode ps = o.putArray("PendingTasks");
        for (PendingTask p : e.pending()) {
            ps.addObject().put("ID", p.task().id()).put("Name", TaskFormatter.name(p.task(), s)).put("State", p.task().state())
                    .put("SchedulerMessage", p.schedulerMessage()).put("SchedulerError", p.schedulerError()).put("Reading", p.reading());
        }
        return o;
    }
}
