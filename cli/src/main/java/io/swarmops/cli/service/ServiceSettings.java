package io.swarmops.cli.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.SwarmOpsException;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The settings {@code service create} and {@code service update} share. Only what was given is
 * written into the spec, so an update leaves everything else as it was.
 */
public final class ServiceSettings {
    @Option(names = "--replicas", paramLabel = "N", description = "Number of tasks")
    Long replicas;

    @Option(names = "--max-replicas", paramLabel = "N", description = "Maximum number of tasks per node (0 = unlimited)")
    Long maxReplicas;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Username or UID (format: <name|uid>[:<group|gid>])")
    String user;

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Working directory inside the container")
    String workdir;

    @Option(names = "--hostname", paramLabel = "NAME", description = "Container hostname")
    String hostname;

    @Option(names = "--entrypoint", paramLabel = "CMD", description = "Overwrite the default ENTRYPOINT of the image")
    String entrypoint;

    @Option(names = "--reserve-cpu", paramLabel = "CPUS", description = "Reserve CPUs")
    String reserveCpu;

    @Option(names = "--reserve-memory", paramLabel = "BYTES", description = "Reserve Memory")
    String reserveMemory;

    @Option(names = "--limit-cpu", paramLabel = "CPUS", description = "Limit CPUs")
    String limitCpu;

    @Option(names = "--limit-memory", paramLabel = "BYTES", description = "Limit Memory")
    String limitMemory;

    @Option(names = "--restart-condition", paramLabel = "COND", description = "Restart when condition is met (none, on-failure, any)")
    String restartCondition;

    @Option(names = "--restart-delay", paramLabel = "DURATION", description = "Delay between restart attempts")
    String restartDelay;

    @Option(names = "--restart-max-attempts", paramLabel = "N", description = "Maximum number of restarts before giving up")
    Long restartMaxAttempts;

    @Option(names = "--restart-window", paramLabel = "DURATION", description = "Window used to evaluate the restart policy")
    String restartWindow;

    @Option(names = "--update-parallelism", paramLabel = "N", description = "Maximum number of tasks updated simultaneously (0 to update all at once)")
    Long updateParallelism;

    @Option(names = "--update-delay", paramLabel = "DURATION", description = "Delay between updates")
    String updateDelay;

    @Option(names = "--update-failure-action", paramLabel = "ACTION", description = "Action on update failure (pause, continue, rollback)")
    String updateFailureAction;

    @Option(names = "--update-monitor", paramLabel = "DURATION", description = "Duration after each task update to monitor for failure")
    String updateMonitor;

    @Option(names = "--update-max-failure-ratio", paramLabel = "RATIO", description = "Failure rate to tolerate during an update")
    Double updateMaxFailureRatio;

    @Option(names = "--update-order", paramLabel = "ORDER", description = "Update order (start-first, stop-first)")
    String updateOrder;

    @Option(names = "--rollback-parallelism", paramLabel = "N", description = "Maximum number of tasks rolled back simultaneously")
    Long rollbackParallelism;

    @Option(names = "--rollback-delay", paramLabel = "DURATION", description = "Delay between task rollbacks")
    String rollbackDelay;

    @Option(names = "--rollback-failure-action", paramLabel = "ACTION", description = "Action on rollback failure (pause, continue)")
    String rollbackFailureAction;

    @Option(names = "--rollback-monitor", paramLabel = "DURATION", description = "Duration after each task rollback to monitor for failure")
    String rollbackMonitor;

    @Option(names = "--rollback-max-failure-ratio", paramLabel = "RATIO", description = "Failure rate to tolerate during a rollback")
    Double rollbackMaxFailureRatio;

    @Option(names = "--rollback-order", paramLabel = "ORDER", description = "Rollback order (start-first, stop-first)")
    String rollbackOrder;

    /** Writes the given settings into {@code spec}. */
    void applyTo(ObjectNode spec) {
        ObjectNode task = spec.with("TaskTemplate");
        ObjectNode container = task.with("ContainerSpec");
        if (replicas != null) {
            if (!spec.path("Mode").has("Replicated") && spec.path("Mode").size() > 0) {
                throw SwarmOpsException.invalid("--replicas can only be used with replicated mode");
            }
            spec.with("Mode").with("Replicated").put("Replicas", replicas);
        }
        if (maxReplicas != null) {
            task.with("Placement").put("MaxReplicas", maxReplicas);
        }
        if (user != null) {
            container.put("User", user);
        }
        if (workdir != null) {
            container.put("Dir", workdir);
        }
        if (hostname != null) {
            container.put("Hostname", hostname);
        }
        if (entrypoint != null) {
            var cmd = container.putArray("Command");
            for (String part : entrypoint.trim().split("\\s+")) {
                cmd.add(part);
            }
        }
        if (reserveCpu != null) {
            task.with("Resources").with("Reservations").put("NanoCPUs", ServiceSpecs.nanoCpus(reserveCpu));
        }
        if (reserveMemory != null) {
            task.with("Resources").with("Reservations").put("MemoryBytes", ServiceSpecs.bytes(reserveMemory));
        }
        if (limitCpu != null) {
            task.with("Resources").with("Limits").put("NanoCPUs", ServiceSpecs.nanoCpus(limitCpu));
        }
        if (limitMemory != null) {
            task.with("Resources").with("Limits").put("MemoryBytes", ServiceSpecs.bytes(limitMemory));
        }
        if (restartCondition != null) {
            oneOf("--restart-condition", restartCondition, List.of("none", "on-failure", "any"));
            task.with("RestartPolicy").put("Condition", restartCondition);
        }
        if (restartDelay != null) {
            task.with("RestartPolicy").put("Delay", ServiceSpecs.nanos(restartDelay));
        }
        if (restartMaxAttempts != null) {
            task.with("RestartPolicy").put("MaxAttempts", restartMaxAttempts);
        }
        if (restartWindow != null) {
            task.with("RestartPolicy").put("Window", ServiceSpecs.nanos(restartWindow));
        }
        policy(spec, "UpdateConfig", "--update", updateParallelism, updateDelay, updateFailureAction, updateMonitor,
                updateMaxFailureRatio, updateOrder, List.of("pause", "continue", "rollback"));
        policy(spec, "RollbackConfig", "--rollback", rollbackParallelism, rollbackDelay, rollbackFailureAction, rollbackMonitor,
                rollbackMaxFailureRatio, rollbackOrder, List.of("pause", "continue"));
    }

    private static void policy(ObjectNode spec, String field, String flag, Long parallelism, String delay, String failureAction,
            String monitor, Double ratio, String order, List<String> actions) {
        if (parallelism != null) {
            spec.with(field).put("Parallelism", parallelism);
        }
        if (delay != null) {
            spec.with(field).put("Delay", ServiceSpecs.nanos(delay));
        }
        if (failureAction != null) {
            oneOf(flag + "-failure-action", failureAction, actions);
            spec.with(field).put("FailureAction", failureAction);
        }
        if (monitor != null) {
            spec.with(field).put("Monitor", ServiceSpecs.nanos(monitor));
        }
        if (ratio != null) {
            spec.with(field).put("MaxFailureRatio", ratio);
        }
        if (order != null) {
            oneOf(flag + "-order", order, List.of("start-first", "stop-first"));
            spec.with(field).put("Order", order);
        }
    }

    private static void oneOf(String flag, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw SwarmOpsException.invalid("invalid " + flag + " \"" + value + "\": use " + String.join(", ", allowed));
        }
    }
}
