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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The DCCN runbook (seed 001, sections 4.5 and 4.5.1) as two runbooks of idempotent steps.
 * Shutdown: save the state, demote the other managers, remove the services, power off the workers,
 * then the manager. Reboot: power on that manager first, then the others, promote back to the saved
 * manager count, bring the registry stacks back first and wait until the registry answers, then
 * everything else. Networks, configs and secrets stay in the swarm across the shutdown (their data,
 * secrets' above all, cannot be read back), so the reboot re-creates services only.
 */
public final class EmergencyProcedures {
    public static final String SHUTDOWN = "shutdown";
    public static final String REBOOT = "reboot";

    private final SwarmGateway gateway;
    private final PowerControl power;
    private final PowerConfig config;
    private final Duration timeout;
    private final Consumer<String> say;

    public EmergencyProcedures(SwarmGateway gateway, PowerControl power, PowerConfig config, Duration timeout, Consumer<String> say) {
        this.gateway = gateway;
        this.power = power;
        this.config = config;
        this.timeout = timeout;
        this.say = say;
    }

    /** The state a shutdown saves: read from the live cluster, keeping {@code keep} (or the node we talk to). */
    public EmergencyState capture(String keep) {
        String self = gateway.info().nodeId();
        List<Node> nodes = gateway.nodes();
        Node kept = keep == null ? gateway.node(self) : gateway.node(keep);
        if (!kept.id().equals(self)) {
            throw SwarmOpsException.invalid("the manager that stays must be the one swarmops talks to: connect to "
                    + kept.hostname() + " with -H, or keep " + gateway.node(self).hostname());
        }
        if (!kept.isManager()) {
            throw SwarmOpsException.invalid(kept.hostname() + " is not a manager");
        }
        List<SavedNode> order = new ArrayList<>();
        for (Node n : nodes) {
            if (!n.id().equals(kept.id())) {
                order.add(saved(n));
            }
        }
        order.add(saved(kept)); // the kept manager goes last
        int managers = (int) nodes.stream().filter(Node::isManager).count();
        return new EmergencyState(WorkloadBackup.capture(gateway), saved(kept), order, managers);
    }

    private static SavedNode saved(Node n) {
        return new SavedNode(n.id(), n.hostname(), n.addr(), n.role());
    }

    public Runbook shutdown(EmergencyState state, Path stateFile, boolean stateSaved) {
        List<Runbook.Step> steps = new ArrayList<>();
        steps.add(new Runbook.Step("save-state", "save services, networks, configs, node roles and labels to " + stateFile,
                () -> stateSaved, () -> state.write(stateFile)));
        for (SavedNode n : state.nodes()) {
            if (n.manager() && !n.id().equals(state.keptManager().id())) {
                steps.add(new Runbook.Step("demote-" + n.hostname(), "demote manager " + n.hostname(),
                        () -> !gateway.node(n.id()).isManager(),
                        () -> SpecUpdates.updateNode(gateway, n.id(), SpecUpdates.role("worker"))));
            }
        }
        steps.add(new Runbook.Step("remove-services", "remove all " + state.workload().services().size()
                + " services (stacks included) and wait until their tasks are stopped",
                () -> gateway.services(Map.of()).isEmpty() && noRunningTasks(), this::removeServices));
        List<SavedNode> workers = state.nodes().stream().filter(n -> !n.id().equals(state.keptManager().id())).toList();
        if (!workers.isEmpty()) {
            steps.add(new Runbook.Step("power-off-workers", "power off " + workers.stream().map(SavedNode::hostname).toList()
                    + " and wait until the manager sees them down", () -> allDown(workers), () -> powerOffAll(workers)));
        }
        SavedNode kept = state.keptManager();
        steps.add(new Runbook.Step("power-off-" + kept.hostname(), "power off the manager " + kept.hostname() + " (last)",
                () -> false, () -> power.off(kept)));
        return new Runbook(SHUTDOWN, steps);
    }

    public Runbook reboot(EmergencyState state) {
        SavedNode kept = state.keptManager();
        List<SavedNode> others = state.nodes().stream().filter(n -> !n.id().equals(kept.id())).toList();
        List<String> registry = config.registryStacks();
        List<Runbook.Step> steps = new ArrayList<>();
        steps.add(new Runbook.Step("power-on-" + kept.hostname(), "power on the manager " + kept.hostname()
                + " (the last one shut down) and wait until it leads", this::leads, () -> {
                    power.on(kept);
                    Waits.until(kept.hostname() + " to lead the swarm", timeout, say, this::leads);
                }));
        if (!others.isEmpty()) {
            steps.add(new Runbook.Step("power-on-others", "power on " + others.stream().map(SavedNode::hostname).toList()
                    + " and wait until they are ready", () -> allReady(others), () -> {
                        parallel(others, power::on);
                        Waits.until("every node to be ready", timeout, say, () -> allReady(others));
                    }));
        }
        steps.add(new Runbook.Step("promote", "promote nodes until " + state.managers() + " managers are reachable",
                () -> reachableManagers() >= state.managers(), () -> promote(state)));
        if (!registry.isEmpty()) {
            WorkloadBackup registryOnly = state.workload().withServices(s -> registry.contains(stackOf(s)));
            steps.add(new Runbook.Step("deploy-registry", "deploy the registry stack(s) " + registry
                    + " first and wait until the registry answers" + (config.registryProbe() == null ? "" : " at " + config.registryProbe()),
                    () -> false, () -> {
                        new WorkloadRestore(gateway, say).apply(registryOnly, Map.of(), s -> true, () -> { });
                        awaitServices(registryOnly);
                        awaitProbe();
                    }));
        }
        steps.add(new Runbook.Step("deploy-rest", "re-create every other stack and service as saved and wait for convergence",
                () -> false, () -> {
                    new WorkloadRestore(gateway, say).apply(state.workload(), Map.of(), s -> false, () -> { });
                    awaitServices(state.workload());
                }));
        return new Runbook(REBOOT, steps);
    }

    static String stackOf(JsonNode serviceSpec) {
        return serviceSpec.path("Labels").path(Service.STACK_NAMESPACE_LABEL).asText("");
    }

    private boolean leads() {
        return gateway.nodes().stream().anyMatch(Node::isLeader);
    }

    private boolean noRunningTasks() {
        return gateway.tasks(Map.of()).stream().noneMatch(Task::isRunning);
    }

    private void removeServices() {
        for (Service s : gateway.services(Map.of())) {
            try {
                gateway.removeService(s.id());
                say.accept("removed service " + s.name());
            } catch (SwarmOpsException e) {
                if (e.kind() != Kind.NOT_FOUND) {
                    throw e;
                }
            }
        }
        Waits.until("services to be gone and their tasks stopped", timeout, say,
                () -> gateway.services(Map.of()).isEmpty() && noRunningTasks());
    }

    private boolean allDown(List<SavedNode> nodes) {
        List<Node> seen = gateway.nodes();
        return nodes.stream().allMatch(n -> seen.stream().filter(x -> x.id().equals(n.id())).findFirst()
                .map(x -> x.state().equals("down")).orElse(true));
    }

    private boolean allReady(List<SavedNode> nodes) {
        List<Node> seen = gateway.nodes();
        return nodes.stream().allMatch(n -> seen.stream().anyMatch(x -> x.hostname().equals(n.hostname()) && x.isReady()));
    }

    private void powerOffAll(List<SavedNode> nodes) {
        parallel(nodes, power::off);
        Waits.until("the manager to see " + nodes.size() + " node(s) down", timeout, say, () -> allDown(nodes));
    }

    private int reachableManagers() {
        return (int) gateway.nodes().stream().filter(n -> n.isManager() && n.manager() != null && n.manager().reachable()).count();
    }

    private void promote(EmergencyState state) {
        List<String> formers = state.nodes().stream().filter(SavedNode::manager).map(SavedNode::hostname).toList();
        while (reachableManagers() < state.managers()) {
            List<Node> nodes = gateway.nodes();
            Optional<Node> next = nodes.stream().filter(n -> !n.isManager() && n.isReady())
                    .sorted(java.util.Comparator.comparing((Node n) -> !formers.contains(n.hostname())).thenComparing(Node::hostname))
                    .findFirst();
            if (next.isEmpty()) {
                throw new SwarmOpsException(Kind.FAILED, "only " + reachableManagers() + " of " + state.managers()
                        + " managers and no ready worker to promote");
            }
            say.accept("promoting " + next.get().hostname());
            SpecUpdates.updateNode(gateway, next.get().id(), SpecUpdates.role("manager"));
            String id = next.get().id();
            Waits.until(next.get().hostname() + " to be a reachable manager", timeout, say, () -> {
                Node n = gateway.node(id);
                return n.manager() != null && n.manager().reachable();
            });
        }
    }

    private void awaitServices(WorkloadBackup backup) {
        List<String> names = backup.services().stream().map(s -> s.path("Name").asText()).toList();
        Waits.until(names.size() + " service(s) to converge", timeout, say, () -> {
            List<Service> services = gateway.services(Map.of()).stream().filter(s -> names.contains(s.name())).toList();
            return services.size() == names.size() && converged(services);
        });
    }

    private void awaitProbe() {
        if (config.registryProbe() == null) {
            return;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.registryProbe())).timeout(Duration.ofSeconds(5)).GET().build();
        Waits.until("the registry to answer at " + config.registryProbe(), timeout, say, () -> {
            try {
                // any answer short of a server error means the registry is up (401 is an htpasswd-protected one)
                return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() < 500;
            } catch (java.io.IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        say.accept("the registry answers at " + config.registryProbe());
    }

    /** Every given service runs as many tasks as it wants (global: one per node it runs on). */
    private boolean converged(List<Service> services) {
        for (Service s : services) {
            List<Task> tasks = gateway.tasks(Map.of("service", List.of(s.id()), "desired-state", List.of("running")));
            long running = tasks.stream().filter(Task::isRunning).count();
            long want = s.isReplicated() ? s.replicas() : tasks.size();
            if (running < want || (s.isGlobal() && running == 0)) {
                return false;
            }
        }
        return true;
    }

    private static void parallel(List<SavedNode> nodes, Consumer<SavedNode> action) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, nodes.size()));
        try {
            List<Future<?>> futures = new ArrayList<>();
            nodes.forEach(n -> futures.add(pool.submit(() -> action.accept(n))));
            List<String> failures = new ArrayList<>();
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    failures.add(e.getCause().getMessage());
                }
            }
            if (!failures.isEmpty()) {
                throw new SwarmOpsException(Kind.FAILED, String.join("; ", failures));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SwarmOpsException(Kind.FAILED, "interrupted");
        } finally {
            pool.shutdownNow();
        }
    }
}
