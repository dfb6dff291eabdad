package io.swarmops.rebalance;

import java.util.List;

/**
 * Ordered moves with the spread they are predicted to reach, and why the plan stops where it does.
 *
 * @param spreadBefore the spread measured on the snapshot
 * @param reason       why no (further) move is planned: "under threshold", "no improving move", "move limit"
 */
public record RebalancePlan(double spreadBefore, double threshold, RebalancePolicy.Measure by, List<Move> moves,
        String reason) {

    public boolean needed() {
        return spreadBefore > threshold;
    }

    public double spreadAfter() {
        return moves.isEmpty() ? spreadBefore : moves.get(moves.size() - 1).spreadAfter();
    }
}
