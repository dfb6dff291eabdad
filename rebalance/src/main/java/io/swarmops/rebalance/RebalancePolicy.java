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

    /*
     * The defaults, once: the CLI's option defaults (picocli wants constant strings) and defaults() read
     * these. 20 moves a run: a cron run every 15 minutes stays short, and the next run goes on.
     */
    public static final String DEFAULT_THRESHOLD = "2.0";
    public static final String DEFAULT_BY = "tasks";
    public static final String DEFAULT_MAX_MOVES = "20";
    public static final String DEFAULT_MAX_MOVES_PER_NODE = "10";

    public static RebalancePolicy defaults() {
        return new RebalancePolicy(Double.parseDouble(DEFAULT_THRESHOLD), Measure.valueOf(DEFAULT_BY), Set.of(), Set.of(),
                Integer.parseInt(DEFAULT_MAX_MOVES), Integer.parseInt(DEFAULT_MAX_MOVES_PER_NODE), true);
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
