package io.swarmops.compose;

import io.swarmops.compose.yaml.YamlNode;
import io.swarmops.compose.yaml.YamlNode.YamlList;
import io.swarmops.compose.yaml.YamlNode.YamlMap;
import io.swarmops.compose.yaml.YamlNode.YamlScalar;
import java.util.Map;
import java.util.Set;

/**
 * The keys that the compose schema of a file's own {@code version} lacks. docker validates each
 * file against {@code config_schema_v<version>.json}, not the latest one, so {@code version: "3.3"}
 * with {@code init: true} or a top-level {@code x-} field is refused. {@link ComposeFileDecoder}
 * checks against the latest schema (3.13); this adds what the older schemas refuse on top.
 *
 * <p>The table is the difference between the schemas docker 28 embeds (3.0 to 3.13), reduced to the
 * outermost key of each addition; paths use {@code *} for a name and {@code []} for a list item.
 */
final class SchemaVersions {
    private static final Map<String, String> SINCE = Map.ofEntries(
            Map.entry("secrets", "3.1"),
            Map.entry("secrets.*.name", "3.5"),
            Map.entry("secrets.*.driver", "3.8"),
            Map.entry("secrets.*.driver_opts", "3.8"),
            Map.entry("secrets.*.template_driver", "3.8"),
            Map.entry("configs", "3.3"),
            Map.entry("configs.*.name", "3.5"),
            Map.entry("configs.*.template_driver", "3.8"),
            Map.entry("networks.*.attachable", "3.2"),
            Map.entry("networks.*.name", "3.5"),
            Map.entry("volumes.*.name", "3.4"),
            Map.entry("services.*.secrets", "3.1"),
            Map.entry("services.*.configs", "3.3"),
            Map.entry("services.*.credential_spec", "3.3"),
            Map.entry("services.*.credential_spec.config", "3.8"),
            Map.entry("services.*.isolation", "3.5"),
            Map.entry("services.*.init", "3.7"),
            Map.entry("services.*.cgroupns_mode", "3.9"),
            Map.entry("services.*.oom_score_adj", "3.13"),
            Map.entry("services.*.networks.*.driver_opts", "3.13"),
            Map.entry("services.*.healthcheck.start_period", "3.4"),
            Map.entry("services.*.healthcheck.start_interval", "3.12"),
            Map.entry("services.*.build.cache_from", "3.2"),
            Map.entry("services.*.build.labels", "3.3"),
            Map.entry("services.*.build.network", "3.4"),
            Map.entry("services.*.build.target", "3.4"),
            Map.entry("services.*.build.shm_size", "3.5"),
            Map.entry("services.*.build.extra_hosts", "3.9"),
            Map.entry("services.*.deploy.endpoint_mode", "3.2"),
            Map.entry("services.*.deploy.placement.preferences", "3.3"),
            Map.entry("services.*.deploy.placement.max_replicas_per_node", "3.8"),
            Map.entry("services.*.deploy.resources.limits.pids", "3.9"),
            Map.entry("services.*.deploy.resources.reservations.generic_resources", "3.5"),
            Map.entry("services.*.deploy.update_config.order", "3.4"),
            Map.entry("services.*.deploy.rollback_config", "3.7"),
            // long syntax: before 3.2 a port or a volume is a string only
            Map.entry("services.*.ports[].mode", "3.2"),
            Map.entry("services.*.ports[].protocol", "3.2"),
            Map.entry("services.*.ports[].published", "3.2"),
            Map.entry("services.*.ports[].target", "3.2"),
            Map.entry("services.*.volumes[].type", "3.2"),
            Map.entry("services.*.volumes[].source", "3.2"),
            Map.entry("services.*.volumes[].target", "3.2"),
            Map.entry("services.*.volumes[].read_only", "3.2"),
            Map.entry("services.*.volumes[].consistency", "3.2"),
            Map.entry("services.*.volumes[].bind", "3.2"),
            Map.entry("services.*.volumes[].volume", "3.2"),
            Map.entry("services.*.volumes[].tmpfs", "3.6"));

    /** Where {@code x-} fields are allowed, and since when. */
    private static final Map<String, String> EXTENSIONS_SINCE = Map.of(
            "", "3.4", "services.*", "3.7", "networks.*", "3.7", "volumes.*", "3.7", "secrets.*", "3.7", "configs.*", "3.7");

    /** Mappings whose keys are names, not fields. */
    private static final Set<String> NAMED = Set.of("services", "networks", "volumes", "secrets", "configs", "services.*.networks");

    private SchemaVersions() {
    }

    /** Refuses the first key of the (interpolated) file that its version's schema does not have. */
    static void check(YamlMap top, String version) {
        walk(top, "", "", version);
    }

    private static void walk(YamlNode node, String path, String key, String version) {
        if (node instanceof YamlList l) {
            boolean shortOnly = !ComposeFileDecoder.versionAtLeast(version, "3.2");
            if (shortOnly && path.equals("services.*.volumes")) {
                for (int a = 0; a < l.items().size(); a++) {
                    for (int b = a + 1; b < l.items().size(); b++) {
                        if (l.items().get(a) instanceof YamlScalar x && l.items().get(b) instanceof YamlScalar y
                                && x.value() != null && x.value().equals(y.value())) {
                            throw new ComposeException(l.mark(), key, "array items[" + a + "," + b + "] must be unique");
                        }
                    }
                }
            }
            int i = 0;
            for (YamlNode item : l.items()) {
                if (shortOnly && item instanceof YamlMap && (path.equals("services.*.ports") || path.equals("services.*.volumes"))) {
                    throw new ComposeException(item.mark(), key + "[" + i + "]",
                            path.endsWith("ports") ? "must be a string or number" : "must be a string");
                }
                walk(item, path + "[]", key + "[" + i++ + "]", version);
            }
            return;
        }
        if (!(node instanceof YamlMap m)) {
            return;
        }
        for (Map.Entry<String, YamlNode.Entry> e : m.entries().entrySet()) {
            String k = e.getKey();
            String childKey = YamlValues.join(key, k);
            String childPath = NAMED.contains(path) ? YamlValues.join(path, "*") : YamlValues.join(path, k);
            if (k.startsWith("x-") && EXTENSIONS_SINCE.containsKey(path)) {
                boolean field = childPath.equals("volumes.*.x-cluster-spec") && ComposeFileDecoder.versionAtLeast(version, "3.10");
                if (!field && !ComposeFileDecoder.versionAtLeast(version, EXTENSIONS_SINCE.get(path))) {
                    throw refused(m, k, childKey);
                }
                continue;
            }
            String since = SINCE.get(childPath);
            if (since != null && !ComposeFileDecoder.versionAtLeast(version, since)) {
                throw refused(m, k, childKey);
            }
            walk(e.getValue().value(), childPath, childKey, version);
        }
    }

    private static ComposeException refused(YamlMap m, String k, String key) {
        return new ComposeException(m.keyMark(k), key, "additional property " + k + " is not allowed");
    }
}
