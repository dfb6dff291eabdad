package io.swarmops.rebalance;

/**
 * One task of a service moved from one node to another.
 *
 * @param spreadAfter the predicted spread once this move (and all before it) is done
 */
public record Move(String serviceId, String serviceName, String fromNodeId, String fromHostname, String toNodeId,
        String toHostname, double spreadAfter) {
}
