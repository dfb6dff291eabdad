package io.swarmops.compose.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A service's {@code deploy:} key as docker's {@code types.DeployConfig} holds it. */
public final class DeployConfig {
    public String mode = "";
    public Long replicas;
    public Map<String, String> labels = new LinkedHashMap<>();
    public UpdateConfig updateConfig;
    public UpdateConfig rollbackConfig;
    public Resource limits;
    public Resource reservations;
    public RestartPolicy restartPolicy;
    public List<String> constraints = new ArrayList<>();
    public List<String> preferences = new ArrayList<>();
    public long maxReplicasPerNode;
    public String endpointMode = "";

    /** Durations in nanoseconds (0 when unset, as docker's non-pointer fields). */
    public static final class UpdateConfig {
        public Long parallelism;
        public long delay;
        public String failureAction = "";
        public long monitor;
        public float maxFailureRatio;
        public String order = "";
    }

    /** Limits use cpus, memory and pids; reservations cpus, memory and generic resources. */
    public static final class Resource {
        public String cpus = "";
        public long memoryBytes;
        public long pids;
        public List<GenericResource> genericResources = new ArrayList<>();
    }

    public record GenericResource(String kind, long value) {
    }

    /** Delay and window in nanoseconds or null; maxAttempts null when unset. */
    public static final class RestartPolicy {
        public String condition = "";
        public Long delay;
        public Long maxAttempts;
        public Long window;
    }
}
