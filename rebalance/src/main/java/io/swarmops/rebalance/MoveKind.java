package io.swarmops.rebalance;

import io.swarmops.rebalance.RebalancePlanner.State;
import io.swarmops.rebalance.RebalancePlanner.Step;
import java.util.List;

/**
 * One kind of step the planner can take (the descheduler's plugin shape: each strategy proposes, one
 * place applies): a one-task move, a tied group, a forced update. It reads the planner's working
 * state and proposes the steps of its kind that lower the spread within the limits; the planner
 * picks, applies and records them: the greedy plan takes the first kind's best step, cheapest kind
 * first; the lookahead searches all of them.
 */
interface MoveKind {
    /** The kinds the planner asks, cheapest first; a forced update only where {@code force}. */
    static List<MoveKind> cheapestFirst(boolean force) {
        return force ? List.of(OneTaskMoves.KIND, TiedGroupMoves.KIND, ForcedUpdateMoves.KIND)
                : List.of(OneTaskMoves.KIND, TiedGroupMoves.KIND);
    }

    /** The step of this kind the greedy plan takes now (the one that lowers the spread most), or null. */
    Step best(State state, int movesLeft);

    /** Every step of this kind that lowers the spread now within the limits and costs at most {@code costLeft} restarts. */
    List<Step> all(State state, int costLeft, int movesLeft);
}
