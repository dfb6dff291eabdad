package io.swarmops.rebalance;

import java.util.Set;

/**
 * What a rebalance may do, as data (the descheduler's habit): the threshold that triggers it,
 * what is balanced, which services may move, and how many moves are allowed.
 *
 * @param threshold       population standard deviation of the load per eligible node above which to act
 * @param by              what "load" is: running tasks, reserved CPU or memory as a share of the node's capacity,
 *                        or CPU or memory measured in use ({@code usage_*}: the weights come from {@link TaskWeights})
 * @param services        only these services may move (empty: all)
 * @param exclude         these services never move
 * @param maxMoves        at most this many moves in one run
 * @param maxMovesPerNode at most this many moves into or out of one node in one run
 * @param forceFallback   where no move restarts only the task it moves, a forced rolling update of one
 *                        service (every task of it restarts, one at a time) may be planned
 */
public record RebalancePolicy(double threshold, Measure by, Set<String> services, Set<String> exclude, int maxMoves,
        int maxMovesPerNode, boolean forceFallback) {

    /** A service label that keeps it out of every rebalance: {@code io.swarmops.rebalance=false}. */
    public static final String OPT_OUT_LABEL = "io.swarmops.rebalance";

    /** usage_*: measured use, which only a {@link TaskWeights} from the nodes' stats knows. */
    public enum Measure { tasks, cpu, memory, usage_cpu, usage_memory;

        /** As the command line (and the plan's JSON) spells it: usage-cpu. */
        @com.fasterxml.jackson.annotation.JsonValue
        @Override
        public String toString() {
            return name().replace('_', '-');
        }
    }

    public static RebalancePolicy defaults() {
        return new RebalancePolicy(2.0, Measure.tasks, Set.of(), Set.of(), 50, 10, true);
    }

    public RebalancePolicy withThreshold(double t) {
        return new RebalancePolicy(t, by, services, exclude, maxMoves, maxMovesPerNode, forceFallback);
    }

    public RebalancePolicy withMaxMoves(int n) {
        return new RebalancePolicy(threshold, by, services, exclude, n, maxMovesPerNode, forceFallback);
    }

    public RebalancePolicy withForceFallback(boolean allowed) {
        return new RebalancePolicy(threshold, by, services, exclude, maxMoves, maxMovesPerNode, allowed);
    }
}
