package io.swarmops.compose;

import io.swarmops.compose.model.ComposeConfig;
import io.swarmops.compose.yaml.GoNumbers;
import io.swarmops.compose.yaml.Mark;
import io.swarmops.compose.yaml.YamlNode;
import io.swarmops.compose.yaml.YamlNode.YamlMap;
import io.swarmops.compose.yaml.YamlNode.YamlScalar;
import io.swarmops.compose.yaml.YamlReader;
import io.swarmops.ops.CappedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Loads compose files as {@code docker stack deploy -c} does: each file parsed, interpolated from the
 * given environment, checked and decoded, then all merged in order. Relative paths resolve against
 * the directory of the first file. Any problem is one {@link ComposeException}.
 */
public final class ComposeLoader {
    /** The 3.x versions docker's client knows; "3" and a missing version mean the latest. */
    static final String DEFAULT_VERSION = "3.13";
    private static final Set<String> VERSIONS = Set.of("3.0", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7", "3.8", "3.9",
            "3.10", "3.11", "3.12", "3.13");
    private static final List<String> UNSUPPORTED = List.of("build", "cgroupns_mode", "cgroup_parent", "devices", "domainname",
            "external_links", "ipc", "links", "mac_address", "network_mode", "pid", "privileged", "restart", "security_opt",
            "shm_size", "userns_mode");
    private static final Map<String, String> DEPRECATED = Map.of(
            "container_name", "Setting the container name is not supported.",
            "expose", "Exposing ports is unnecessary - services on the same network can access each other's containers on any port.");
    private static final Map<String, String> FORBIDDEN = Map.of(
            "extends", "Support for `extends` is not implemented yet.",
            "volume_driver", "Instead of setting the volume driver on the service, define a volume using the top-level `volumes` option"
                    + " and specify the driver there.",
            "volumes_from", "To share a volume between services, define it using the top-level `volumes` option and reference it"
                    + " from each service that shares it using the service-level `volumes` option.",
            "cpu_quota", "Set resource limits using deploy.resources",
            "cpu_shares", "Set resource limits using deploy.resources",
            "cpuset", "Set resource limits using deploy.resources",
            "mem_limit", "Set resource limits using deploy.resources",
            "memswap_limit", "Set resource limits using deploy.resources");

    /** One compose file: the name errors use, and its text. */
    public record Source(String name, String text) {
    }

    private ComposeLoader() {
    }

    /** Reads and loads {@code files}; relative paths resolve against the first file's directory. */
    public static ComposeProject load(List<Path> files, Map<String, String> env) {
        if (files.isEmpty()) {
            throw new ComposeException("Please specify a Compose file (with --compose-file)");
        }
        List<Source> sources = new ArrayList<>();
        for (Path f : files) {
            try {
                String text = StandardCharsets.UTF_8.newDecoder()
                        .decode(java.nio.ByteBuffer.wrap(CappedFile.read(f, CappedFile.COMPOSE_FILE))).toString();
                sources.add(new Source(f.toString(), text));
            } catch (CappedFile.TooLarge e) {
                throw new ComposeException(new Mark(f.toString(), 0), null, e.withoutFile());
            } catch (NoSuchFileException e) {
                throw new ComposeException(new Mark(f.toString(), 0), null, "no such file");
            } catch (IOException e) {
                throw new ComposeException(new Mark(f.toString(), 0), null, "cannot read: " + e.getMessage());
            }
        }
        Path dir = files.get(0).toAbsolutePath().normalize().getParent();
        return load(dir, sources, env);
    }

    /** Loads already-read files; {@code workingDir} anchors relative paths. */
    public static ComposeProject load(Path workingDir, List<Source> sources, Map<String, String> env) {
        List<String> warnings = new ArrayList<>();
        List<ComposeConfig> configs = new ArrayList<>();
        Set<String> unsupported = new TreeSet<>();
        Map<String, String> deprecated = new TreeMap<>();
        String projectVersion = null;
        Interpolator interpolator = new Interpolator(env);
        ComposeFileDecoder decoder = new ComposeFileDecoder(workingDir, env, warnings::add);
        for (Source src : sources) {
            YamlMap raw = YamlReader.read(src.name(), src.text());
            String version = version(raw);
            if (projectVersion == null) {
                projectVersion = version;
            } else if (!projectVersion.equals(version)) {
                throw new ComposeException(raw.keyMark("version"), "version",
                        "version mismatched between two composefiles : " + projectVersion + " and " + version);
            }
            if (!VERSIONS.contains(version)) {
                throw new ComposeException(raw.keyMark("version"), "version", "unsupported Compose file version: " + version);
            }
            scanServiceKeys(raw, unsupported, deprecated);
            YamlMap interpolated = interpolator.interpolate(raw);
            SchemaVersions.check(interpolated, version);
            configs.add(decoder.decode(interpolated, version));
        }
        ComposeConfig merged = ComposeMerge.merge(configs);
        List<String> notices = new ArrayList<>();
        if (!unsupported.isEmpty()) {
            notices.add("Ignoring unsupported options: " + String.join(", ", unsupported));
        }
        if (!deprecated.isEmpty()) {
            List<String> lines = new ArrayList<>();
            deprecated.forEach((k, v) -> lines.add(k + ": " + v));
            notices.add("Ignoring deprecated options:\n\n" + String.join("\n\n", lines));
        }
        notices.addAll(warnings);
        return new ComposeProject(merged, List.copyOf(notices), workingDir);
    }

    /** docker's schema.Version: the version as written ({@code fmt %v}), "3" and none meaning the latest. */
    static String version(YamlMap top) {
        YamlNode v = top.get("version");
        if (v == null) {
            return DEFAULT_VERSION;
        }
        String s = v instanceof YamlScalar sc ? GoNumbers.sprint(sc.value()) : "";
        if (v instanceof YamlScalar sc && sc.value() == null) {
            s = "<nil>";
        }
        return s.isEmpty() || s.equals("3") ? DEFAULT_VERSION : s;
    }

    private static void scanServiceKeys(YamlMap raw, Set<String> unsupported, Map<String, String> deprecated) {
        if (!(raw.get("services") instanceof YamlMap services)) {
            return;
        }
        for (Map.Entry<String, YamlNode.Entry> e : services.entries().entrySet()) {
            if (!(e.getValue().value() instanceof YamlMap service)) {
                continue;
            }
            for (String key : service.entries().keySet()) {
                if (FORBIDDEN.containsKey(key)) {
                    throw new ComposeException(service.keyMark(key), "services." + e.getKey() + "." + key,
                            "Compose file contains unsupported options: " + key + ": " + FORBIDDEN.get(key));
                }
                if (UNSUPPORTED.contains(key)) {
                    unsupported.add(key);
                }
                if (DEPRECATED.containsKey(key)) {
                    deprecated.put(key, DEPRECATED.get(key));
                }
            }
        }
    }
}
