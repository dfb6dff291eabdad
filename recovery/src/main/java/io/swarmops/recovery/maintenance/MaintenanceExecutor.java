package io.swarmops.recovery.maintenance;

import io.swarmops.ops.SpecUpdates;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.SwarmOpsException.Kind;
import io.swarmops.ops.Waits;
import io.swarmops.ops.engine.SshCommand;
import io.swarmops.ops.model.Node;
import io.swarmops.rebalance.RebalanceLock;
import io.swarmops.rebalance.RebalancePlanner;
import io.swarmops.rebalance.RebalancePolicy;
import io.swarmops.rebalance.Rebalancer;
import io.swarmops.recovery.journal.JournalledSteps;
import io.swarmops.recovery.journal.StepJournal;
import io.swarmops.recovery.power.Machine;
import io.swarmops.recovery.power.PowerSwitch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The one executor of a {@link MaintenancePlan}: the journal's step machinery
 * ({@link JournalledSteps}) over the plan's steps, each action telling whether it is done and doing
 * it through the gateway, the node daemons (ssh) and the power switch only — a dry run is this
 * executor over a {@link SimulatedMaintenance}. Power commands and remote commands are journalled
 * per node, so a resumed run does not repeat one that finished. A failed step stops the run with its
 * wave left drained, and one line says what is left.
 */
public final class MaintenanceExecutor {
    /** How long a failed power-off's machine may take to go down anyway (ssh cut off by the poweroff it ran). */
    static final Duration POWER_GRACE = Duration.ofSeconds(30);

    /** What the executor works with besides the gateway. */
    public record Settings(Set<String> allowShort, RebalancePolicy policy, String lockOwner, Duration lockTimeout, Duration timeout,
            String selfId) {
    }

    private final SwarmGateway gateway;
    private final NodeDaemons daemons;
    private final PowerSwitch power;
    private final Settings settings;
    private final Consumer<String> say;
    private final KeepCapacityDrain drain;
    private MaintenancePlan plan;
    private StepJournal journal;

    public MaintenanceExecutor(SwarmGateway gateway, NodeDaemons daemons, PowerSwitch power, Settings settings, Consumer<String> say) {
        this.gateway = gateway;
        this.daemons = daemons;
        this.power = power;
        this.settings = settings;
        this.say = say;
        this.drain = new KeepCapacityDrain(gateway, settings.timeout(), say);
    }

    /** Runs the plan: a new pass in the journal, or the continuation of its current one. Returns how long each step run now took. */
    public Map<String, Duration> run(MaintenancePlan plan, StepJournal journal, boolean newPass) {
        this.plan = plan;
        this.journal = journal;
        List<JournalledSteps.Step> steps = plan.steps().stream().map(this::bound).toList();
        try {
            return JournalledSteps.run(journal, MaintenancePlan.PROCEDURE, steps, newPass, say);
        } catch (SwarmOpsException e) {
            throw new SwarmOpsException(e.kind() == Kind.INVALID ? Kind.FAILED : e.kind(), e.getMessage() + "; " + whatIsLeft(journal), e);
        }
    }

    /** Whether the journal's current pass is this plan's, unfinished: then the same command continues it. */
    public static boolean continues(MaintenancePlan plan, StepJournal journal) {
        return journal.current().filter(p -> p.procedure().equals(MaintenancePlan.PROCEDURE) && p.steps().equals(plan.keys()) && !p.complete())
                .isPresent();
    }

    private JournalledSteps.Step bound(MaintenanceStep s) {
        return new JournalledSteps.Step() {
            @Override
            public String key() {
                return s.key();
            }

            @Override
            public String description() {
                return s.description();
            }

            @Override
            public boolean isDone() {
                try {
                    return s.action().isDone(MaintenanceExecutor.this, s);
                } catch (SwarmOpsException e) {
                    return false;
                }
            }

            @Override
            public void act() {
                s.action().act(MaintenanceExecutor.this, s);
            }
        };
    }

    /** "left: node2 drained (run the same command to continue: power off, then on; ...)" */
    private String whatIsLeft(StepJournal journal) {
        List<String> left = new ArrayList<>();
        List<String> drainedNodes = new ArrayList<>();
        for (MaintenanceStep s : plan.steps()) {
            if (!JournalledSteps.done(journal, MaintenancePlan.PROCEDURE, s.key())) {
                left.add(s.description());
            }
        }
        for (MaintenanceStep s : plan.steps()) {
            if (s.action() == MaintenanceStep.Action.DRAIN && JournalledSteps.done(journal, MaintenancePlan.PROCEDURE, s.key())
                    && plan.steps().stream().anyMatch(a -> a.action() == MaintenanceStep.Action.ACTIVATE && a.nodes().equals(s.nodes())
                            && !JournalledSteps.done(journal, MaintenancePlan.PROCEDURE, a.key()))) {
                drainedNodes.addAll(s.hostnames());
            }
        }
        return (drainedNodes.isEmpty() ? "" : String.join(", ", drainedNodes) + " left drained; ") + "left: " + String.join("; ", left)
                + " (run the same command to continue)";
    }

    // ---- the actions -----------------------------------------------------------------------------

    void checkQuorum(MaintenanceStep s) {
        String refusal = MaintenancePlan.quorumRefusal(gateway.nodes(), s.nodes(), settings.selfId());
        if (refusal != null) {
            throw new SwarmOpsException(Kind.FAILED, refusal);
        }
    }

    private Set<String> ids(MaintenanceStep s) {
        return s.nodes().stream().map(Node::id).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    boolean drained(MaintenanceStep s) {
        return drain.drained(ids(s));
    }

    void drain(MaintenanceStep s) {
        drain.drain(ids(s), settings.allowShort());
    }

    void runCommand(MaintenanceStep s) {
        for (Node n : s.nodes()) {
            String sub = s.key() + ":" + n.hostname();
            if (JournalledSteps.done(journal, MaintenancePlan.PROCEDURE, sub)) {
                continue;
            }
            journal.started(MaintenancePlan.PROCEDURE, sub);
            SshCommand.Result r;
            try {
                r = daemons.run(n, plan.command());
            } catch (RuntimeException e) {
                journal.failed(MaintenancePlan.PROCEDURE, sub, String.valueOf(e.getMessage()));
                throw e;
            }
            if (r.exitCode() != 0) {
                String why = (r.stderr().isEmpty() ? r.stdout() : r.stderr()).lines().reduce((a, b) -> b).orElse("");
                String message = String.join(" ", plan.command()) + " on " + n.hostname() + " exited " + r.exitCode()
                        + (why.isEmpty() ? "" : ": " + why);
                journal.failed(MaintenancePlan.PROCEDURE, sub, message);
                throw new SwarmOpsException(Kind.FAILED, message);
            }
            journal.done(MaintenancePlan.PROCEDURE, sub);
            say.accept("ran " + String.join(" ", plan.command()) + " on " + n.hostname());
        }
    }

    void reboot(MaintenanceStep s) {
        for (Node n : s.nodes()) {
            once(s.key() + ":off:" + n.hostname(), () -> {
                try {
                    power.off(machine(n));
                } catch (SwarmOpsException e) {
                    try {
                        Waits.until(n.hostname() + " to be down although its power-off failed", POWER_GRACE, say, () -> down(n));
                    } catch (SwarmOpsException notDown) {
                        throw e;
                    }
                }
                say.accept("powered off " + n.hostname());
            });
        }
        for (Node n : s.nodes()) {
            once(s.key() + ":down:" + n.hostname(), () -> Waits.until(n.hostname() + " to be down in the swarm", settings.timeout(), say,
                    () -> down(n)));
        }
        for (Node n : s.nodes()) {
            String on = s.key() + ":on:" + n.hostname();
            if (!JournalledSteps.done(journal, MaintenancePlan.PROCEDURE, on) && up(n)) {
                journal.done(MaintenancePlan.PROCEDURE, on); // it came back by itself, or a killed run's power-on did it
                continue;
            }
            once(on, () -> {
                power.on(machine(n));
                say.accept("powered on " + n.hostname());
            });
        }
    }

    /** A sub-step journalled on its own: skipped when the journal shows it done, else done and journalled. */
    private void once(String key, Runnable action) {
        if (JournalledSteps.done(journal, MaintenancePlan.PROCEDURE, key)) {
            return;
        }
        journal.started(MaintenancePlan.PROCEDURE, key);
        try {
            action.run();
        } catch (RuntimeException e) {
            journal.failed(MaintenancePlan.PROCEDURE, key, String.valueOf(e.getMessage()));
            throw e;
        }
        journal.done(MaintenancePlan.PROCEDURE, key);
    }

    private static Machine machine(Node n) {
        return new Machine(n.id(), n.hostname(), n.addr()).checked();
    }

    private boolean down(Node n) {
        return "down".equals(gateway.node(n.id()).state());
    }

    private boolean up(Node n) {
        return gateway.node(n.id()).isReady() && daemons.answers(n);
    }

    boolean ready(MaintenanceStep s) {
        return s.nodes().stream().allMatch(this::up);
    }

    void awaitReady(MaintenanceStep s) {
        Waits.until(String.join(", ", s.hostnames()) + " to be ready in the swarm and its daemon to answer", settings.timeout(), say,
                () -> ready(s));
    }

    boolean active(MaintenanceStep s) {
        return s.nodes().stream().allMatch(n -> gateway.node(n.id()).isActive());
    }

    void activate(MaintenanceStep s) {
        for (Node n : s.nodes()) {
            SpecUpdates.updateNode(gateway, n.id(), SpecUpdates.availability("active"), say);
            say.accept(n.hostname() + " is active");
        }
    }

    boolean balanced() {
        return !RebalancePlanner.plan(gateway.snapshot(), settings.policy()).needed();
    }

    /** Within the rebalance's own limits and under its lock: one rebalance per cluster at a time. */
    void rebalance() {
        Rebalancer rebalancer = new Rebalancer(gateway, settings.timeout(), say);
        String skip = Rebalancer.reasonToSkip(gateway.snapshot());
        if (skip != null) {
            throw new SwarmOpsException(Kind.FAILED, "cannot rebalance now: " + skip);
        }
        try (RebalanceLock lock = RebalanceLock.acquire(gateway, settings.lockOwner(), settings.lockTimeout(), rebalancer::undo)) {
            Rebalancer.Outcome o = rebalancer.run(settings.policy(), lock);
            say.accept(String.format(java.util.Locale.ROOT, "rebalanced: %d move(s), spread %.2f → %.2f%s", o.moves(), o.spreadBefore(),
                    o.spreadAfter(), o.note().isEmpty() ? "" : " (" + o.note() + ")"));
        }
    }
}
