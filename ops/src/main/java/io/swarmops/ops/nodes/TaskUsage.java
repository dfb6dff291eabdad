package io.swarmops.ops.nodes;

/**
 * What one task's container used over a window, measured on its node's own daemon.
 *
 * @param nanoCpus    CPUs used on average over the window, ×1e9 (the unit of a node's NanoCPUs)
 * @param memoryBytes memory in use, the mean of the window's samples
 */
public record TaskUsage(String taskId, String serviceId, String nodeId, long nanoCpus, long memoryBytes) {
}
