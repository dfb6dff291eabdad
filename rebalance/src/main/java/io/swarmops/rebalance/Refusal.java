package io.swarmops.rebalance;

import java.util.Locale;

/**
 * Why a node cannot take a task of a service, as the scheduler's filters (and its spread over
 * placement preferences) would refuse it: what kind of reason, one line for a person, and the two
 * numbers it compares ({@code actual} against {@code limit}; 0 and 0 where the reason has none).
 *
 * @param kind    which rule refuses
 * @param message one line naming the node and the rule, e.g. "node2 already runs 2 tasks of web, its max replicas per node"
 * @param actual  what the node has: tasks of the service, free nano CPUs or bytes, tasks in its preference group
 * @param limit   what the rule asks: max replicas, reserved nano CPUs or bytes, the group's share
 */
public record Refusal(Kind kind, String message, long actual, long limit) {

    public enum Kind {
        /** The node is not ready (down, unknown, disconnected). */
        NOT_READY,
        /** The node is paused or drained. */
        NOT_ACTIVE,
        /** A placement constraint does not hold on the node (or cannot be read: Swarm would refuse the service). */
        CONSTRAINT,
        /** None of the service's platforms is the node's. */
        PLATFORM,
        /** The node holds the service's max replicas per node already. */
        MAX_REPLICAS,
        /** The node's free CPU is short of the service's reservation. */
        CPU,
        /** The node's free memory is short of the service's reservation. */
        MEMORY,
        /**
         * The node's group for a placement preference already holds its share of the service's
         * tasks: Swarm would put the task in another group, and a move there would break the spread.
         */
        SPREAD
    }

    /** The kind as a short word for tables and JSON: "max-replicas", "cpu", "spread". */
    public String word() {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public String toString() {
        return message;
    }
}
