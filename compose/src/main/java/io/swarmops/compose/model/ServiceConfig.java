package io.swarmops.compose.model;

import io.swarmops.compose.yaml.Mark;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One service of a loaded compose file, field for field as docker's {@code types.ServiceConfig}
 * holds it after loading (strings empty when unset, lists empty when unset, nullable where docker
 * keeps a pointer). Mutable only while the loader and the merge build it.
 */
public final class ServiceConfig {
    public String name = "";
    /** Where the service is defined, for errors found while converting it. */
    public Mark mark;

    public Map<String, Object> build;
    public List<String> capAdd = new ArrayList<>();
    public List<String> capDrop = new ArrayList<>();
    public String cgroupnsMode = "";
    public String cgroupParent = "";
    public List<String> command = new ArrayList<>();
    public List<FileReference> configs = new ArrayList<>();
    public String containerName = "";
    public CredentialSpec credentialSpec = new CredentialSpec();
    public List<String> dependsOn = new ArrayList<>();
    public DeployConfig deploy = new DeployConfig();
    public List<String> devices = new ArrayList<>();
    public List<String> dns = new ArrayList<>();
    public List<String> dnsSearch = new ArrayList<>();
    public String domainname = "";
    public List<String> entrypoint = new ArrayList<>();
    /** Values are null for a name without {@code =} ({@code environment: [FOO]}). */
    public Map<String, String> environment = new LinkedHashMap<>();
    public List<String> envFile = new ArrayList<>();
    public List<String> expose = new ArrayList<>();
    public List<String> externalLinks = new ArrayList<>();
    /** {@code host:ip} as docker keeps them. */
    public List<String> extraHosts = new ArrayList<>();
    public String hostname = "";
    public HealthCheck healthcheck;
    public String image = "";
    public Boolean init;
    public String ipc = "";
    public String isolation = "";
    public Map<String, String> labels = new LinkedHashMap<>();
    public List<String> links = new ArrayList<>();
    public Logging logging;
    public String macAddress = "";
    public String networkMode = "";
    /** Network name to its options; the value is null for {@code networks: [a, b]} entries. */
    public Map<String, ServiceNetwork> networks = new LinkedHashMap<>();
    public String pid = "";
    public List<PortConfig> ports = new ArrayList<>();
    public boolean privileged;
    public boolean readOnly;
    public String restart = "";
    public List<FileReference> secrets = new ArrayList<>();
    public List<String> securityOpt = new ArrayList<>();
    public String shmSize = "";
    public boolean stdinOpen;
    /** Nanoseconds, or null. */
    public Long stopGracePeriod;
    public String stopSignal = "";
    public Map<String, String> sysctls = new LinkedHashMap<>();
    public List<String> tmpfs = new ArrayList<>();
    public boolean tty;
    public Map<String, Ulimit> ulimits = new LinkedHashMap<>();
    public String user = "";
    public String usernsMode = "";
    public List<VolumeMount> volumes = new ArrayList<>();
    public String workingDir = "";
    public long oomScoreAdj;
    /** {@code x-} keys, as written. */
    public Map<String, Object> extras = new LinkedHashMap<>();

    /** {@code configs:}/{@code secrets:} entries of a service. mode null: docker's 0444. */
    public record FileReference(String source, String target, String uid, String gid, Long mode) {
    }

    public record CredentialSpec(String config, String file, String registry) {
        public CredentialSpec() {
            this("", "", "");
        }

        public boolean isEmpty() {
            return config.isEmpty() && file.isEmpty() && registry.isEmpty();
        }
    }

    /** Durations in nanoseconds, null when unset. */
    public static final class HealthCheck {
        public List<String> test = new ArrayList<>();
        public Long timeout;
        public Long interval;
        public Long retries;
        public Long startPeriod;
        public Long startInterval;
        public boolean disable;
    }

    public static final class Logging {
        public String driver = "";
        public Map<String, String> options = new LinkedHashMap<>();
    }

    public static final class ServiceNetwork {
        public List<String> aliases = new ArrayList<>();
        public Map<String, String> driverOpts = new LinkedHashMap<>();
        public String ipv4Address = "";
        public String ipv6Address = "";
    }

    /** One published port; {@code mode} and {@code protocol} empty when the long syntax leaves them out. */
    public record PortConfig(String mode, String hostIp, long target, long published, String protocol) {
    }

    /** {@code single} set for {@code nofile: 20000}; soft and hard for the mapping form. */
    public record Ulimit(long single, long soft, long hard) {
    }

    public static final class VolumeMount {
        public String type = "";
        public String source = "";
        public String target = "";
        public boolean readOnly;
        public String consistency = "";
        /** Bind propagation, or null when no bind options were given. */
        public String bindPropagation;
        /** Volume nocopy, or null when no volume options were given. */
        public Boolean volumeNoCopy;
        /** Tmpfs size, or null when no tmpfs options were given. */
        public Long tmpfsSize;
        public boolean tmpfsOptions;
    }
}
