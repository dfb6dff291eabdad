package io.swarmops.recovery.quorum;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.SpecUpdates;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.SwarmOpsException.Kind;
import io.swarmops.ops.Waits;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Carries out a {@link RecoveryPlan} on the surviving manager, checking the effect of every step
 * rather than assuming it (force-new-cluster itself can time out; docker/for-linux#79).
 */
public final class QuorumRecovery {
    private final SwarmGateway gateway;
    private final Duration timeout;
    private final Consumer<String> say;

    public QuorumRecovery(SwarmGateway gateway, Duration timeout, Consumer<String> say) {
        this.gateway = gateway;
        this.timeout = timeout;
        this.say = say;
    }

    /** Runs the plan; returns the managers reachable at the end. */
    public int run(RecoveryPlan plan) {
        for (RecoveryPlan.Step step : plan.steps()) {
            say.accept("step: " + step.description());
            switch (step.kind()) {
                case FORCE_NEW_CLUSTER -> forceNewCluster(plan.advertiseAddr());
                case VERIFY_WORKLOAD -> verifyWorkload();
                case REMOVE_STALE_MANAGERS -> removeStale(plan.formerManagerAddrs());
                case PROMOTE -> promote(plan.targetManagers(), plan.formerManagerAddrs());
            }
        }
        return reachableManagers(gateway.nodes());
    }

    void forceNewCluster(String advertiseAddr) {
        ObjectNode init = Json.object();
        init.put("ListenAddr", "0.0.0.0:2377");
        init.put("AdvertiseAddr", advertiseAddr);
        init.put("ForceNewCluster", true);
        init.putObject("Spec");
        for (int attempt = 1; ; attempt++) {
            try {
                gateway.swarmInit(init);
                break;
            } catch (SwarmOpsException e) {
                if (e.getMessage().contains("locked")) {
                    throw new SwarmOpsException(Kind.FAILED, "the swarm is autolocked: unlock this manager first "
                            + "('docker swarm unlock' with the unlock key), then run quorum recover again");
                }
                if (attempt == 3 || !e.getMessage().contains("deadline exceeded")) {
                    throw e;
                }
                say.accept("force-new-cluster timed out (attempt " + attempt + "), trying again");
            }
        }
        Waits.until("a leader after force-new-cluster", timeout, say, () -> !gateway.nodes().isEmpty());
        say.accept("a leader answers: " + gateway.nodes().stream().filter(Node::isLeader).map(Node::hostname).findFirst().orElse("?"));
    }

    void verifyWorkload() {
        List<Service> services = gateway.services(Map.of());
        int networks = gateway.networks(Map.of("scope", List.of("swarm"))).size();
        int configs = gateway.configs(Map.of()).size();
        int secrets = gateway.secrets(Map.of()).size();
        say.accept("kept: " + services.size() + " services, " + networks + " swarm networks, " + configs + " configs, "
                + secrets + " secrets");
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<String> short_ = services.stream().filter(Service::isReplicated)
                    .filter(s -> running(s.id()) < s.replicas())
                    .map(s -> s.name() + " " + running(s.id()) + "/" + s.replicas()).toList();
            if (short_.isEmpty()) {
                say.accept("every replicated service runs its replicas");
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                say.accept("not converged yet (nodes may still be down): " + String.join(", ", short_));
                return;
            }
            pause(1000);
        }
    }

    void removeStale(List<String> formerAddrs) {
        for (Node n : gateway.nodes()) {
            if (!n.isManager() && !n.isReady() && isFormer(n, formerAddrs)) {
                say.accept("removing stale entry of former manager " + n.hostname() + " (" + n.state() + ")");
                gateway.removeNode(n.id(), true);
            }
        }
    }

    /**
     * Promotes ready workers, former managers first, one at a time, each until Raft reaches it. A node
     * listed as a manager that Raft cannot reach while its daemon is up (one that came back from
     * before the new cluster) is demoted first, then promoted like the others.
     */
    void promote(int target, List<String> formerAddrs) {
        Instant deadline = Instant.now().plus(timeout);
        String waitingFor = null;
        while (true) {
            List<Node> nodes = gateway.nodes();
            int reachable = reachableManagers(nodes);
            if (reachable >= target) {
                say.accept(reachable + " managers reachable");
                return;
            }
            String awaited = waitingFor;
            Optional<Node> promoting = awaited == null ? Optional.empty()
                    : nodes.stream().filter(n -> n.id().equals(awaited)).findFirst();
            boolean busy = promoting.isPresent() && promoting.get().isManager()
                    && (promoting.get().manager() == null || !promoting.get().manager().reachable());
            if (!busy) {
                Optional<Node> outOfRaft = nodes.stream().filter(n -> n.isManager() && n.isReady() && !n.isLeader()
                        && n.manager() != null && !n.manager().reachable()).findFirst();
                if (outOfRaft.isPresent()) {
                    say.accept("demoting " + outOfRaft.get().hostname() + ": listed as a manager that Raft cannot reach");
                    SpecUpdates.updateNode(gateway, outOfRaft.get().id(), SpecUpdates.role("worker"));
                    pause(1000);
                    continue;
                }
                Optional<Node> next = nodes.stream().filter(n -> !n.isManager() && n.isReady())
                        .min(Comparator.comparing((Node n) -> !isFormer(n, formerAddrs)).thenComparing(Node::hostname));
                if (next.isPresent()) {
                    say.accept("promoting " + next.get().hostname() + (isFormer(next.get(), formerAddrs) ? " (a former manager)" : ""));
                    SpecUpdates.updateNode(gateway, next.get().id(), SpecUpdates.role("manager"));
                    waitingFor = next.get().id();
                    continue;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new SwarmOpsException(Kind.TIMEOUT, reachable + " of " + target + " managers reachable and no ready node left "
                        + "to promote; run quorum recover again when nodes return");
            }
            pause(1000);
        }
    }

    static int reachableManagers(List<Node> nodes) {
        return (int) nodes.stream().filter(n -> n.isManager() && n.manager() != null && n.manager().reachable()).count();
    }

    private static boolean isFormer(Node n, List<String> formerAddrs) {
        return formerAddrs.stream().anyMatch(a -> a.startsWith(n.addr() + ":"));
    }

    private long running(String serviceId) {
        return gateway.tasks(Map.of("service", List.of(serviceId), "desired-state", List.of("running"))).stream()
                .filter(Task::isRunning).count();
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SwarmOpsException(Kind.FAILED, "interrupted");
        }
    }
}
