package io.swarmops.recovery.emergency;

import com.fasterxml.jackson.databind.JsonNode;
import io.swarmops.ops.SpecUpdates;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.SwarmOpsException.Kind;
import io.swarmops.ops.Waits;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import io.swarmops.recovery.backup.WorkloadBackup;
import io.swarmops.recovery.backup.WorkloadRestore;
import io.swarmops.recovery.journal.JournalledSteps;
import io.swarmops.recovery.journal.StepJournal;
import io.swarmops.recovery.power.PowerSwitch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The one executor of the emergency runbooks: for each step, the journal says whether a previous
 * run finished it, the cluster says whether it is done already, and only then is it done —
 * journalled (and forced to disk) before and after, so a run killed anywhere is continued by the
 * same command. Effects go through the gateway, the power switch and the registry probe only: a dry
 * run is this executor over a {@link SimulatedCluster}. Each power command is journalled per node,
 * so a resumed run does not power a machine twice.
 */
public final class EmergencyExecutor {
    /** How long a failed power command's machine may take to do as asked anyway. */
    static final Duration POWER_GRACE = Duration.ofSeconds(30);

    private final SwarmGateway gateway;
    private final PowerSwitch power;
    private final RegistryProbe probe;
    private final EmergencyState state;
    private final Path stateFile;
    private final Map<String, byte[]> secretData;
    private final Duration timeout;
    private final Consumer<String> say;

    /**
     * @param stateFile  where the state is saved; its existence is what "saved" means, so a new cycle
     *                   must not find an old one there
     * @param secretData data of secrets the swarm lost (--secret NAME=FILE); usually none, as secrets
     *                   stay in the swarm across the shutdown
     */
    public EmergencyExecutor(SwarmGateway gateway, PowerSwitch power, RegistryProbe probe, EmergencyState state, Path stateFile,
            Map<String, byte[]> secretData, Duration timeout, Consumer<String> say) {
        this.gateway = gateway;
        this.power = power;
        this.probe = probe;
        this.state = state;
        this.stateFile = stateFile;
        this.secretData = Map.copyOf(secretData);
        this.timeout = timeout;
        this.say = say;
    }

    /**
     * Runs the runbook: a new pass of it in the journal ({@code newPass}), or the continuation of
     * the journal's current one. Returns how long each step run now took (steps already done: none).
     */
    public Map<String, Duration> run(Runbook runbook, StepJournal journal, boolean newPass) {
        return JournalledSteps.locked(journal, () -> runLocked(runbook, journal, newPass));
    }

    /**
     * Runs a prepared procedure for real: under the journal's lock, a new cycle first puts the
     * finished one's files aside, then the runbook runs as {@link #run(Runbook, StepJournal, boolean)}.
     */
    public Map<String, Duration> run(EmergencyCycle.Prepared prepared, StepJournal journal) {
        return JournalledSteps.locked(journal, () -> {
            prepared.beforeRun(journal, stateFile);
            return runLocked(prepared.runbook(), journal, prepared.newPass());
        });
    }

    private Map<String, Duration> runLocked(Runbook runbook, StepJournal journal, boolean newPass) {
        String procedure = runbook.procedure();
        List<JournalledSteps.Step> steps = runbook.steps().stream().<JournalledSteps.Step>map(step -> new JournalledSteps.Step() {
            @Override
            public String key() {
                return step.key();
            }

            @Override
            public String description() {
                return step.description();
            }

            @Override
            public boolean isDone() {
                return EmergencyExecutor.this.isDone(step);
            }

            @Override
            public void act() {
                EmergencyExecutor.this.act(step, journal, procedure);
            }
        }).toList();
        return JournalledSteps.runHeld(journal, procedure, steps, newPass, say);
    }

    private static boolean journalDone(StepJournal journal, String procedure, String key) {
        return JournalledSteps.done(journal, procedure, key);
    }

    /** How the executor tells that a kind of step is done ({@link RunbookStep.Action} names one for each). */
    interface Check {
        boolean done(EmergencyExecutor executor, RunbookStep step);
    }

    /** How the executor does a kind of step, within a pass of the journal. */
    interface Act {
        void run(EmergencyExecutor executor, RunbookStep step, StepJournal journal, String procedure);
    }

    /** Whether the cluster shows the step done. A daemon that does not answer (still off) shows nothing done. */
    public boolean isDone(RunbookStep step) {
        try {
            return step.action().done.done(this, step);
        } catch (SwarmOpsException e) {
            return false;
        }
    }

    private void act(RunbookStep step, StepJournal journal, String procedure) {
        step.action().act.run(this, step, journal, procedure);
    }

    // ---- the steps, as the actions name them ---------------------------------------------------

    boolean stateSaved() {
        return Files.isRegularFile(stateFile);
    }

    void saveState() {
        state.write(stateFile);
        say.accept("saved the state to " + stateFile);
    }

    boolean isWorker(SavedNode n) {
        return !gateway.node(n.id()).isManager();
    }

    boolean servicesGone() {
        return gateway.services(Map.of()).isEmpty() && noRunningTasks();
    }

    void powerOffWorkers(RunbookStep step, StepJournal journal, String procedure) {
        List<SavedNode> todo = step.nodes().stream().filter(n -> !commandDone(journal, procedure, step, n) && !isDown(n)).toList();
        powerAll(todo, journal, procedure, step, false);
        Waits.until(step.nodes().size() + " node(s) to be down (" + String.join(", ", step.hostnames()) + ")", timeout, say,
                () -> allDown(step.nodes()));
    }

    void powerOnFirstManager(RunbookStep step, StepJournal journal, String procedure) {
        SavedNode kept = step.nodes().get(0);
        if (!commandDone(journal, procedure, step, kept)) {
            powerAll(List.of(kept), journal, procedure, step, true);
        }
        Waits.until(kept.hostname() + " to be ready and the swarm to have a leader", timeout, say, () -> leads(kept));
    }

    void powerOnOthers(RunbookStep step, StepJournal journal, String procedure) {
        List<SavedNode> todo = step.nodes().stream().filter(n -> !commandDone(journal, procedure, step, n) && !isReady(n)).toList();
        powerAll(todo, journal, procedure, step, true);
        Waits.until(step.nodes().size() + " node(s) to be ready (" + String.join(", ", step.hostnames()) + ")", timeout, say,
                () -> allReady(step.nodes()));
    }

    boolean enoughManagers() {
        return reachableManagers() >= state.managers();
    }

    boolean registryBack(RunbookStep step) {
        return converged(registryWave(step)) && probe.answers();
    }

    void deployRegistry(RunbookStep step) {
        WorkloadBackup registry = registryWave(step);
        restore(registry);
        awaitConverged(registry);
        Waits.until("the registry to answer at " + probe.describe(), timeout, say, probe::answers);
        say.accept("the registry answers (" + probe.describe() + ")");
    }

    boolean workloadBack() {
        return converged(state.workload());
    }

    void deployRest() {
        restore(state.workload());
        awaitConverged(state.workload());
    }

    // ---- power --------------------------------------------------------------------------------

    /** The journal's sub-step for one node's power command within a step: "power-off-workers:node3". */
    private static String sub(RunbookStep step, SavedNode n) {
        return step.key() + ":" + n.hostname();
    }

    private static boolean commandDone(StepJournal journal, String procedure, RunbookStep step, SavedNode n) {
        return journalDone(journal, procedure, sub(step, n));
    }

    private void powered(StepJournal journal, String procedure, RunbookStep step, SavedNode n, boolean on) {
        journal.started(procedure, sub(step, n));
        try {
            if (on) {
                power.on(n.machine());
            } else {
                power.off(n.machine());
            }
        } catch (RuntimeException e) {
            journal.failed(procedure, sub(step, n), String.valueOf(e.getMessage()));
            throw e;
        }
        journal.done(procedure, sub(step, n));
        say.accept("powered " + (on ? "on " : "off ") + n.hostname());
    }

    /**
     * The manager swarmops talks to goes last; its API ends with it (and swarmops with it, when it
     * runs there): the journal holds "started" before the command, and a later run that finds the
     * daemon gone counts the step done. A command that fails as the machine goes away (ssh cut off)
     * counts too, when the daemon is gone after it.
     */
    void powerOffLastManager(RunbookStep step, StepJournal journal, String procedure) {
        SavedNode kept = step.nodes().get(0);
        if (!commandDone(journal, procedure, step, kept)) {
            try {
                powered(journal, procedure, step, kept, false);
            } catch (SwarmOpsException e) {
                reachedAnyway(e, "the daemon of " + kept.hostname() + " to stop answering", this::apiGone);
            }
        }
        Waits.until("the daemon of " + kept.hostname() + " to stop answering", timeout, say, this::apiGone);
    }

    /**
     * Powers the nodes (in parallel). A command that fails while its machine does as asked anyway
     * (ssh cut off by the poweroff it ran, a machine that was already on) is no failure: the swarm's
     * view decides, within a short grace.
     */
    private void powerAll(List<SavedNode> nodes, StepJournal journal, String procedure, RunbookStep step, boolean on) {
        try {
            parallel(nodes, n -> powered(journal, procedure, step, n, on));
        } catch (SwarmOpsException e) {
            reachedAnyway(e, String.join(", ", nodes.stream().map(SavedNode::hostname).toList()) + " to be " + (on ? "ready" : "down"),
                    () -> on ? allReady(nodes) : allDown(nodes));
        }
    }

    private void reachedAnyway(SwarmOpsException failure, String what, java.util.function.BooleanSupplier reached) {
        Duration grace = timeout.compareTo(POWER_GRACE) < 0 ? timeout : POWER_GRACE;
        try {
            Waits.until(what + " although a power command failed", grace, say, reached);
        } catch (SwarmOpsException notReached) {
            throw failure;
        }
        say.accept("a power command failed (" + failure.getMessage() + "), but " + what.replace(" to be ", " are ")
                .replace(" to stop answering", " stopped answering"));
    }

    /** The daemon swarmops talks to no longer answers at all. */
    boolean apiGone() {
        try {
            gateway.info();
            return false;
        } catch (SwarmOpsException e) {
            return e.kind() == Kind.UNREACHABLE;
        }
    }

    private static void parallel(List<SavedNode> nodes, Consumer<SavedNode> action) {
        if (nodes.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
        try {
            List<Future<?>> futures = new ArrayList<>();
            nodes.forEach(n -> futures.add(pool.submit(() -> action.accept(n))));
            List<String> failures = new ArrayList<>();
            Throwable unexpected = null;
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof SwarmOpsException)) {
                        // not a refused power command but a fault of this process: as it is, after the others ended
                        unexpected = unexpected == null ? e.getCause() : unexpected;
                    }
                    failures.add(String.valueOf(e.getCause().getMessage()));
                }
            }
            if (unexpected instanceof RuntimeException r) {
                throw r;
            }
            if (unexpected instanceof Error err) {
                throw err;
            }
            if (!failures.isEmpty()) {
                throw new SwarmOpsException(Kind.FAILED, String.join("; ", failures));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SwarmOpsException(Kind.FAILED, "interrupted while powering " + nodes.size() + " node(s)");
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- nodes ---------------------------------------------------------------------------------

    private Optional<Node> seen(List<Node> nodes, SavedNode n) {
        // by ID: a node that left and rejoined has a new one, but then it is not the node saved
        return nodes.stream().filter(x -> x.id().equals(n.id())).findFirst();
    }

    private boolean isDown(SavedNode n) {
        try {
            return seen(gateway.nodes(), n).map(x -> !x.isReady()).orElse(true);
        } catch (SwarmOpsException e) {
            return false;
        }
    }

    private boolean isReady(SavedNode n) {
        try {
            return seen(gateway.nodes(), n).map(Node::isReady).orElse(false);
        } catch (SwarmOpsException e) {
            return false;
        }
    }

    boolean allDown(List<SavedNode> nodes) {
        List<Node> seen = gateway.nodes();
        return nodes.stream().allMatch(n -> seen(seen, n).map(x -> "down".equals(x.state())).orElse(true));
    }

    boolean allReady(List<SavedNode> nodes) {
        List<Node> seen = gateway.nodes();
        return nodes.stream().allMatch(n -> seen(seen, n).map(Node::isReady).orElse(false));
    }

    boolean leads(SavedNode kept) {
        List<Node> nodes = gateway.nodes();
        return seen(nodes, kept).map(Node::isReady).orElse(false) && nodes.stream().anyMatch(Node::isLeader);
    }

    void demote(SavedNode n) {
        SpecUpdates.updateNode(gateway, n.id(), SpecUpdates.role("worker"), say);
        Waits.until(n.hostname() + " to be a worker", timeout, say, () -> !gateway.node(n.id()).isManager());
        say.accept("demoted " + n.hostname());
    }

    private int reachableManagers() {
        return (int) gateway.nodes().stream().filter(n -> n.isManager() && n.manager() != null && n.manager().reachable()).count();
    }

    /** Promotes ready workers, the former managers first, until the saved count of managers is reachable. */
    void promote(List<SavedNode> formerManagers) {
        Set<String> formers = new TreeSet<>();
        formerManagers.forEach(n -> formers.add(n.id()));
        while (reachableManagers() < state.managers()) {
            Optional<Node> next = gateway.nodes().stream().filter(n -> !n.isManager() && n.isReady())
                    .sorted(Comparator.comparing((Node n) -> !formers.contains(n.id())).thenComparing(Node::hostname))
                    .findFirst();
            if (next.isEmpty()) {
                throw new SwarmOpsException(Kind.FAILED, "only " + reachableManagers() + " of " + state.managers()
                        + " managers reachable and no ready worker left to promote");
            }
            Node n = next.get();
            SpecUpdates.updateNode(gateway, n.id(), SpecUpdates.role("manager"), say);
            Waits.until(n.hostname() + " to be a reachable manager", timeout, say, () -> {
                Node x = gateway.node(n.id());
                return x.manager() != null && x.manager().reachable();
            });
            say.accept("promoted " + n.hostname());
        }
    }

    // ---- workload ------------------------------------------------------------------------------

    private boolean noRunningTasks() {
        return gateway.tasks(Map.of()).stream().noneMatch(Task::isRunning);
    }

    void removeServices() {
        for (Service s : gateway.services(Map.of())) {
            try {
                gateway.removeService(s.id());
                say.accept("removed service " + s.name() + (s.stack().isEmpty() ? "" : " (stack " + s.stack() + ")"));
            } catch (SwarmOpsException e) {
                if (e.kind() != Kind.NOT_FOUND) {
                    throw e;
                }
            }
        }
        Waits.until("the services to be gone and their tasks stopped", timeout, say,
                () -> gateway.services(Map.of()).isEmpty() && noRunningTasks());
    }

    private WorkloadBackup registryWave(RunbookStep step) {
        return state.workload().withServices(s -> step.stacks().contains(RebootRunbook.stackOf(s)));
    }

    /**
     * Networks, configs, secrets and node labels as saved, then the services (what exists by name is
     * left as it is). Refused first, naming them, when a service needs a secret the swarm no longer
     * has and whose data was not given: its data cannot come from the state file.
     */
    private void restore(WorkloadBackup wave) {
        WorkloadRestore restore = new WorkloadRestore(gateway, say);
        WorkloadRestore.Plan plan = restore.plan(wave, secretData);
        Set<String> needed = new TreeSet<>();
        for (JsonNode s : wave.services()) {
            s.at("/TaskTemplate/ContainerSpec/Secrets").forEach(r -> {
                if (plan.missingSecrets().contains(r.path("SecretName").asText())) {
                    needed.add(r.path("SecretName").asText());
                }
            });
        }
        if (!needed.isEmpty()) {
            throw new SwarmOpsException(Kind.FAILED, "the swarm no longer has the secret(s) " + String.join(", ", needed)
                    + " and a state file holds no secret data: give each again with --secret NAME=FILE and run the reboot again");
        }
        restore.apply(wave, secretData, s -> false, () -> { });
    }

    private void awaitConverged(WorkloadBackup wave) {
        Waits.until(wave.services().size() + " service(s) to run as saved", timeout, say, () -> converged(wave));
    }

    /** Every service of the wave exists and runs as many tasks as it wants (global: one on each node it placed one). */
    private boolean converged(WorkloadBackup wave) {
        Set<String> names = new TreeSet<>();
        wave.services().forEach(s -> names.add(s.path("Name").asText()));
        List<Service> services = gateway.services(Map.of()).stream().filter(s -> names.contains(s.name())).toList();
        if (services.size() != names.size()) {
            return false;
        }
        return services.stream().allMatch(this::runs);
    }

    private boolean runs(Service s) {
        if (s.mode().endsWith("job")) {
            return true; // a job runs to completion: created is all a reboot can wait for
        }
        List<Task> tasks = gateway.tasks(Map.of("service", List.of(s.id()), "desired-state", List.of("running")));
        long running = tasks.stream().filter(Task::isRunning).count();
        return s.isReplicated() ? running >= s.replicas() : running > 0 && running == tasks.size();
    }
}
