package io.swarmops.rebalance;

import static io.swarmops.rebalance.RebalancePlanner.method;

import io.swarmops.rebalance.RebalancePlanner.Candidate;
import io.swarmops.rebalance.RebalancePlanner.State;
import io.swarmops.rebalance.RebalancePlanner.Step;
import io.swarmops.rebalance.RebalancePlanner.Svc;
import java.util.ArrayList;
import java.util.List;

/**
 * One task from a node to another: a scale move (the source holds at least two more of the service
 * than the target and more than any other node) or an eviction (the source's lone task). One restart.
 */
final class OneTaskMoves implements MoveKind {
    static final MoveKind KIND = new OneTaskMoves();

    private OneTaskMoves() {
    }

    @Override
    public Step best(State state, int movesLeft) {
        Candidate c = bestMove(state);
        return c == null ? null : new Step(c.svc(), new int[] {c.from()}, new int[] {c.to()}, c.method(), 1, c.after());
    }

    /** Every pair of nodes, not only the most and least loaded: the lookahead's. */
    @Override
    public List<Step> all(State state, int costLeft, int movesLeft) {
        double current = state.spread();
        List<Step> out = new ArrayList<>();
        for (int a = 0; a < state.nodes.size(); a++) {
            if (!state.hasRoom(a, 1)) {
                continue;
            }
            for (int b = 0; b < state.nodes.size(); b++) {
                if (a == b || state.load[a] <= state.load[b] || !state.hasRoom(b, 1)) {
                    continue;
                }
                for (Svc sv : state.onNode.get(a)) {
                    Move.Method method = method(sv, a, b);
                    if (!sv.movable || method == null || !state.fits(sv, b) || !state.keepsSpread(sv, a, b)) {
                        continue;
                    }
                    double x = state.spreadAfter(a, b, sv);
                    if (x < current - 1e-9) {
                        out.add(new Step(sv, new int[] {a}, new int[] {b}, method, 1, x));
                    }
                }
            }
        }
        return out;
    }

    private static Candidate bestMove(State state) {
        int[] heavy = state.extremes(true);
        int[] light = state.extremes(false);
        if (state.policy.by() == RebalancePolicy.Measure.tasks) {
            return widestGap(state, heavy, light);
        }
        double current = state.spread();
        Candidate best = null;
        for (int a : heavy) {
            if (!state.hasRoom(a, 1)) {
                continue;
            }
            for (int b : light) {
                if (a == b || state.load[a] <= state.load[b] || !state.hasRoom(b, 1)) {
                    continue;
                }
                for (Svc s : state.onNode.get(a)) {
                    Move.Method method = method(s, a, b);
                    if (!s.movable || method == null || !state.fits(s, b) || !state.keepsSpread(s, a, b)) {
                        continue;
                    }
                    double after = state.spreadAfter(a, b, s);
                    if (after < current - 1e-9 && (best == null || after < best.after() - 1e-12
                            || (Math.abs(after - best.after()) <= 1e-12 && state.tieBreak(s, a, b, best) < 0))) {
                        best = new Candidate(s, a, b, method, after);
                    }
                }
            }
        }
        return best;
    }

    /**
     * Counting tasks, every move between the same two nodes changes the spread alike, and a wider
     * gap helps more: the first pair, widest gap first, with a service that may move wins.
     */
    private static Candidate widestGap(State state, int[] heavy, int[] light) {
        Candidate best = null;
        double bestGap = 1; // moving one task helps only across a gap of more than one
        for (int a : heavy) {
            if (!state.hasRoom(a, 1)) {
                continue;
            }
            for (int b : light) {
                double gap = state.load[a] - state.load[b];
                if (a == b || gap <= bestGap || !state.hasRoom(b, 1)) {
                    continue;
                }
                Candidate found = null;
                for (Svc s : state.onNode.get(a)) {
                    Move.Method method = method(s, a, b);
                    if (s.movable && method != null && (found == null || method == Move.Method.SCALE) && state.fits(s, b) && state.keepsSpread(s, a, b)) {
                        found = new Candidate(s, a, b, method, state.spreadAfter(a, b, s));
                        if (method == Move.Method.SCALE) {
                            break; // the scale move restarts no task at all: preferred
                        }
                    }
                }
                if (found != null) {
                    best = found;
                    bestGap = gap;
                }
            }
        }
        return best;
    }
}
