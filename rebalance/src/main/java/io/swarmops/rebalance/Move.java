package io.swarmops.rebalance;

/**
 * One task of a service moved from one node to another.
 *
 * @param method      how Swarm is made to do it: {@link Method#SCALE} when the source holds at least
 *                    two more tasks of the service than the target and more than any other node,
 *                    {@link Method#EVICT} when it holds the service's only task of the two,
 *                    {@link Method#SCALE_TIED} for one of a group of sources tied with most tasks,
 *                    {@link Method#FORCE} for one of the moves a forced update of the service makes
 * @param spreadAfter the predicted spread once this move (and all before it) is done
 */
public record Move(String serviceId, String serviceName, String fromNodeId, String fromHostname, String toNodeId,
        String toHostname, Method method, double spreadAfter) {

    public enum Method {
        /** Scale up by one (the new task lands on the node with fewest tasks of the service), then down (the node with most loses one). */
        SCALE,
        /**
         * A constraint {@code node.id!=SOURCE} for a moment, with start-first updates: Swarm replaces only
         * the tasks on nodes that no longer satisfy a changed placement, the source's one; then the
         * constraint is taken back, which replaces nothing.
         */
        EVICT,
        /**
         * One of t moves made together, when t nodes tie with most tasks of the service: scale up by t
         * (all onto the target, its competitors paused), then down by t, which takes one task from
         * each of the t nodes; consecutive in a plan, same service and target.
         */
        SCALE_TIED,
        /**
         * One of the moves of a forced rolling update of the service (every task replaced, one at a
         * time, stop-first): each replacement goes where Swarm ranks best, which evens out the
         * service's tasks. The fallback where no move above helps; every task of the service
         * restarts. Consecutive in a plan, same service.
         */
        FORCE
    }
}
