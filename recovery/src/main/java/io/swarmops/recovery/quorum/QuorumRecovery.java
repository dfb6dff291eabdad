package io.swarmops.recovery.quorum;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.SpecUpdates;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.SwarmOpsException.Kind;
import io.swarmops.ops.Waits;
import io.swarmops.ops.model.EngineInfo;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.SwarmInfo;
import io.swarmops.ops.model.SwarmObject;
import io.swarmops.ops.model.Task;
import io.swarmops.recovery.backup.WorkloadBackup;
import io.swarmops.recovery.backup.WorkloadRestore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Carries out a {@link RecoveryPlan} on the surviving manager, step by step, each step first
 * checking whether it is already done and afterwards checking its effect rather than assuming it
 * (force-new-cluster can itself time out, docker/for-linux#79, or advertise another address than
 * asked, docker/for-linux#523).
 */
public final class QuorumRecovery {
    /** What the recovery ended with; {@code problems} empty when everything asked for was done. */
    public record Result(int reachableManagers, int targetManagers, List<String> problems) {
        public boolean complete() {
            return problems.isEmpty();
        }
    }

    private static final Duration POLL = Duration.ofSeconds(1);

    private final SwarmGateway gateway;
    private final Supplier<List<ManagerView>> peers;
    private final Duration timeout;
    private final boolean detach;
    private final WorkloadBackup expected;
    private final Consumer<String> say;
    private final Clock clock;
    private final Waits.Sleeper sleeper;
    private final List<String> problems = new ArrayList<>();

    /**
     * @param peers     asks the other managers again (right before forcing: minutes may pass at the prompt)
     * @param detach    do not wait for replicas, returning nodes or promotions to take effect
     * @param expected  a backup to compare the kept workload with, or null
     */
    public QuorumRecovery(SwarmGateway gateway, Supplier<List<ManagerView>> peers, Duration timeout, boolean detach,
            WorkloadBackup expected, Consumer<String> say, Clock clock, Waits.Sleeper sleeper) {
        this.gateway = gateway;
        this.peers = peers;
        this.timeout = timeout;
        this.detach = detach;
        this.expected = expected;
        this.say = say;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public Result run(RecoveryPlan plan) {
        int i = 1;
        for (RecoveryPlan.Step step : plan.steps()) {
            say.accept("step " + i++ + "/" + plan.steps().size() + ": " + step.description());
            switch (step.kind()) {
                case FORCE_NEW_CLUSTER -> forceNewCluster(plan);
                case VERIFY_WORKLOAD -> verifyWorkload();
                case REMOVE_STALE_MANAGERS -> removeStale(plan.formerManagers());
                case RESTORE_MANAGERS -> restoreManagers(plan);
            }
        }
        return new Result(reachableMembers(gateway.nodes()), plan.targetManagers(), List.copyOf(problems));
    }

    // ---- force-new-cluster ---------------------------------------------------------------------

    void forceNewCluster(RecoveryPlan plan) {
        if (quorumHeld()) {
            say.accept("already done: a leader answers and the quorum is held");
            return;
        }
        for (ManagerView o : peers.get()) {
            if (o.seesLeader()) {
                throw new SwarmOpsException(Kind.CONFLICT, "refusing to force a new cluster: " + o.host()
                        + " now sees a leader; nothing was changed");
            }
        }
        ObjectNode init = Json.object();
        init.put("ListenAddr", plan.listenAddr());
        init.put("AdvertiseAddr", plan.advertiseAddr());
        init.put("ForceNewCluster", true);
        init.putObject("Spec");
        Instant started = clock.instant();
        for (int attempt = 1; ; attempt++) {
            try {
                gateway.swarmInit(init);
                break;
            } catch (SwarmOpsException e) {
                if (e.getMessage().contains("locked")) {
                    // seen on dockerd 20.10: the refused force also takes this daemon out of the swarm until it restarts
                    throw new SwarmOpsException(Kind.FAILED, "the swarm is autolocked, and dockerd refuses --force-new-cluster on an"
                            + " autolocked swarm (moby/moby#36852); it has left this daemon out of the swarm until the daemon restarts."
                            + " Restart it, unlock it ('docker swarm unlock'), and bring back enough of the other managers (each unlocked)"
                            + " for a majority: an autolocked swarm cannot be forced into a new cluster");
                }
                // a timed-out init may still have worked: look before trying again
                if (quorumHeld()) {
                    say.accept("force-new-cluster reported '" + e.getMessage() + "' but took effect");
                    break;
                }
                if (attempt == 3 || !(e.getMessage().contains("deadline exceeded") || e.kind() == Kind.UNREACHABLE)) {
                    throw e;
                }
                say.accept("force-new-cluster failed (" + e.getMessage() + "), attempt " + attempt + " of 3; trying again");
                sleeper.sleep(POLL);
            }
        }
        Waits.until("this node to lead the new cluster", timeout, say, this::selfLeads);
        List<Node> nodes = gateway.nodes();
        Node leader = nodes.stream().filter(Node::isLeader).findFirst().orElseThrow();
        say.accept("done: " + leader.hostname() + " leads, " + reachableMembers(nodes) + " manager(s) in Raft ("
                + Duration.between(started, clock.instant()).toMillis() + " ms)");
        if (!RaftMember.hostOf(leader.manager().addr()).equals(RaftMember.hostOf(plan.advertiseAddr()))) {
            problems.add("the new cluster advertises " + leader.manager().addr() + ", not " + plan.advertiseAddr()
                    + " (docker/for-linux#523): nodes joining later are told that address");
            say.accept("warning: " + problems.get(problems.size() - 1));
        }
        record(new RecoveryRecord(plan.targetManagers(), plan.formerManagers()));
    }

    private boolean quorumHeld() {
        ManagerView now = QuorumProbe.ask("local", gateway);
        return now.seesLeader() && QuorumStatus.fromNodeList(now.nodes(), 0, List.of(), List.of()).verdict() != QuorumStatus.Verdict.LOST;
    }

    private boolean selfLeads() {
        EngineInfo info = gateway.info();
        return gateway.nodes().stream().anyMatch(n -> n.isLeader() && n.id().equals(info.nodeId()));
    }

    /** Remembers the target and the former managers in the swarm's labels, for the next run. */
    void record(RecoveryRecord record) {
        if (RecoveryRecord.of(gateway.swarm()).filter(record::equals).isPresent()) {
            return;
        }
        if (SpecUpdates.updateSwarm(gateway, record::writeInto, false, false, say)) {
            say.accept("recorded in the swarm's labels: " + record.managers() + " managers to restore, former managers "
                    + record.formerManagers());
        }
    }

    // ---- the workload ----------------------------------------------------------------------------

    void verifyWorkload() {
        List<Service> services = gateway.services(Map.of());
        List<SwarmObject> networks = gateway.networks(Map.of("scope", List.of("swarm")));
        List<SwarmObject> configs = gateway.configs(Map.of());
        List<SwarmObject> secrets = gateway.secrets(Map.of());
        say.accept("kept: " + services.size() + " services, " + networks.size() + " swarm networks, " + configs.size() + " configs, "
                + secrets.size() + " secrets");
        if (expected != null) {
            compare("service", expected.services(), services.stream().map(Service::name).toList());
            compare("network", expected.networks(), networks.stream().map(SwarmObject::name).toList());
            compare("config", expected.configs(), configs.stream().map(SwarmObject::name).toList());
            compare("secret", expected.secrets(), secrets.stream().map(SwarmObject::name).toList());
            Map<String, JsonNode> saved = expected.services().stream()
                    .collect(Collectors.toMap(s -> s.path("Name").asText(), s -> s, (a, b) -> a));
            List<String> changed = services.stream().filter(s -> saved.containsKey(s.name())
                    && !saved.get(s.name()).equals(WorkloadRestore.portableSpec(gateway, s))).map(Service::name).toList();
            if (!changed.isEmpty()) {
                say.accept("note: specs differ from the backup (changed since it was taken?): " + String.join(", ", changed));
            }
        }
        Waits.Result replicas = Waits.backoff(POLL, POLL).on(clock, sleeper).poll(detach ? Duration.ZERO : timeout, () -> {
            List<String> below = belowReplicas(services);
            return below.isEmpty() ? Waits.Result.done() : Waits.Result.pending(String.join(", ", below));
        }, below -> { });
        if (replicas.isDone()) {
            say.accept("done: every replicated service runs its replicas on ready nodes");
        } else {
            problems.add("services below their replicas: " + replicas.detail());
            say.accept("warning: " + problems.get(problems.size() - 1));
        }
    }

    private void compare(String kind, List<JsonNode> saved, List<String> present) {
        List<String> missing = saved.stream().map(o -> o.path("Name").asText()).filter(n -> !present.contains(n)).toList();
        if (!missing.isEmpty()) {
            problems.add(kind + "s in the backup but not in the swarm: " + String.join(", ", missing)
                    + " ('swarmops restore' re-creates them)");
            say.accept("warning: " + problems.get(problems.size() - 1));
        }
    }

    /** Replicated services with fewer running tasks on ready nodes than replicas: tasks on dead nodes still say running. */
    private List<String> belowReplicas(List<Service> services) {
        Set<String> ready = gateway.nodes().stream().filter(Node::isReady).map(Node::id).collect(Collectors.toSet());
        List<String> below = new ArrayList<>();
        for (Service s : services) {
            if (!s.isReplicated()) {
                continue;
            }
            long running = gateway.tasks(Map.of("service", List.of(s.id()), "desired-state", List.of("running"))).stream()
                    .filter(t -> t.isRunning() && ready.contains(t.nodeId())).count();
            if (running < s.replicas()) {
                below.add(s.name() + " " + running + "/" + s.replicas());
            }
        }
        return below;
    }

    // ---- stale entries ---------------------------------------------------------------------------

    void removeStale(List<String> formers) {
        List<Node> stale = RecoveryPlan.staleEntries(gateway.nodes(), formers);
        if (stale.isEmpty()) {
            say.accept("already done: no former manager is listed down");
            return;
        }
        for (Node n : stale) {
            if (n.isManager()) {
                // the Engine removes no node with the manager role, even one outside Raft
                SpecUpdates.updateNode(gateway, n.id(), SpecUpdates.role("worker"), say);
            }
            gateway.removeNode(n.id(), true);
            say.accept("removed the entry of former manager " + n.hostname() + " (" + n.state() + ")");
        }
        Set<String> left = gateway.nodes().stream().map(Node::id).collect(Collectors.toSet());
        stale.stream().filter(n -> left.contains(n.id()))
                .forEach(n -> problems.add("the entry of " + n.hostname() + " is still listed after its removal"));
    }

    // ---- the managers ----------------------------------------------------------------------------

    /**
     * Until {@code target} managers are reachable: former managers that still have the manager role
     * rejoin Raft by themselves when they return, so they are waited for (up to the timeout); ready
     * workers are promoted (former managers first) for the places nobody is expected back for. An
     * even count is never aimed at short of the target (it adds no tolerance); a down manager
     * replaced by a promotion is demoted, so that it returns as a worker instead of making the count
     * even. Past the timeout the down managers are given up and workers promoted in their place.
     */
    void restoreManagers(RecoveryPlan plan) {
        int target = plan.targetManagers();
        if (!plan.forcesNewCluster()) {
            record(new RecoveryRecord(target, plan.formerManagers()));
        }
        Instant deadline = clock.instant().plus(timeout);
        boolean givenUp = false;
        Set<String> promoted = new HashSet<>();
        while (true) {
            List<Node> nodes = gateway.nodes();
            int reachable = reachableMembers(nodes);
            if (reachable >= target) {
                say.accept("done: " + reachable + " managers reachable");
                return;
            }
            List<Node> joining = nodes.stream().filter(n -> n.isManager() && n.isReady() && !reachableMember(n)).toList();
            List<Node> down = nodes.stream().filter(n -> n.isManager() && !n.isReady() && !reachableMember(n)).toList();
            List<Node> candidates = nodes.stream().filter(n -> !n.isManager() && n.isReady() && !promoted.contains(n.id()))
                    .sorted(Comparator.comparing((Node n) -> !RecoveryPlan.isFormer(n, plan.formerManagers()))
                            .thenComparing((Node n) -> !n.isActive()).thenComparing(Node::hostname))
                    .toList();
            boolean past = detach || clock.instant().isAfter(deadline);
            // places nobody is expected back for; the count promotions aim at must be odd (or the
            // target) without the down managers, who may never return
            int sure = reachable + joining.size();
            int expectedBack = sure + (givenUp || past ? 0 : down.size());
            int promote = Math.min(Math.max(0, target - expectedBack), candidates.size());
            if (promote > 0 && sure + promote < target && (sure + promote) % 2 == 0) {
                promote--;
            }
            if (past && !givenUp) {
                givenUp = true;
                // managers still down take places a promotion fills now: they must return as workers
                for (Node d : down.subList(0, Math.min(promote, down.size()))) {
                    SpecUpdates.updateNode(gateway, d.id(), SpecUpdates.role("worker"), say);
                    say.accept("demoted " + d.hostname() + " (" + d.state() + "): a ready node takes its place; it returns as a worker");
                }
                if (promote > 0 || !joining.isEmpty()) {
                    deadline = clock.instant().plus(timeout);
                }
            }
            for (Node c : candidates.subList(0, promote)) {
                SpecUpdates.updateNode(gateway, c.id(), SpecUpdates.role("manager"), say);
                promoted.add(c.id());
                say.accept("promoted " + c.hostname() + (RecoveryPlan.isFormer(c, plan.formerManagers()) ? " (a former manager)" : ""));
            }
            boolean waiting = promote > 0 || !joining.isEmpty() || (!givenUp && !down.isEmpty());
            if (detach && reachable + joining.size() + promote >= target) {
                say.accept("not waiting for the new managers to join Raft (--detach)");
                return;
            }
            if (detach || !waiting || givenUp && clock.instant().isAfter(deadline)) {
                String awaited = down.isEmpty() ? "" : "; down: " + down.stream().map(Node::hostname).sorted().collect(Collectors.joining(", "));
                problems.add(reachable + " of " + target + " managers reachable" + awaited
                        + (candidates.size() > promote ? "; no promotion that keeps the count odd" : "")
                        + ": run 'swarmops quorum recover' again when nodes return");
                say.accept("warning: " + problems.get(problems.size() - 1));
                return;
            }
            sleeper.sleep(POLL);
        }
    }

    private static boolean reachableMember(Node n) {
        return n.manager() != null && (n.manager().reachable() || n.isLeader());
    }

    static int reachableMembers(List<Node> nodes) {
        return (int) nodes.stream().filter(QuorumRecovery::reachableMember).count();
    }

    /** Opens nothing itself: {@code open} gives a gateway per peer host. */
    public static Supplier<List<ManagerView>> peers(List<String> hosts, Function<String, SwarmGateway> open) {
        return () -> QuorumProbe.askAll(hosts, open);
    }
}
