package io.swarmops.cli.node;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.ConfirmOptions;
import io.swarmops.cli.Confirmation;
import io.swarmops.cli.DurationConverter;
import io.swarmops.cli.DryRunPrinter;
import io.swarmops.cli.ExitCodes;
import io.swarmops.cli.OutputOptions;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.cli.emergency.PowerOptions;
import io.swarmops.cli.format.JsonOutput;
import io.swarmops.cli.rebalance.PolicyOptions;
import io.swarmops.cli.rebalance.RebalanceCommand;
import io.swarmops.ops.DockerEndpoint;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.engine.SshCommand;
import io.swarmops.ops.model.ClusterSnapshot;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import io.swarmops.recovery.journal.StepJournal;
import io.swarmops.recovery.maintenance.DrainPlan;
import io.swarmops.recovery.maintenance.DrainPlanner;
import io.swarmops.recovery.maintenance.KeepCapacityDrain;
import io.swarmops.recovery.maintenance.MaintenanceExecutor;
import io.swarmops.recovery.maintenance.MaintenancePlan;
import io.swarmops.recovery.maintenance.MaintenanceStep;
import io.swarmops.recovery.maintenance.NodeDaemons;
import io.swarmops.recovery.maintenance.SimulatedMaintenance;
import io.swarmops.recovery.power.PowerConfig;
import io.swarmops.recovery.power.PowerSwitch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code node maintenance}: node after node (or {@code --parallel} at a time), keep the quorum, drain
 * keeping capacity, run a command over ssh or power-cycle, wait until the node is back, make it
 * active, optionally rebalance back. Journalled: killed at any point, the same command continues.
 */
@Command(name = "maintenance", mixinStandardHelpOptions = true,
        description = "Rolling maintenance: drain keeping capacity, run a command (ssh) or reboot (power config), bring back, next node")
public final class NodeMaintenance extends SwarmopsVerb {
    public static final Path DEFAULT_JOURNAL = Path.of("/var/lib/swarmops/maintenance.journal");

    @Parameters(paramLabel = "NODE", arity = "1..*", description = "Hostname or ID, in the order to work on them")
    List<String> nodes;

    @Option(names = "--run", paramLabel = "'CMD ...'", description = "Run this on each node's host over ssh (the node inventory), words split at spaces, no shell")
    String run;

    @Option(names = "--reboot", description = "Power-cycle each node with the power config's off and on commands")
    boolean reboot;

    @Option(names = "--parallel", defaultValue = "1", paramLabel = "N", description = "Nodes at a time (default: ${DEFAULT-VALUE})")
    int parallel;

    @Option(names = "--rebalance", description = "After each node is back, rebalance tasks onto it (within the rebalance limits below)")
    boolean rebalance;

    @Mixin
    AllowShortOption allowShort;

    @Option(names = "--timeout", defaultValue = "5m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long each wait and each command may take (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--journal", paramLabel = "FILE", description = "The journal that lets the same command continue (default: " + "/var/lib/swarmops/maintenance.journal)")
    Path journalFile = DEFAULT_JOURNAL;

    @Mixin
    NodeAccess access;

    @Mixin
    PolicyOptions policy;

    @Mixin
    ConfirmOptions confirm;

    @Mixin
    OutputOptions output;

    @Override
    protected int execute() {
        if (reboot == (run != null)) {
            throw SwarmOpsException.invalid("give one of --run 'CMD ...' and --reboot");
        }
        List<String> command = run == null ? List.of() : List.of(run.trim().split("\\s+"));
        if (run != null && run.isBlank()) {
            throw SwarmOpsException.invalid("--run: no command");
        }
        List<Node> all = gateway().nodes();
        access.check(all);
        List<Node> targets = new ArrayList<>();
        for (String ref : nodes) {
            targets.add(gateway().node(ref));
        }
        MaintenancePlan plan = MaintenancePlan.of(targets, command, parallel, rebalance);
        StepJournal journal = new StepJournal(journalFile);
        boolean newPass = !MaintenanceExecutor.continues(plan, journal);
        StepJournal.Pass pass = newPass ? null : journal.current().orElse(null);
        Predicate<String> done = k -> pass != null && pass.isDone(k);
        ClusterSnapshot snapshot = gateway().snapshot();
        List<DrainPlan> drains = waves(plan).stream()
                .map(w -> DrainPlanner.plan(snapshot, w.stream().map(Node::id).collect(Collectors.toCollection(LinkedHashSet::new)))).toList();
        if (!output.json()) {
            out().println((newPass ? "node maintenance of " : "continuing the node maintenance of ")
                    + String.join(", ", targets.stream().map(Node::hostname).toList()) + " (" + (plan.reboot() ? "reboot" : "run " + run.trim())
                    + (parallel == 1 ? ", one at a time" : ", " + parallel + " at a time") + "; journal " + journalFile + "):");
            plan.lines(done).forEach(out()::println);
            for (DrainPlan d : drains) {
                out().println("drain of " + String.join(", ", d.nodes().stream().map(Node::hostname).toList()) + ", as the swarm is now:");
                d.lines().forEach(out()::println);
            }
            out().flush();
        }
        Set<String> allowed = allowShort.services();
        String selfId = gateway().info().nodeId();
        if (newPass) {
            // said before anything changes: a wave that would cost the quorum, a service that cannot keep capacity
            for (List<Node> w : waves(plan)) {
                String refusal = MaintenancePlan.quorumRefusal(all, w, selfId);
                if (refusal != null) {
                    throw new SwarmOpsException(SwarmOpsException.Kind.FAILED, refusal + "; nothing changed");
                }
            }
            drains.forEach(d -> KeepCapacityDrain.refuseShort(d, allowed));
        }
        PowerConfig powerConfig = powerConfig();
        MaintenanceExecutor.Settings settings = new MaintenanceExecutor.Settings(allowed, policy.policy(), RebalanceCommand.owner(),
                Duration.ofMinutes(15), timeout, selfId);
        if (confirm.dryRun) {
            return dryRun(plan, journal, newPass, snapshot, settings, done, drains);
        }
        PowerSwitch power = PowerOptions.power(context(), powerConfig);
        if (plan.reboot()) {
            String refusal = power.refusal(false) != null ? power.refusal(false) : power.refusal(true);
            if (refusal != null) {
                throw new SwarmOpsException(SwarmOpsException.Kind.FAILED, refusal);
            }
        }
        if (!Confirmation.confirm(context(), confirm, (newPass ? "Start" : "Continue") + " the maintenance?")) {
            context().say("not confirmed; nothing changed");
            return ExitCodes.FAILED;
        }
        var progress = context().progress();
        Map<String, Duration> took = new MaintenanceExecutor(gateway(), daemons(), power, settings, progress::step).run(plan, journal, newPass);
        if (output.json()) {
            ObjectNode doc = document(plan, done, drains);
            ObjectNode t = doc.putObject("Took");
            took.forEach((k, d) -> t.put(k, d.toMillis() / 1000.0));
            doc.put("Complete", true);
            JsonOutput.print(out(), doc);
        } else {
            took.forEach((step, d) -> out().println(String.format(Locale.ROOT, "  %-32s %7.1f s", step, d.toMillis() / 1000.0)));
            out().println("maintenance complete: " + String.join(", ", targets.stream().map(Node::hostname).toList()) + " active and ready");
        }
        return ExitCodes.OK;
    }

    private static List<List<Node>> waves(MaintenancePlan plan) {
        return plan.steps().stream().filter(s -> s.action() == MaintenanceStep.Action.DRAIN).map(MaintenanceStep::nodes).toList();
    }

    private PowerConfig powerConfig() {
        Path file = access.configFile();
        return file == null ? PowerConfig.none() : PowerConfig.read(file);
    }

    private ObjectNode document(MaintenancePlan plan, Predicate<String> done, List<DrainPlan> drains) {
        ObjectNode doc = Json.object();
        doc.set("Plan", plan.toJson(done));
        ArrayNode d = doc.putArray("Drains");
        drains.forEach(x -> d.add(x.toJson()));
        return doc;
    }

    /** The real executor over a copy of the cluster in memory and a copy of the journal; prints what it would do. */
    private int dryRun(MaintenancePlan plan, StepJournal journal, boolean newPass, ClusterSnapshot snapshot, MaintenanceExecutor.Settings settings,
            Predicate<String> done, List<DrainPlan> drains) {
        SimulatedMaintenance simulation = SimulatedMaintenance.of(snapshot);
        Path copyFile;
        try {
            copyFile = Files.createTempFile("swarmops-dry-run", ".journal");
        } catch (IOException e) {
            throw new SwarmOpsException(SwarmOpsException.Kind.FAILED, "cannot create a journal for the dry run: " + e.getMessage());
        }
        try {
            StepJournal copy = newPass ? new StepJournal(copyFile) : journal.copyTo(copyFile);
            // waits do not wait: in the simulation a change converges at once, or never
            MaintenanceExecutor.Settings now = new MaintenanceExecutor.Settings(settings.allowShort(), settings.policy(), settings.lockOwner(),
                    settings.lockTimeout(), Duration.ZERO, settings.selfId());
            new MaintenanceExecutor(simulation, simulation, simulation, now, line -> { }).run(plan, copy, newPass);
        } finally {
            copyFile.toFile().delete();
            Path.of(copyFile + ".lock").toFile().delete();
        }
        if (output.json()) {
            ObjectNode doc = document(plan, done, drains);
            ArrayNode w = doc.putArray("Writes");
            simulation.log().stream().filter(DryRunPrinter.configs().negate()).forEach(x -> w.add(x.toString()));
            doc.put("DryRun", true);
            JsonOutput.print(out(), doc);
        } else {
            DryRunPrinter.print(out(), "the steps, simulated on a copy of the cluster", simulation, DryRunPrinter.configs(), "");
        }
        return ExitCodes.OK;
    }

    /** The nodes' own daemons and hosts, as the node inventory (and --node-host) reaches them. */
    private NodeDaemons daemons() {
        return new NodeDaemons() {
            @Override
            public boolean answers(Node node) {
                try (SwarmGateway g = access.open(context(), node, access.timeout())) {
                    g.info();
                    return true;
                } catch (SwarmOpsException e) {
                    return false;
                }
            }

            @Override
            public SshCommand.Result run(Node node, List<String> command) {
                DockerEndpoint e = access.endpoint(node);
                if (!"ssh".equals(e.host().getScheme())) {
                    throw new SwarmOpsException(SwarmOpsException.Kind.FAILED, "the inventory reaches " + node.hostname() + " at " + e.host()
                            + " (" + e.source() + "), not over ssh: no command can run there (nodes: in --config, or --node-host "
                            + node.hostname() + "=ssh://...)");
                }
                return SshCommand.parse(e.host()).run(command, new byte[0], timeout);
            }
        };
    }
}
