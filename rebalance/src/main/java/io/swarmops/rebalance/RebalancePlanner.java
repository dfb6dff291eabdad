package io.swarmops.rebalance;

import com.fasterxml.jackson.databind.JsonNode;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.ClusterSnapshot;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans the fewest moves that bring the spread of load per eligible node (ready and active) under
 * the threshold. Pure: a snapshot in, a plan out. Greedy: each step takes the move that lowers the
 * spread most, among tasks on the most loaded nodes and targets among the least loaded, as long as
 * the move is one Swarm would make and allow:
 * <ul>
 *   <li>the service is replicated (not global, not a job), not opted out, and within --services/--exclude;</li>
 *   <li>the target satisfies the service's placement constraints and its max replicas per node, and has
 *       room for its reservations;</li>
 *   <li>Swarm's own rules realise it: the source has at least two more tasks of the service than the
 *       target (a scale-up places on the node with fewest tasks of the service, a scale-down removes
 *       from the node with most), or the source holds the service's only task of the two (a changed
 *       placement replaces only the tasks that no longer satisfy it);</li>
 *   <li>the per-run and per-node move limits hold.</li>
 * </ul>
 * Where no such move helps, a forced rolling update of one service may (the policy allows it by
 * default): every task of the service is replaced, one at a time, stop-first, and Swarm places each
 * replacement on the node with fewest tasks of the service, then fewest tasks — predicted here
 * replacement by replacement. Swarm breaks ties at random, so the executor re-plans after every move.
 * Each kind of step proposes its candidates in a class of its own ({@link MoveKind}: one-task moves,
 * tied groups, forced updates); this class picks, applies and records them, greedy and lookahead alike.
 */
public final class RebalancePlanner {
    private static final int CANDIDATES = 8;
    /** The lookahead runs on clusters up to this size (the search is exponential; greedy alone beyond). */
    static final int SEARCH_NODES = 12;
    static final int SEARCH_SERVICES = 40;
    /** States the lookahead may visit in one plan. */
    static final int SEARCH_BUDGET = 20_000;

    private RebalancePlanner() {
    }

    public static RebalancePlan plan(ClusterSnapshot snapshot, RebalancePolicy policy) {
        return plan(snapshot, policy, LoadMeasure.of(policy.by()));
    }

    /** The plan with each task weighed by {@code measure} (its measured use, say) instead of the policy's {@code by}. */
    public static RebalancePlan plan(ClusterSnapshot snapshot, RebalancePolicy policy, LoadMeasure measure) {
        return plan(snapshot, policy, measure, Map.of());
    }

    /**
     * The plan for what is left of a run: {@code movedPerNode} holds the moves into or out of each node
     * (by id) the run made already, which count against the policy's per-node limit.
     */
    public static RebalancePlan plan(ClusterSnapshot snapshot, RebalancePolicy policy, LoadMeasure measure, Map<String, Integer> movedPerNode) {
        State greedy = new State(snapshot, policy, measure, movedPerNode);
        RebalancePlan plan = greedy.plan();
        if (plan.moves().isEmpty() || greedy.nodes.size() > SEARCH_NODES || greedy.services.size() > SEARCH_SERVICES) {
            return plan;
        }
        // a greedy step may make the next ones impossible (then a forced update restarts a whole service):
        // look for a cheaper sequence from the start. First a weighted search, which reaches a cheaper
        // plan in fewer states but may miss the cheapest; then the exact one, below what that found
        boolean reached = plan.spreadAfter() <= policy.threshold() + 1e-9;
        int greedyCost = greedy.restarts(plan.moves());
        State fresh = new State(snapshot, policy, measure, movedPerNode);
        if (reached && greedyCost <= fresh.lowerBound()) {
            return plan; // as few restarts as moving single tasks from the fullest to the emptiest node could take
        }
        int bound = reached ? greedyCost - 1 : Integer.MAX_VALUE / 2;
        RebalancePlan better = null;
        for (int weight : new int[] {2, 1}) {
            if (bound < fresh.lowerBound()) {
                break;
            }
            RebalancePlan found = new State(snapshot, policy, measure, movedPerNode).search(bound, plan, weight);
            if (found != null) {
                better = found;
                bound = fresh.restarts(found.moves()) - 1;
            }
        }
        return better != null ? better : plan;
    }

    /**
     * How one task of a service can be moved from one node to another now, for {@code service move}:
     * a scale move when the source holds at least two more tasks of the service than the target and
     * more than any other node, an eviction when it holds one; INVALID, with the
     * reason, when the target cannot take it or Swarm cannot be made to do it predictably.
     */
    public static Move moveOne(ClusterSnapshot snapshot, Service service, Node from, Node to) {
        String name = service.name();
        if (!service.isReplicated()) {
            throw SwarmOpsException.invalid("service " + name + " is " + service.mode() + ": only replicated services can be moved");
        }
        if (service.updateInProgress()) {
            throw SwarmOpsException.invalid("service " + name + " has an update " + service.updateState() + ": move it when that ends");
        }
        if (!ClusterSnapshot.eligible(to)) {
            throw SwarmOpsException.invalid("node " + to.hostname() + " cannot take tasks: it is " + to.state() + ", " + to.availability());
        }
        PlacementFilter filter = PlacementFilter.of(service);
        Refusal placement = filter.placementRefusal(to);
        if (placement != null) {
            throw SwarmOpsException.invalid("node " + placement.message());
        }
        Map<String, NodeUsage> usage = NodeUsage.of(snapshot, service.id());
        Map<String, Integer> count = new HashMap<>();
        Map<String, Node> byId = new HashMap<>();
        snapshot.nodes().forEach(n -> byId.put(n.id(), n));
        String misplacedOn = null;
        for (Task t : snapshot.tasks()) {
            if (t.serviceId().equals(service.id()) && t.isRunning() && t.desiredRunning()) {
                count.merge(t.nodeId(), 1, Integer::sum);
                Node on = byId.get(t.nodeId());
                if (on != null && !PlacementConstraint.all(filter.constraints(), on)) {
                    misplacedOn = on.hostname();
                }
            }
        }
        int onSource = count.getOrDefault(from.id(), 0);
        int onTarget = count.getOrDefault(to.id(), 0);
        if (onSource == 0) {
            throw SwarmOpsException.invalid("service " + name + " has no running task on " + from.hostname());
        }
        Refusal full = filter.usageRefusal(to, usage.getOrDefault(to.id(), new NodeUsage(0, 0, to.nanoCpus(), to.memoryBytes())));
        if (full != null) {
            throw SwarmOpsException.invalid("node " + full.message());
        }
        if (!filter.preferences().isEmpty()) {
            Map<String, Integer> ofService = new HashMap<>();
            usage.forEach((id, u) -> ofService.put(id, u.tasksOfService()));
            Refusal spread = new SpreadGroups(filter.preferences(), snapshot.nodes(), ofService).keeps(from.id(), from.hostname(), to.id(),
                    to.hostname(), name);
            if (spread != null) {
                throw SwarmOpsException.invalid("node " + spread.message());
            }
        }
        // asked for by name, a lone task may also join others of its service on the target
        Move.Method method = onSource == 1 ? Move.Method.EVICT : method(onSource, onTarget);
        if (method == Move.Method.SCALE) {
            for (Map.Entry<String, Integer> e : count.entrySet()) {
                if (!e.getKey().equals(from.id()) && e.getValue() >= onSource) {
                    throw SwarmOpsException.invalid("cannot move predictably: " + byId.get(e.getKey()).hostname() + " holds as many tasks of "
                            + name + " as " + from.hostname() + " (" + onSource + "), and a scale-down takes from either at random");
                }
            }
        } else if (method == Move.Method.EVICT && misplacedOn != null) {
            throw SwarmOpsException.invalid("cannot move predictably: " + name + " has a task on " + misplacedOn
                    + ", which its constraints no longer allow; a placement change would replace it too");
        } else if (method == null) {
            throw SwarmOpsException.invalid("cannot move predictably: " + from.hostname() + " holds " + onSource + " tasks of " + name + " and "
                    + to.hostname() + " " + onTarget + "; Swarm takes a task from a node only when it holds two more than the target,"
                    + " or its only one");
        }
        return new Move(service.id(), name, from.id(), from.hostname(), to.id(), to.hostname(), method, snapshot.spread());
    }

    /**
     * Every first step a plan may take now (a move, a tied group, a forced update), each as its moves:
     * the move kinds the planner searches, for the exhaustive search that checks it.
     */
    static List<List<Move>> steps(ClusterSnapshot snapshot, RebalancePolicy policy) {
        State state = new State(snapshot, policy, LoadMeasure.of(policy.by()), Map.of());
        List<List<Move>> out = new ArrayList<>();
        for (Step st : state.steps(Integer.MAX_VALUE, policy.maxMoves(), policy.forceFallback())) {
            List<Move> moves = new ArrayList<>();
            for (int x = 0; x < st.from().length; x++) {
                Node from = state.nodes.get(st.from()[x]);
                Node to = state.nodes.get(st.to()[x]);
                moves.add(new Move(st.svc().service.id(), st.svc().service.name(), from.id(), from.hostname(), to.id(), to.hostname(),
                        st.method(), 0));
            }
            out.add(moves);
        }
        return out;
    }

    /** The spread the planner measures, for reports. */
    public static double spread(ClusterSnapshot snapshot, RebalancePolicy.Measure by) {
        return spread(snapshot, LoadMeasure.of(by));
    }

    /** The spread with each task weighed by {@code measure}. */
    public static double spread(ClusterSnapshot snapshot, LoadMeasure measure) {
        RebalancePolicy d = RebalancePolicy.defaults();
        return new State(snapshot, new RebalancePolicy(d.threshold(), d.by(), d.services(), d.exclude(), 0, 0, false), measure, Map.of()).spread();
    }

    /** Mutable working state of one planning run, indexed by eligible node. */
    static final class State {
        final RebalancePolicy policy;
        final LoadMeasure measure;
        final List<Node> nodes = new ArrayList<>();
        /** Each eligible node's capacity in the measure's unit. */
        final double[] capacity;
        final double[] load;
        final long[] freeCpu;
        final long[] freeMem;
        /** Moves into or out of each node in the run so far, planned or made: the per-node limit counts them. */
        final int[] moves;
        /** Tasks the scheduler counts on each node (any service, pending to running), for its ranking. */
        final int[] active;
        final List<Svc> services = new ArrayList<>();
        final List<List<Svc>> onNode = new ArrayList<>();
        double sum;
        double sumSq;
        /** The tasks per service per node, hashed (order-free), for the lookahead's visited states. */
        long hash;
        /** Eligible nodes by load, then hostname: the most and least loaded are read off its ends. */
        java.util.TreeSet<Integer> byLoad;

        State(ClusterSnapshot snapshot, RebalancePolicy policy, LoadMeasure measure, Map<String, Integer> movedPerNode) {
            this.policy = policy;
            this.measure = measure;
            Map<String, Integer> index = new HashMap<>();
            for (Node n : snapshot.nodes()) {
                if (ClusterSnapshot.eligible(n)) {
                    index.put(n.id(), nodes.size());
                    nodes.add(n);
                    onNode.add(new ArrayList<>());
                }
            }
            int n = nodes.size();
            load = new double[n];
            freeCpu = new long[n];
            freeMem = new long[n];
            moves = new int[n];
            active = new int[n];
            capacity = new double[n];
            for (int i = 0; i < n; i++) {
                capacity[i] = measure.capacity(nodes.get(i));
                freeCpu[i] = nodes.get(i).nanoCpus();
                freeMem[i] = nodes.get(i).memoryBytes();
                moves[i] = movedPerNode.getOrDefault(nodes.get(i).id(), 0);
            }
            Map<String, Svc> byId = new HashMap<>();
            for (Service s : snapshot.services()) {
                Svc svc = new Svc(s, movable(s, policy), n, services.size());
                byId.put(s.id(), svc);
                services.add(svc);
            }
            Map<String, Node> allNodes = new HashMap<>();
            snapshot.nodes().forEach(node -> allNodes.put(node.id(), node));
            // a service's task weighs the mean of its running tasks: Swarm picks which one a scale-down stops
            Map<String, double[]> weights = new HashMap<>();
            Map<String, Map<String, Integer>> ofServiceAll = new HashMap<>();
            for (Task t : snapshot.tasks()) {
                Svc svc = byId.get(t.serviceId());
                if (svc != null && t.isRunning() && t.desiredRunning()) {
                    double[] w = weights.computeIfAbsent(t.serviceId(), k -> new double[2]);
                    w[0] += measure.weight(t, svc.service);
                    w[1]++;
                }
                if (svc != null && t.countsAsActive() && !svc.filter.preferences().isEmpty()) {
                    ofServiceAll.computeIfAbsent(t.serviceId(), k -> new HashMap<>()).merge(t.nodeId(), 1, Integer::sum);
                }
            }
            for (Svc svc : services) {
                double[] w = weights.get(svc.service.id());
                svc.weight = w == null ? measure.weight(null, svc.service) : w[0] / w[1];
                if (!svc.filter.preferences().isEmpty()) {
                    svc.groups = new SpreadGroups(svc.filter.preferences(), snapshot.nodes(), ofServiceAll.getOrDefault(svc.service.id(), Map.of()));
                }
            }
            Map<String, Map<String, Integer>> elsewhere = new HashMap<>();
            for (Task t : snapshot.tasks()) {
                Integer i = index.get(t.nodeId());
                Svc svc = byId.get(t.serviceId());
                if (svc != null && t.isRunning() && t.desiredRunning() && !svc.filter.constraints().isEmpty() && !svc.misplaced) {
                    Node on = i != null ? nodes.get(i) : allNodes.get(t.nodeId());
                    svc.misplaced = on != null && !PlacementConstraint.all(svc.filter.constraints(), on);
                }
                if (i == null) {
                    if (svc != null && t.isRunning() && t.desiredRunning()) {
                        // a paused or drained node still running tasks: a scale-down counts them too
                        int c = elsewhere.computeIfAbsent(t.serviceId(), k -> new HashMap<>()).merge(t.nodeId(), 1, Integer::sum);
                        svc.mostElsewhere = Math.max(svc.mostElsewhere, c);
                    }
                    continue;
                }
                if (t.countsAsActive()) {
                    active[i]++;
                    if (svc != null) {
                        // the scheduler counts these against the node's resources, running or not
                        freeCpu[i] -= svc.cpu;
                        freeMem[i] -= svc.mem;
                    }
                }
                if (t.isRunning() && t.desiredRunning()) {
                    load[i] += svc == null ? share(measure.weight(t, null), i) : unit(svc, i);
                    if (svc != null) {
                        svc.add(i, 1);
                        if (svc.count[i] == 1) {
                            onNode.get(i).add(svc);
                        }
                    }
                }
            }
            for (double l : load) {
                sum += l;
                sumSq += l * l;
            }
            byLoad = new java.util.TreeSet<>((i, j) -> load[i] != load[j] ? Double.compare(load[i], load[j])
                    : nodes.get(i).hostname().compareTo(nodes.get(j).hostname()) != 0
                    ? nodes.get(i).hostname().compareTo(nodes.get(j).hostname()) : Integer.compare(i, j));
            for (int i = 0; i < n; i++) {
                byLoad.add(i);
            }
        }

        /** Node i can take {@code more} moves into or out of it within the per-node limit: the one place it is checked. */
        boolean hasRoom(int i, int more) {
            return moves[i] + more <= policy.maxMovesPerNode();
        }

        /** What one task of the service weighs on node i: its weight as a share of the node's capacity. */
        double unit(Svc s, int i) {
            return share(s.weight, i);
        }

        double share(double weight, int i) {
            return capacity[i] == 0 || Double.isNaN(weight) ? 0 : weight / capacity[i];
        }

        double spread() {
            int n = nodes.size();
            if (n == 0) {
                return 0;
            }
            double mean = sum / n;
            return Math.sqrt(Math.max(0, sumSq / n - mean * mean));
        }

        RebalancePlan plan() {
            double before = spread();
            List<Move> planned = new ArrayList<>();
            if (before <= policy.threshold()) {
                return new RebalancePlan(before, policy.threshold(), policy.by(), planned, "under threshold");
            }
            String reason = "no improving move";
            while (spread() > policy.threshold()) {
                if (planned.size() >= policy.maxMoves()) {
                    reason = "move limit (" + policy.maxMoves() + ")";
                    break;
                }
                Step step = null;
                for (MoveKind kind : MoveKind.cheapestFirst(policy.forceFallback())) {
                    step = kind.best(this, policy.maxMoves() - planned.size());
                    if (step != null) {
                        break;
                    }
                }
                if (step == null) {
                    reason = "no improving move";
                    break;
                }
                doStep(step);
                for (int k = 0; k < step.from.length; k++) {
                    Node from = nodes.get(step.from[k]);
                    Node to = nodes.get(step.to[k]);
                    planned.add(new Move(step.svc.service.id(), step.svc.service.name(), from.id(), from.hostname(), to.id(),
                            to.hostname(), step.method, spread()));
                }
                reason = "under threshold";
            }
            return new RebalancePlan(before, policy.threshold(), policy.by(), planned, reason);
        }

        boolean fitsMany(Svc s, int b, int t) {
            if (s.maxReplicas > 0 && s.count[b] + t > s.maxReplicas) {
                return false;
            }
            return t * s.cpu <= freeCpu[b] && t * s.mem <= freeMem[b] && fits(s, b);
        }

        double spreadAfterGroup(int[] sources, int b, Svc s) {
            double newSum = sum;
            double newSq = sumSq;
            for (int a : sources) {
                double na = load[a] - unit(s, a);
                newSum += na - load[a];
                newSq += na * na - load[a] * load[a];
            }
            double nb = load[b] + sources.length * unit(s, b);
            newSum += nb - load[b];
            newSq += nb * nb - load[b] * load[b];
            int n = nodes.size();
            double mean = newSum / n;
            return Math.sqrt(Math.max(0, newSq / n - mean * mean));
        }

        int tieBreak(Svc s, int a, int b, Candidate other) {
            int c = s.service.name().compareTo(other.svc.service.name());
            if (c != 0) {
                return c;
            }
            c = nodes.get(a).hostname().compareTo(nodes.get(other.from).hostname());
            return c != 0 ? c : nodes.get(b).hostname().compareTo(nodes.get(other.to).hostname());
        }

        boolean fits(Svc s, int b) {
            if (s.maxReplicas > 0 && s.count[b] >= s.maxReplicas) {
                return false;
            }
            if (s.cpu > freeCpu[b] || s.mem > freeMem[b]) {
                return false;
            }
            return constraintsFit(s, b);
        }

        /** The move of one task of s from a to b keeps its spread over its placement preferences. */
        boolean keepsSpread(Svc s, int a, int b) {
            return s.groups == null || s.groups.keeps(nodes.get(a).id(), nodes.get(a).hostname(), nodes.get(b).id(), nodes.get(b).hostname(),
                    s.service.name()) == null;
        }

        /** Each of the moves of a tied group, one after the other, keeps the spread. */
        boolean groupKeepsSpread(Svc s, int[] sources, int b) {
            if (s.groups == null) {
                return true;
            }
            int done = 0;
            boolean ok = true;
            for (; done < sources.length && ok; done++) {
                ok = keepsSpread(s, sources[done], b);
                s.groups.move(nodes.get(sources[done]).id(), nodes.get(b).id());
            }
            for (int k = 0; k < done; k++) {
                s.groups.move(nodes.get(b).id(), nodes.get(sources[k]).id());
            }
            return ok;
        }

        boolean constraintsFit(Svc s, int b) {
            Boolean ok = s.fits[b];
            if (ok == null) {
                ok = s.filter.staticRefusal(nodes.get(b)) == null;
                s.fits[b] = ok;
            }
            return ok;
        }

        double spreadAfter(int a, int b, Svc s) {
            double la = load[a];
            double lb = load[b];
            double na = la - unit(s, a);
            double nb = lb + unit(s, b);
            double newSum = sum - la - lb + na + nb;
            double newSq = sumSq - la * la - lb * lb + na * na + nb * nb;
            int n = nodes.size();
            double mean = newSum / n;
            return Math.sqrt(Math.max(0, newSq / n - mean * mean));
        }

        void apply(Candidate c) {
            int a = c.from;
            int b = c.to;
            Svc s = c.svc;
            double na = load[a] - unit(s, a);
            double nb = load[b] + unit(s, b);
            byLoad.remove(a);
            byLoad.remove(b);
            sum += na + nb - load[a] - load[b];
            sumSq += na * na + nb * nb - load[a] * load[a] - load[b] * load[b];
            load[a] = na;
            load[b] = nb;
            byLoad.add(a);
            byLoad.add(b);
            s.add(a, -1);
            s.add(b, 1);
            hash += zobrist(s.index, b) - zobrist(s.index, a);
            if (s.groups != null) {
                s.groups.move(nodes.get(a).id(), nodes.get(b).id());
            }
            if (s.count[a] == 0) {
                onNode.get(a).remove(s);
            }
            if (s.count[b] == 1) {
                onNode.get(b).add(s);
            }
            freeCpu[a] += s.cpu;
            freeMem[a] += s.mem;
            freeCpu[b] -= s.cpu;
            freeMem[b] -= s.mem;
            active[a]--;
            active[b]++;
            moves[a]++;
            moves[b]++;
        }


        /** Restarts a plan costs: one per moved task, every task of a service for its forced update. */
        int restarts(List<Move> plan) {
            int out = 0;
            java.util.Set<String> forcedServices = new java.util.HashSet<>();
            for (Move m : plan) {
                if (m.method() != Move.Method.FORCE) {
                    out++;
                } else if (forcedServices.add(m.serviceId())) {
                    out += services.stream().filter(x -> x.service.id().equals(m.serviceId())).findFirst().map(Svc::running).orElse(0);
                }
            }
            return out;
        }

        /**
         * The fewest restarts that could bring the spread under the threshold, counting tasks: as many
         * as single tasks moved from the fullest node to the emptiest, rules aside, take (each such
         * move lowers the spread most; a tied group or forced update costs at least the tasks it moves).
         * 1 for other measures (while above the threshold).
         */
        int lowerBound() {
            if (spread() <= policy.threshold()) {
                return 0;
            }
            if (policy.by() != RebalancePolicy.Measure.tasks || !(measure instanceof LoadMeasure.Counted)) {
                return 1;
            }
            double[] l = load.clone();
            int n = l.length;
            double s1 = sum;
            double s2 = sumSq;
            for (int k = 1; ; k++) {
                int hi = 0;
                int lo = 0;
                for (int i = 1; i < n; i++) {
                    hi = l[i] > l[hi] ? i : hi;
                    lo = l[i] < l[lo] ? i : lo;
                }
                if (l[hi] - l[lo] <= 1) {
                    return Integer.MAX_VALUE / 4; // even already: no move of single tasks helps
                }
                s2 += (l[hi] - 1) * (l[hi] - 1) - l[hi] * l[hi] + (l[lo] + 1) * (l[lo] + 1) - l[lo] * l[lo];
                l[hi]--;
                l[lo]++;
                double mean = s1 / n;
                if (Math.sqrt(Math.max(0, s2 / n - mean * mean)) <= policy.threshold()) {
                    return k;
                }
            }
        }

        /**
         * A partial plan on the lookahead's frontier: its last step, the plan before it, what it costs and
         * what it was reached with (dropped once a cheaper path reaches its state).
         */
        private record Path(Path before, Step step, int restarts, int movesMade, int forcedUpdates, int estimate, long order,
                long key, Reached reached) {
        }

        /** What a state was reached with, to drop paths that reach it no cheaper and with no more left to spend. */
        private record Reached(int restarts, int movesMade, int[] perNode) {
            boolean covers(Reached o) {
                if (restarts > o.restarts || movesMade > o.movesMade) {
                    return false;
                }
                for (int i = 0; i < perNode.length; i++) {
                    if (perNode[i] > o.perNode[i]) {
                        return false;
                    }
                }
                return true;
            }
        }

        /** Which services a forced update is planned for, hashed, beside {@link #hash}: a service is forced once. */
        private long forcedHash;

        /**
         * The plan with the fewest restarts, at most {@code bound}, that brings the spread under the
         * threshold within the limits, each step lowering the spread: A* over where the tasks are, cost in
         * restarts, {@link #lowerBound()} the estimate of what is left (it never overestimates: a step
         * that moves k tasks restarts at least k). At equal cost a plan with fewer forced updates comes
         * first, then the one further along. A path to a state reached before with no more restarts,
         * moves and moves per node is dropped. Null when there is none within the bound or within
         * {@link #SEARCH_BUDGET} expanded states. {@code greedy} only lends its reason. A {@code weight}
         * above 1 counts the estimate that many times over in the order paths are taken (weighted A*):
         * it heads for the threshold sooner, and the plan it finds may cost up to that many times the
         * fewest restarts (still within the bound).
         */
        RebalancePlan search(int bound, RebalancePlan greedy, int weight) {
            double before = spread();
            java.util.PriorityQueue<Path> frontier = new java.util.PriorityQueue<>((x, y) -> x.estimate != y.estimate
                    ? Integer.compare(x.estimate, y.estimate)
                    : x.forcedUpdates != y.forcedUpdates ? Integer.compare(x.forcedUpdates, y.forcedUpdates)
                    : x.restarts != y.restarts ? Integer.compare(y.restarts, x.restarts)
                    : Long.compare(x.order, y.order));
            Map<Long, List<Reached>> reached = new HashMap<>();
            long order = 0;
            Reached root = new Reached(0, 0, moves.clone());
            reached.put(stateKey(), new ArrayList<>(List.of(root)));
            frontier.add(new Path(null, null, 0, 0, 0, lowerBound(), order++, stateKey(), root));
            List<Step> at = new ArrayList<>();
            int expanded = 0;
            while (!frontier.isEmpty() && expanded < SEARCH_BUDGET) {
                Path p = frontier.poll();
                if (!reached.get(p.key).contains(p.reached)) {
                    continue; // a cheaper path reached its state since
                }
                expanded++;
                walkTo(p, at);
                if (spread() <= policy.threshold()) {
                    return planOf(at, before);
                }
                for (Step st : steps(bound - p.restarts, policy.maxMoves() - p.movesMade, policy.forceFallback())) {
                    doStep(st);
                    int cost = p.restarts + st.restarts;
                    int left = lowerBound();
                    int estimate = cost + weight * Math.min(left, 1 << 20);
                    if (cost + left <= bound) {
                        Reached r = new Reached(cost, p.movesMade + st.from.length, moves.clone());
                        long key = stateKey();
                        List<Reached> seen = reached.computeIfAbsent(key, k -> new ArrayList<>());
                        if (seen.stream().noneMatch(x -> x.covers(r))) {
                            seen.removeIf(r::covers);
                            seen.add(r);
                            int forced = p.forcedUpdates + (st.method == Move.Method.FORCE ? 1 : 0);
                            frontier.add(new Path(p, st, cost, r.movesMade, forced, estimate, order++, key, r));
                        }
                    }
                    undoStep(st);
                }
            }
            return null;
        }

        /** Where every task is and which services are forced, hashed. */
        private long stateKey() {
            return hash * 0x9E3779B97F4A7C15L ^ forcedHash;
        }

        /** Undoes the steps taken ({@code at}) and takes those of {@code p}, so that the state is p's end. */
        private void walkTo(Path p, List<Step> at) {
            List<Step> want = new ArrayList<>();
            for (Path x = p; x != null && x.step != null; x = x.before) {
                want.add(x.step);
            }
            java.util.Collections.reverse(want);
            int common = 0;
            while (common < at.size() && common < want.size() && at.get(common) == want.get(common)) {
                common++;
            }
            for (int k = at.size() - 1; k >= common; k--) {
                undoStep(at.remove(k));
            }
            for (int k = common; k < want.size(); k++) {
                doStep(want.get(k));
                at.add(want.get(k));
            }
        }

        /** The plan of the steps taken, from {@code before}: each move with the spread after its step. */
        private RebalancePlan planOf(List<Step> at, double before) {
            List<Step> taken = new ArrayList<>(at);
            List<Double> spreads = new ArrayList<>();
            for (int k = taken.size() - 1; k >= 0; k--) {
                spreads.add(0, spread());
                undoStep(taken.get(k));
            }
            List<Move> moves = new ArrayList<>();
            for (int k = 0; k < taken.size(); k++) {
                Step st = taken.get(k);
                doStep(st);
                for (int x = 0; x < st.from.length; x++) {
                    Node from = nodes.get(st.from[x]);
                    Node to = nodes.get(st.to[x]);
                    moves.add(new Move(st.svc.service.id(), st.svc.service.name(), from.id(), from.hostname(), to.id(), to.hostname(),
                            st.method, spreads.get(k)));
                }
            }
            return new RebalancePlan(before, policy.threshold(), policy.by(), moves, "under threshold");
        }

        /** Every step that lowers the spread now and fits the limits, the most helpful first. */
        List<Step> steps(int costLeft, int movesLeft, boolean force) {
            List<Step> out = new ArrayList<>();
            if (movesLeft <= 0) {
                return out;
            }
            for (MoveKind kind : MoveKind.cheapestFirst(force)) {
                out.addAll(kind.all(this, costLeft, movesLeft));
            }
            out.sort((x, y) -> x.restarts != y.restarts ? Integer.compare(x.restarts, y.restarts) : Double.compare(x.after, y.after));
            return out;
        }

        private void doStep(Step st) {
            if (st.method == Move.Method.FORCE) {
                st.svc.forced = true;
                forcedHash ^= zobrist(st.svc.index, -1);
            }
            for (int k = 0; k < st.from.length; k++) {
                apply(new Candidate(st.svc, st.from[k], st.to[k], st.method, 0));
            }
        }

        private void undoStep(Step st) {
            for (int k = st.from.length - 1; k >= 0; k--) {
                apply(new Candidate(st.svc, st.to[k], st.from[k], st.method, 0));
                moves[st.from[k]] -= 2;
                moves[st.to[k]] -= 2;
            }
            if (st.method == Move.Method.FORCE) {
                st.svc.forced = false;
                forcedHash ^= zobrist(st.svc.index, -1);
            }
        }

        /** The most (or least) loaded nodes, at most CANDIDATES of them. */
        int[] extremes(boolean most) {
            int k = Math.min(CANDIDATES, nodes.size());
            int[] pick = new int[k];
            java.util.Iterator<Integer> it = most ? byLoad.descendingIterator() : byLoad.iterator();
            for (int i = 0; i < k; i++) {
                pick[i] = it.next();
            }
            return pick;
        }
    }

    /** One task of svc from node to node, as the greedy plan weighs it. */
    record Candidate(Svc svc, int from, int to, Move.Method method, double after) {
    }

    /**
     * One step of a plan: a move, a tied group, or a forced update; from[k] to to[k], the restarts it
     * costs and the spread after it.
     */
    record Step(Svc svc, int[] from, int[] to, Move.Method method, int restarts, double after) {
    }

    /** A fixed random number per (service, node), summed over tasks: a hash of where every task is. */
    static long zobrist(int service, int node) {
        long z = service * 0x9E3779B97F4A7C15L + node * 0xC2B2AE3D27D4EB4FL + 0x165667B19E3779F9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * How Swarm can be made to move one task of a service from a node holding {@code onSource} of its
     * tasks to one holding {@code onTarget}, or null when it cannot be done predictably: a scale-up
     * (the target's competitors paused) puts the new task on the target, and the scale-down removes
     * from the node with most tasks of the service, so the source needs at least two more; a lone
     * task is evicted by a placement-only change, to a target with or without tasks of the service.
     */
    static Move.Method method(int onSource, int onTarget) {
        if (onSource >= onTarget + 2) {
            return Move.Method.SCALE;
        }
        if (onSource == 1) {
            // the replacement of an evicted task goes to the target, its competitors paused, whatever the
            // target holds: a lone task may join others of its service (issue 13: where no scale move is left)
            return Move.Method.EVICT;
        }
        return null;
    }

    /**
     * {@link #method(int, int)} for service s from node a to node b, where a scale move also needs a
     * to be the one node with most tasks of the service, counting nodes that take no new tasks:
     * swarmkit breaks equal scale-down indexes at random.
     */
    static Move.Method method(Svc s, int a, int b) {
        Move.Method m = method(s.count[a], s.count[b]);
        if (m == Move.Method.EVICT && s.misplaced) {
            return null; // a placement change would replace the tasks on nodes that no longer fit too
        }
        if (m == Move.Method.SCALE && (s.count[a] != s.most || s.nodesWithCount[s.most] != 1 || s.count[a] <= s.mostElsewhere)) {
            return null;
        }
        return m;
    }

    /** A service as the planner sees it. */
    static final class Svc {
        final Service service;
        final boolean movable;
        final int[] count;
        /** How many eligible nodes hold exactly c tasks of the service (index c); grows as needed. */
        int[] nodesWithCount;
        /** The most tasks of the service on one eligible node. */
        int most;
        /** A task runs on a node its constraints no longer allow (labels changed since). */
        boolean misplaced;
        /** The most tasks of the service on one node that takes no new tasks (paused, drained, down). */
        int mostElsewhere;
        /** A forced update of it is planned already. */
        boolean forced;
        /** Its running tasks on eligible nodes: the sum of count. */
        int running;
        /** The eligible nodes with a task of it: where count is above 0. */
        final java.util.BitSet holding = new java.util.BitSet();
        final Boolean[] fits;
        /** Its place among the planner's services. */
        final int index;
        final PlacementFilter filter;
        /** The service's groups over its placement preferences; null without preferences. */
        SpreadGroups groups;
        /** What one of its tasks weighs, in the measure's unit (the mean of its running tasks). */
        double weight;
        final long maxReplicas;
        final long cpu;
        final long mem;

        Svc(Service service, boolean movable, int nodes, int index) {
            this.service = service;
            this.index = index;
            this.count = new int[nodes];
            this.nodesWithCount = new int[4];
            this.nodesWithCount[0] = nodes;
            this.fits = new Boolean[nodes];
            this.filter = PlacementFilter.of(service);
            // a constraint we cannot read: leave the service where Swarm put it
            this.movable = movable && filter.readable();
            this.maxReplicas = filter.maxReplicas();
            this.cpu = filter.nanoCpus();
            this.mem = filter.memoryBytes();
        }

        /** Its running tasks on eligible nodes. */
        int running() {
            return running;
        }

        void add(int node, int delta) {
            int before = count[node];
            int after = before + delta;
            count[node] = after;
            running += delta;
            holding.set(node, after > 0);
            if (after >= nodesWithCount.length) {
                nodesWithCount = java.util.Arrays.copyOf(nodesWithCount, Math.max(after + 1, 2 * nodesWithCount.length));
            }
            nodesWithCount[before]--;
            nodesWithCount[after]++;
            most = Math.max(most, after);
            while (most > 0 && nodesWithCount[most] == 0) {
                most--;
            }
        }
    }

    static boolean movable(Service s, RebalancePolicy policy) {
        if (!s.isReplicated() || s.updateInProgress()) {
            return false;
        }
        if ("false".equalsIgnoreCase(s.labels().get(RebalancePolicy.OPT_OUT_LABEL))) {
            return false;
        }
        if (!policy.services().isEmpty() && !policy.services().contains(s.name()) && !policy.services().contains(s.id())) {
            return false;
        }
        return !policy.exclude().contains(s.name()) && !policy.exclude().contains(s.id());
    }
}
