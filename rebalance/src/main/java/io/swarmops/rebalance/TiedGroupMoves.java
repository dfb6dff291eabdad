package io.swarmops.rebalance;

import static io.swarmops.rebalance.RebalancePlanner.method;

import io.swarmops.rebalance.RebalancePlanner.State;
import io.swarmops.rebalance.RebalancePlanner.Step;
import io.swarmops.rebalance.RebalancePlanner.Svc;
import java.util.ArrayList;
import java.util.List;

/**
 * Nodes tied with most tasks of a service each give one, together, to one target: a scale-up by t
 * and down by t. t restarts.
 */
final class TiedGroupMoves implements MoveKind {
    static final MoveKind KIND = new TiedGroupMoves();

    private TiedGroupMoves() {
    }

    /** One task from each of the nodes tied with most tasks of the service, to one target, together. */
    private record Tied(Svc svc, int[] sources, int to, double after) {
        Step step() {
            int[] targets = new int[sources.length];
            java.util.Arrays.fill(targets, to);
            return new Step(svc, sources, targets, Move.Method.SCALE_TIED, sources.length, after);
        }
    }

    @Override
    public Step best(State state, int movesLeft) {
        Tied t = bestTiedMove(state, movesLeft);
        return t == null ? null : t.step();
    }

    @Override
    public List<Step> all(State state, int costLeft, int movesLeft) {
        List<Step> out = new ArrayList<>();
        for (Tied t : tiedMoves(state, movesLeft)) {
            if (t.sources.length <= costLeft) {
                out.add(t.step());
            }
        }
        return out;
    }

    /**
     * The fallback when no single move helps: a service whose most tasks per node sit on t > 1
     * nodes (a scale-down would take from any of them) scales up by t onto one target, then down
     * by t, which takes exactly one task from each of the t nodes, as long as the target stays
     * below them. t tasks move and t restart, one per move. The group that lowers the spread most.
     */
    private static Tied bestTiedMove(State state, int movesLeft) {
        Tied best = null;
        for (Tied t : tiedMoves(state, movesLeft)) {
            if (best == null || t.after < best.after - 1e-12) {
                best = t;
            }
        }
        return best;
    }

    /** Every tied group that lowers the spread and fits the limits. */
    private static List<Tied> tiedMoves(State state, int movesLeft) {
        double current = state.spread();
        List<Tied> out = new ArrayList<>();
        for (int a : state.extremes(true)) {
            for (int b : state.extremes(false)) {
                if (a == b || state.load[a] <= state.load[b]) {
                    continue;
                }
                for (Svc s : state.onNode.get(a)) {
                    int t = s.nodesWithCount[s.most];
                    if (!s.movable || s.count[a] != s.most || t < 2 || t > movesLeft || s.mostElsewhere >= s.most
                            || s.count[b] + t > s.most - 1 || !state.hasRoom(b, t) || !state.fitsMany(s, b, t)) {
                        continue;
                    }
                    int[] sources = new int[t];
                    int found = 0;
                    for (int i = 0; i < state.nodes.size() && found < t; i++) {
                        if (s.count[i] == s.most) {
                            sources[found++] = i;
                        }
                    }
                    if (!state.groupKeepsSpread(s, sources, b)) {
                        continue;
                    }
                    double after = state.spreadAfterGroup(sources, b, s);
                    boolean withinLimits = java.util.Arrays.stream(sources).allMatch(i -> state.hasRoom(i, 1));
                    if (withinLimits && after < current - 1e-9
                            && out.stream().noneMatch(x -> x.svc == s && x.to == b)) { // found again from each tied source
                        out.add(new Tied(s, sources, b, after));
                    }
                }
            }
        }
        return out;
    }
}
