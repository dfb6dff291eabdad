package io.swarmops.cli.service;

import static io.swarmops.ops.opts.Capabilities.ALL_CAPABILITIES;
import static io.swarmops.ops.opts.Capabilities.RESET_CAPABILITIES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.DurationConverter;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.opts.Capabilities;
import io.swarmops.ops.opts.MemBytes;
import io.swarmops.ops.opts.NanoCpus;
import io.swarmops.ops.opts.ShellWords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The settings {@code service create} and {@code service update} share (docker's addServiceFlags).
 * Only what was given is written into the spec, so an update leaves everything else as it was; a
 * policy that one flag touches and the spec lacks starts from Swarm's defaults, as docker does.
 */
public final class ServiceSettings {
    @Option(names = "--replicas", paramLabel = "N", description = "Number of tasks")
    Long replicas;

    @Option(names = {"--replicas-max-per-node", "--max-replicas"}, paramLabel = "N",
            description = "Maximum number of tasks per node (default 0 = unlimited)")
    Long maxReplicas;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Username or UID (format: <name|uid>[:<group|gid>])")
    String user;

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Working directory inside the container")
    String workdir;

    @Option(names = "--hostname", paramLabel = "NAME", description = "Container hostname")
    String hostname;

    @Option(names = "--entrypoint", paramLabel = "CMD", description = "Overwrite the default ENTRYPOINT of the image (shell words)")
    String entrypoint;

    @Option(names = "--endpoint-mode", paramLabel = "MODE", description = "Endpoint mode (vip or dnsrr)")
    String endpointMode;

    @Option(names = "--stop-grace-period", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Time to wait before force killing a container (default 10s)")
    Duration stopGracePeriod;

    @Option(names = "--stop-signal", paramLabel = "SIGNAL", description = "Signal to stop the container")
    String stopSignal;

    @Option(names = "--init", arity = "0..1", fallbackValue = "true",
            description = "Use an init inside each service container to forward signals and reap processes")
    Boolean init;

    @Option(names = {"-t", "--tty"}, arity = "0..1", fallbackValue = "true", description = "Allocate a pseudo-TTY")
    Boolean tty;

    @Option(names = "--read-only", arity = "0..1", fallbackValue = "true", description = "Mount the container's root filesystem as read only")
    Boolean readOnly;

    @Option(names = "--reserve-cpu", paramLabel = "CPUS", description = "Reserve CPUs")
    String reserveCpu;

    @Option(names = "--reserve-memory", paramLabel = "BYTES", description = "Reserve Memory")
    String reserveMemory;

    @Option(names = "--limit-cpu", paramLabel = "CPUS", description = "Limit CPUs")
    String limitCpu;

    @Option(names = "--limit-memory", paramLabel = "BYTES", description = "Limit Memory")
    String limitMemory;

    @Option(names = "--limit-pids", paramLabel = "N", description = "Limit maximum number of processes (default 0 = unlimited)")
    Long limitPids;

    @Option(names = "--restart-condition", paramLabel = "COND", description = "Restart when condition is met (none, on-failure, any) (default any)")
    String restartCondition;

    @Option(names = "--restart-delay", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Delay between restart attempts (default 5s)")
    Duration restartDelay;

    @Option(names = "--restart-max-attempts", paramLabel = "N", description = "Maximum number of restarts before giving up")
    Long restartMaxAttempts;

    @Option(names = "--restart-window", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Window used to evaluate the restart policy")
    Duration restartWindow;

    @Option(names = "--update-parallelism", paramLabel = "N", description = "Maximum number of tasks updated simultaneously (0 to update all at once) (default 1)")
    Long updateParallelism;

    @Option(names = "--update-delay", paramLabel = "DURATION", converter = DurationConverter.class, description = "Delay between updates (default 0s)")
    Duration updateDelay;

    @Option(names = "--update-failure-action", paramLabel = "ACTION", description = "Action on update failure (pause, continue, rollback) (default pause)")
    String updateFailureAction;

    @Option(names = "--update-monitor", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Duration after each task update to monitor for failure (default 5s)")
    Duration updateMonitor;

    @Option(names = "--update-max-failure-ratio", paramLabel = "RATIO", description = "Failure rate to tolerate during an update (default 0)")
    Float updateMaxFailureRatio;

    @Option(names = "--update-order", paramLabel = "ORDER", description = "Update order (start-first, stop-first) (default stop-first)")
    String updateOrder;

    @Option(names = "--rollback-parallelism", paramLabel = "N", description = "Maximum number of tasks rolled back simultaneously (0 to roll back all at once) (default 1)")
    Long rollbackParallelism;

    @Option(names = "--rollback-delay", paramLabel = "DURATION", converter = DurationConverter.class, description = "Delay between task rollbacks (default 0s)")
    Duration rollbackDelay;

    @Option(names = "--rollback-failure-action", paramLabel = "ACTION", description = "Action on rollback failure (pause, continue) (default pause)")
    String rollbackFailureAction;

    @Option(names = "--rollback-monitor", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Duration after each task rollback to monitor for failure (default 5s)")
    Duration rollbackMonitor;

    @Option(names = "--rollback-max-failure-ratio", paramLabel = "RATIO", description = "Failure rate to tolerate during a rollback (default 0)")
    Float rollbackMaxFailureRatio;

    @Option(names = "--rollback-order", paramLabel = "ORDER", description = "Rollback order (start-first, stop-first) (default stop-first)")
    String rollbackOrder;

    @Option(names = "--health-cmd", paramLabel = "CMD", description = "Command to run to check health")
    String healthCmd;

    @Option(names = "--health-interval", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Time between running the check (ms|s|m|h)")
    Duration healthInterval;

    @Option(names = "--health-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Maximum time to allow one check to run (ms|s|m|h)")
    Duration healthTimeout;

    @Option(names = "--health-retries", paramLabel = "N", description = "Consecutive failures needed to report unhealthy")
    Integer healthRetries;

    @Option(names = "--health-start-period", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Start period for the container to initialize before counting retries towards unstable (ms|s|m|h)")
    Duration healthStartPeriod;

    @Option(names = "--no-healthcheck", arity = "0..1", fallbackValue = "true", description = "Disable any container-specified HEALTHCHECK")
    Boolean noHealthcheck;

    @Option(names = "--log-driver", paramLabel = "DRIVER", description = "Logging driver for service")
    String logDriver;

    @Option(names = "--log-opt", paramLabel = "K=V", description = "Logging driver options")
    List<String> logOpts = List.of();

    @Option(names = "--cap-add", paramLabel = "CAP", description = "Add Linux capabilities")
    List<String> capAdd = List.of();

    @Option(names = "--cap-drop", paramLabel = "CAP", description = "Drop Linux capabilities")
    List<String> capDrop = List.of();

    @Option(names = "--isolation", paramLabel = "MODE", description = "Service container isolation mode")
    String isolation;

    /** An update or rollback flag was given (docker refuses them for jobs). */
    boolean anyPolicyFlag() {
        return updateParallelism != null || updateDelay != null || updateFailureAction != null || updateMonitor != null
                || updateMaxFailureRatio != null || updateOrder != null || rollbackParallelism != null || rollbackDelay != null
                || rollbackFailureAction != null || rollbackMonitor != null || rollbackMaxFailureRatio != null || rollbackOrder != null;
    }

    /** Writes the given settings (all but --replicas, which each command reads its own way) into {@code spec}. */
    void applyTo(ObjectNode spec) {
        ObjectNode task = spec.with("TaskTemplate");
        ObjectNode container = task.with("ContainerSpec");
        if (maxReplicas != null) {
            setOrOmit(task.with("Placement"), "MaxReplicas", maxReplicas);
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
            ShellWords.split(entrypoint).forEach(cmd::add);
        }
        if (stopGracePeriod != null) {
            container.put("StopGracePeriod", stopGracePeriod.toNanos());
        }
        if (stopSignal != null) {
            setOrOmit(container, "StopSignal", stopSignal);
        }
        if (init != null) {
            container.put("Init", init); // a pointer in docker's types: false is sent, not left out
        }
        if (tty != null) {
            setOrOmit(container, "TTY", tty);
        }
        if (readOnly != null) {
            setOrOmit(container, "ReadOnly", readOnly);
        }
        if (isolation != null) {
            setOrOmit(container, "Isolation", isolation);
        }
        if (endpointMode != null) {
            oneOf("--endpoint-mode", endpointMode.toLowerCase(java.util.Locale.ROOT), List.of("vip", "dnsrr"));
            spec.with("EndpointSpec").put("Mode", endpointMode.toLowerCase(java.util.Locale.ROOT));
        }
        if (limitCpu != null || limitMemory != null || limitPids != null) {
            ObjectNode limits = task.with("Resources").with("Limits");
            task.with("Resources").with("Reservations");
            if (limitCpu != null) {
                setOrOmit(limits, "NanoCPUs", NanoCpus.parse(limitCpu));
            }
            if (limitMemory != null) {
                setOrOmit(limits, "MemoryBytes", MemBytes.parse(limitMemory));
            }
            if (limitPids != null) {
                setOrOmit(limits, "Pids", limitPids);
            }
        }
        if (reserveCpu != null || reserveMemory != null) {
            task.with("Resources").with("Limits");
            ObjectNode reservations = task.with("Resources").with("Reservations");
            if (reserveCpu != null) {
                setOrOmit(reservations, "NanoCPUs", NanoCpus.parse(reserveCpu));
            }
            if (reserveMemory != null) {
                setOrOmit(reservations, "MemoryBytes", MemBytes.parse(reserveMemory));
            }
        }
        if (restartCondition != null || restartDelay != null || restartMaxAttempts != null || restartWindow != null) {
            if (!task.path("RestartPolicy").isObject()) {
                // Swarm's default restart policy, as docker starts from it
                task.putObject("RestartPolicy").put("Condition", "any").put("Delay", 5_000_000_000L).put("MaxAttempts", 0);
            }
            ObjectNode restart = task.with("RestartPolicy");
            if (restartCondition != null) {
                oneOf("--restart-condition", restartCondition, List.of("none", "on-failure", "any"));
                restart.put("Condition", restartCondition);
            }
            if (restartDelay != null) {
                restart.put("Delay", restartDelay.toNanos());
            }
            if (restartMaxAttempts != null) {
                restart.put("MaxAttempts", restartMaxAttempts);
            }
            if (restartWindow != null) {
                restart.put("Window", restartWindow.toNanos());
            }
        }
        policy(spec, "UpdateConfig", "--update", updateParallelism, updateDelay, updateFailureAction, updateMonitor,
                updateMaxFailureRatio, updateOrder, List.of("pause", "continue", "rollback"));
        policy(spec, "RollbackConfig", "--rollback", rollbackParallelism, rollbackDelay, rollbackFailureAction, rollbackMonitor,
                rollbackMaxFailureRatio, rollbackOrder, List.of("pause", "continue"));
    }

    /**
     * docker's toLogDriver and updateLogDriver: a --log-driver replaces the task's log driver and
     * options (--log-opt, a bare KEY taking its value from {@code environment}); without one the
     * options are ignored.
     */
    void applyLogDriver(ObjectNode task, Map<String, String> environment) {
        List<String> opts = logOpts.stream().map(o -> ServiceSpecs.env(o, environment)).toList();
        if (logDriver == null || logDriver.isEmpty()) {
            return;
        }
        ObjectNode driver = task.putObject("LogDriver").put("Name", logDriver);
        ObjectNode options = ServiceSpecs.kvMap(opts);
        if (!options.isEmpty()) {
            driver.set("Options", options);
        }
    }

    /** docker's toHealthConfig, for create: the HealthConfig the --health-* flags describe, or null when none was given. */
    ObjectNode healthcheck() {
        boolean settings = healthCmd != null && !healthCmd.isEmpty() || healthInterval != null || healthTimeout != null
                || healthStartPeriod != null || healthRetries != null && healthRetries != 0;
        if (Boolean.TRUE.equals(noHealthcheck)) {
            if (settings) {
                throw SwarmOpsException.invalid("--no-healthcheck conflicts with --health-* options");
            }
            ObjectNode none = Json.object();
            none.putArray("Test").add("NONE");
            return none;
        }
        if (!settings) {
            return null;
        }
        ObjectNode health = Json.object();
        if (healthCmd != null && !healthCmd.isEmpty()) {
            health.putArray("Test").add("CMD-SHELL").add(healthCmd);
        }
        setHealthFields(health);
        return health;
    }

    /**
     * docker's updateHealthcheck: each --health-* flag given changes its field of the service's
     * HealthConfig (an empty --health-cmd removes the test, and a test of NONE goes once any flag
     * is given); --no-healthcheck alone replaces it with NONE.
     */
    void updateHealthcheck(ObjectNode container) {
        boolean settings = healthCmd != null || healthInterval != null || healthTimeout != null || healthStartPeriod != null
                || healthRetries != null;
        if (!settings && noHealthcheck == null) {
            return;
        }
        if (Boolean.TRUE.equals(noHealthcheck)) {
            if (settings) {
                throw SwarmOpsException.invalid("--no-healthcheck conflicts with --health-* options");
            }
            container.putObject("Healthcheck").putArray("Test").add("NONE");
            return;
        }
        ObjectNode health = container.with("Healthcheck");
        if (health.path("Test").path(0).asText().equals("NONE")) {
            health.remove("Test");
        }
        setHealthFields(health);
        if (healthCmd != null) {
            if (healthCmd.isEmpty()) {
                health.remove("Test");
            } else {
                health.putArray("Test").add("CMD-SHELL").add(healthCmd);
            }
        }
    }

    private void setHealthFields(ObjectNode health) {
        if (healthInterval != null) {
            setOrOmit(health, "Interval", healthInterval.toNanos());
        }
        if (healthTimeout != null) {
            setOrOmit(health, "Timeout", healthTimeout.toNanos());
        }
        if (healthStartPeriod != null) {
            setOrOmit(health, "StartPeriod", healthStartPeriod.toNanos());
        }
        if (healthRetries != null) {
            setOrOmit(health, "Retries", healthRetries);
        }
    }

    /**
     * docker's EffectiveCapAddCapDrop, for create: capabilities normalized (upper case, CAP_
     * prefixed), sorted, without duplicates; ALL stands alone; adding wins over dropping.
     */
    void createCapabilities(ObjectNode container) {
        Capabilities.Effective caps = Capabilities.effective(capAdd, capDrop);
        setOrOmit(container, "CapabilityAdd", caps.add());
        setOrOmit(container, "CapabilityDrop", caps.drop());
    }

    /**
     * docker's updateCapabilities: a capability added that the service dropped is no longer
     * dropped (and the other way round), otherwise it is added (dropped); adding wins over
     * dropping; RESET empties the list first; ALL stands alone.
     */
    void updateCapabilities(ObjectNode container) {
        if (capAdd.isEmpty() && capDrop.isEmpty()) {
            return;
        }
        Set<String> add = Capabilities.normalized(texts(container.path("CapabilityAdd")));
        Set<String> drop = Capabilities.normalized(texts(container.path("CapabilityDrop")));
        Set<String> toAdd = Capabilities.normalized(capAdd);
        Set<String> toDrop = Capabilities.normalized(capDrop);
        if (toAdd.remove(RESET_CAPABILITIES)) {
            add.clear();
        }
        if (toDrop.remove(RESET_CAPABILITIES)) {
            drop.clear();
        }
        for (String c : toDrop) {
            if (!toAdd.contains(c) && !add.remove(c)) {
                drop.add(c);
            }
        }
        for (String c : toAdd) {
            if (!drop.remove(c)) {
                add.add(c);
            }
        }
        setOrOmit(container, "CapabilityAdd", add.contains(ALL_CAPABILITIES) ? Set.of(ALL_CAPABILITIES) : add);
        setOrOmit(container, "CapabilityDrop", drop.contains(ALL_CAPABILITIES) ? Set.of(ALL_CAPABILITIES) : drop);
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static void setOrOmit(ObjectNode node, String field, java.util.Collection<String> values) {
        if (values.isEmpty()) {
            node.remove(field);
        } else {
            values.forEach(node.putArray(field)::add);
        }
    }

    private static void policy(ObjectNode spec, String field, String flag, Long parallelism, Duration delay, String failureAction,
            Duration monitor, Float ratio, String order, List<String> actions) {
        if (parallelism == null && delay == null && failureAction == null && monitor == null && ratio == null && order == null) {
            return;
        }
        if (!spec.path(field).isObject()) {
            // swarmkit's defaults (api/defaults/service.go), as docker's updateConfigFromDefaults
            spec.putObject(field).put("Parallelism", 1).put("FailureAction", "pause").put("Monitor", 5_000_000_000L)
                    .put("MaxFailureRatio", 0).put("Order", "stop-first");
        }
        ObjectNode config = spec.with(field);
        if (parallelism != null) {
            config.put("Parallelism", parallelism);
        }
        if (delay != null) {
            setOrOmit(config, "Delay", delay.toNanos());
        }
        if (failureAction != null) {
            oneOf(flag + "-failure-action", failureAction, actions);
            config.put("FailureAction", failureAction);
        }
        if (monitor != null) {
            setOrOmit(config, "Monitor", monitor.toNanos());
        }
        if (ratio != null) {
            // float32 as Go prints it (0.1, not 0.10000000149)
            config.put("MaxFailureRatio", Double.parseDouble(Float.toString(ratio)));
        }
        if (order != null) {
            oneOf(flag + "-order", order, List.of("start-first", "stop-first"));
            config.put("Order", order);
        }
    }

    /** Go's omitempty: a zero number is left out of the JSON. */
    private static void setOrOmit(ObjectNode node, String field, long value) {
        if (value == 0) {
            node.remove(field);
        } else {
            node.put(field, value);
        }
    }

    private static void setOrOmit(ObjectNode node, String field, boolean value) {
        if (value) {
            node.put(field, true);
        } else {
            node.remove(field);
        }
    }

    private static void setOrOmit(ObjectNode node, String field, String value) {
        if (value.isEmpty()) {
            node.remove(field);
        } else {
            node.put(field, value);
        }
    }

    static void oneOf(String flag, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw SwarmOpsException.invalid("invalid " + flag + " \"" + value + "\": use " + String.join(", ", allowed));
        }
    }
}
