package io.swarmops.recovery.backup;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a service spec of a backup would be given on the hosts of the swarm it is restored into: a
 * backup from elsewhere is as trusted as its author, and a service is root on every node it runs on
 * when it binds {@code /} or the docker socket. Read from the Engine's spec: bind mounts (and local
 * volumes that bind a host path), added capabilities, settings that lift confinement (unconfined
 * seccomp or AppArmor, SELinux disabled), the host network, and secrets it would read that exist in
 * the target swarm already (their data is that swarm's, not the backup's). Swarm's service spec has
 * no privileged flag, no devices and no pid/ipc host mode; the container-level spellings of those
 * would appear here if the Engine added them.
 */
public final class HostAccess {
    /** One grant: which service or node, and what it would get. */
    public record Grant(String kind, String name, String what) {
    }

    private static final String DOCKER_SOCKET = "docker.sock";

    private HostAccess() {
    }

    /** What a service of the backup would get; {@code existingSecrets}: the target swarm's secret names. */
    public static List<Grant> of(JsonNode service, Set<String> existingSecrets) {
        String name = service.path("Name").asText();
        JsonNode task = service.path("TaskTemplate");
        JsonNode container = task.path("ContainerSpec");
        List<String> what = new ArrayList<>();
        for (JsonNode m : container.path("Mounts")) {
            String source = m.path("Source").asText("");
            String type = m.path("Type").asText("volume");
            if (type.equals("bind")) {
                what.add("bind mount of " + described(source) + " at " + m.path("Target").asText() + (m.path("ReadOnly").asBoolean() ? " (read-only)" : ""));
            } else if (type.equals("volume")) {
                JsonNode opts = m.at("/VolumeOptions/DriverConfig/Options");
                String device = opts.path("device").asText("");
                if (opts.path("o").asText("").contains("bind") && !device.isEmpty()) {
                    what.add("volume " + source + " binding " + described(device) + " at " + m.path("Target").asText());
                }
            }
        }
        List<String> caps = new ArrayList<>();
        container.path("CapabilityAdd").forEach(c -> caps.add(c.asText()));
        if (!caps.isEmpty()) {
            what.add("added capabilities " + String.join(", ", caps));
        }
        JsonNode privileges = container.path("Privileges");
        if (privileges.at("/Seccomp/Mode").asText("").equals("unconfined")) {
            what.add("seccomp unconfined");
        }
        if (privileges.at("/AppArmor/Mode").asText("").equals("disabled")) {
            what.add("AppArmor disabled");
        }
        if (privileges.at("/SELinuxContext/Disable").asBoolean(false)) {
            what.add("SELinux labelling disabled");
        }
        for (String field : List.of("Privileged", "Devices", "PidMode", "IpcMode")) {
            JsonNode v = container.path(field);
            if (!v.isMissingNode() && !v.isNull() && !(v.isBoolean() && !v.asBoolean()) && !(v.isArray() && v.isEmpty())
                    && !(v.isTextual() && v.asText().isEmpty())) {
                what.add(field + " " + v);
            }
        }
        List<JsonNode> networks = new ArrayList<>();
        task.path("Networks").forEach(networks::add);
        service.path("Networks").forEach(networks::add);
        if (networks.stream().anyMatch(n -> n.path("Target").asText().equals("host"))) {
            what.add("the host network");
        }
        for (JsonNode s : container.path("Secrets")) {
            String secret = s.path("SecretName").asText();
            if (existingSecrets.contains(secret)) {
                what.add("the secret " + secret + " that this swarm holds already");
            }
        }
        return what.stream().map(w -> new Grant("service", name, w)).toList();
    }

    private static String described(String source) {
        if (source.equals("/") || source.matches("/+")) {
            return "/ (the host's whole filesystem)";
        }
        if (source.endsWith(DOCKER_SOCKET)) {
            return source + " (the docker socket: root on the host)";
        }
        return source;
    }
}
