package io.swarmops.rebalance;

import io.swarmops.rebalance.RebalancePlanner.State;
import io.swarmops.rebalance.RebalancePlanner.Step;
import io.swarmops.rebalance.RebalancePlanner.Svc;
import java.util.ArrayList;
import java.util.List;

/**
 * The fallback: a forced rolling update of one service, one task at a time, stop-first, its
 * replacements placed as swarmkit places them. Every task of the service restarts.
 */
final class ForcedUpdateMoves implements MoveKind {
    static final MoveKind KIND = new ForcedUpdateMoves();

    private ForcedUpdateMoves() {
    }

    /** The moves a forced update of the service makes: from[k] to to[k]. */
    private record Forced(Svc svc, int[] from, int[] to, double after) {
        Step step() {
            return new Step(svc, from, to, Move.Method.FORCE, svc.running(), after);
        }
    }

    @Override
    public Step best(State state, int movesLeft) {
        Forced f = bestForcedUpdate(state, movesLeft);
        return f == null ? null : f.step();
    }

    @Override
    public List<Step> all(State state, int costLeft, int movesLeft) {
        List<Step> out = new ArrayList<>();
        for (Forced f : forcedUpdates(state, movesLeft)) {
            if (f.svc.running() <= costLeft) {
                out.add(f.step());
            }
        }
        return out;
    }

    /**
     * The last resort: the service on the most loaded nodes whose forced rolling update would
     * lower the spread most (fewer tasks to restart on a tie). Only services whose tasks all run
     * on nodes that take tasks (a forced update would empty a paused node of them) and with at
     * least two, so that one task at a time stop-first never leaves the service without one.
     */
    private static Forced bestForcedUpdate(State state, int movesLeft) {
        Forced best = null;
        for (Forced f : forcedUpdates(state, movesLeft)) {
            Svc s = f.svc;
            if (best == null || f.after < best.after - 1e-12
                    || (Math.abs(f.after - best.after) <= 1e-12 && (s.running() < best.svc.running()
                    || (s.running() == best.svc.running() && s.service.name().compareTo(best.svc.service.name()) < 0)))) {
                best = f;
            }
        }
        return best;
    }

    /** Every forced update that lowers the spread and fits the limits. */
    private static List<Forced> forcedUpdates(State state, int movesLeft) {
        double current = state.spread();
        List<Forced> out = new ArrayList<>();
        java.util.Set<Svc> seen = new java.util.HashSet<>();
        int[] ranked = java.util.stream.IntStream.range(0, state.nodes.size()).boxed().sorted((a, b) -> state.active[a] != state.active[b]
                ? Integer.compare(state.active[a], state.active[b]) : state.nodes.get(a).hostname().compareTo(state.nodes.get(b).hostname()))
                .mapToInt(Integer::intValue).toArray();
        for (int a : state.extremes(true)) {
            for (Svc s : state.onNode.get(a)) {
                // with placement preferences, swarmkit's decision tree places the replacements: not predicted here
                if (!seen.add(s) || !s.movable || s.forced || s.groups != null || s.mostElsewhere > 0 || s.running() < 2
                        || s.running() != s.service.replicas()) {
                    continue;
                }
                Forced f = forcedUpdate(state, s, movesLeft, ranked);
                if (f != null && f.after < current - 1e-9) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    /**
     * Where a forced update of s would leave its tasks, replacement by replacement as swarmkit
     * makes them (one at a time, stop-first): the old task on the node with most tasks of the
     * service stops, then the scheduler puts the new one on the fitting node with fewest tasks of
     * the service, then fewest tasks. Null when a replacement would find no node, or the moves
     * break the limits.
     */
    private static Forced forcedUpdate(State state, Svc s, int movesLeft, int[] ranked) {
        int[] cand = forceCandidates(state, s, ranked);
        int m = cand.length;
        int[] c = new int[m];
        int[] old = new int[m];
        int[] tot = new int[m];
        long[] fc = new long[m];
        long[] fm = new long[m];
        for (int x = 0; x < m; x++) {
            c[x] = s.count[cand[x]];
            old[x] = c[x];
            tot[x] = state.active[cand[x]];
            fc[x] = state.freeCpu[cand[x]];
            fm[x] = state.freeMem[cand[x]];
        }
        for (int left = s.running(); left > 0; left--) {
            int i = -1;
            for (int k = 0; k < m; k++) {
                if (old[k] > 0 && (i < 0 || c[k] > c[i] || (c[k] == c[i] && tot[k] > tot[i]))) {
                    i = k;
                }
            }
            old[i]--;
            c[i]--;
            tot[i]--;
            fc[i] += s.cpu;
            fm[i] += s.mem;
            int j = -1;
            for (int k = 0; k < m; k++) {
                if ((s.maxReplicas > 0 && c[k] >= s.maxReplicas) || s.cpu > fc[k] || s.mem > fm[k] || !state.constraintsFit(s, cand[k])) {
                    continue;
                }
                if (j < 0 || c[k] < c[j] || (c[k] == c[j] && (tot[k] < tot[j]
                        || (tot[k] == tot[j] && state.nodes.get(cand[k]).hostname().compareTo(state.nodes.get(cand[j]).hostname()) < 0)))) {
                    j = k;
                }
            }
            if (j < 0) {
                return null;
            }
            c[j]++;
            tot[j]++;
            fc[j] -= s.cpu;
            fm[j] -= s.mem;
        }
        List<Integer> from = new ArrayList<>();
        List<Integer> to = new ArrayList<>();
        double newSum = state.sum;
        double newSq = state.sumSq;
        for (int x = 0; x < m; x++) {
            int k = cand[x];
            int d = c[x] - s.count[k];
            if (d == 0) {
                continue;
            }
            if (!state.hasRoom(k, Math.abs(d))) {
                return null;
            }
            for (int y = 0; y < Math.abs(d); y++) {
                (d < 0 ? from : to).add(k);
            }
            double l = state.load[k] + d * state.unit(s, k);
            newSum += l - state.load[k];
            newSq += l * l - state.load[k] * state.load[k];
        }
        if (from.isEmpty() || from.size() > movesLeft) {
            return null;
        }
        double mean = newSum / state.nodes.size();
        return new Forced(s, from.stream().mapToInt(Integer::intValue).toArray(), to.stream().mapToInt(Integer::intValue).toArray(),
                Math.sqrt(Math.max(0, newSq / state.nodes.size() - mean * mean)));
    }

    /**
     * The only nodes a forced update of s can touch, in index order: those holding its tasks, and
     * of the others, the ones the scheduler would rank first for a replacement ({@code ranked}:
     * fewest tasks, then hostname) that fit it — as many as it has tasks, since each one taken then
     * holds a task.
     */
    private static int[] forceCandidates(State state, Svc s, int[] ranked) {
        List<Integer> out = new ArrayList<>();
        s.holding.stream().forEach(out::add);
        int want = s.running();
        for (int x = 0; x < ranked.length && want > 0; x++) {
            int k = ranked[x];
            if (s.count[k] == 0 && s.cpu <= state.freeCpu[k] && s.mem <= state.freeMem[k] && state.constraintsFit(s, k)) {
                out.add(k);
                want--;
            }
        }
        return out.stream().mapToInt(Integer::intValue).sorted().toArray();
    }
}
