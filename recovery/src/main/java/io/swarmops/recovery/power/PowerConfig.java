package io.swarmops.recovery.power;

import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.opts.GoDuration;
import io.swarmops.ops.opts.InvalidSyntax;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * How to power nodes off and on, and which stacks are the registry (brought back first):
 * <pre>
 * power:
 *   off: ["ssh", "-o", "BatchMode=yes", "root@{addr}", "systemctl", "poweroff"]
 *   on:  ["ipmitool", "-H", "{hostname}-bmc", "chassis", "power", "on"]
 *   timeout: 120s
 * registry:
 *   stacks: [registry]
 *   probe: http://127.0.0.1:5000/v2/
 * </pre>
 * Commands are argument lists run without a shell, and a placeholder's value must be a host name or
 * an address ({@link Machine}), so nothing in a hostname can inject a command or an option.
 */
public record PowerConfig(List<String> off, List<String> on, Duration timeout, List<String> registryStacks, String registryProbe) {
    public static final Path DEFAULT = Path.of("/etc/swarmops/power.yaml");

    public static PowerConfig none() {
        return new PowerConfig(List.of(), List.of(), Duration.ofMinutes(2), List.of(), null);
    }

    @SuppressWarnings("unchecked")
    public static PowerConfig read(Path file) {
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        } catch (IOException e) {
            throw SwarmOpsException.invalid("cannot read power config " + file + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw SwarmOpsException.invalid(file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (doc == null) {
            return none();
        }
        if (!(doc instanceof Map<?, ?> root)) {
            throw SwarmOpsException.invalid(file + ": expected a mapping with power: and registry:");
        }
        for (Object key : root.keySet()) {
            // nodes: is the node inventory, read by io.swarmops.ops.nodes.NodeInventory
            if (!"power".equals(key) && !"registry".equals(key) && !"nodes".equals(key)) {
                throw SwarmOpsException.invalid(file + ": unknown key " + key + " (expected power:, registry: and nodes:)");
            }
        }
        Map<String, Object> power = section(file, root, "power");
        Map<String, Object> registry = section(file, root, "registry");
        known(file, "power", power, "off", "on", "timeout");
        known(file, "registry", registry, "stacks", "probe");
        Duration timeout = Duration.ofMinutes(2);
        if (power.get("timeout") instanceof Number seconds) {
            timeout = Duration.ofSeconds(seconds.longValue());
        } else if (power.get("timeout") != null) {
            String t = power.get("timeout").toString().trim();
            try {
                timeout = GoDuration.duration(t);
            } catch (InvalidSyntax e) {
                throw SwarmOpsException.invalid(file + ": power.timeout: not a duration: " + t);
            }
        }
        Object probe = registry.get("probe");
        if (probe != null && !probe.toString().matches("https?://.+")) {
            throw SwarmOpsException.invalid(file + ": registry.probe: expected an http:// or https:// URL, got " + probe);
        }
        return new PowerConfig(strings(file, power, "power.off", "off", Boolean.FALSE), strings(file, power, "power.on", "on", Boolean.TRUE), timeout,
                strings(file, registry, "registry.stacks", "stacks", null), probe == null ? null : probe.toString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Path file, Map<?, ?> root, String key) {
        Object v = root.get(key);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?>)) {
            throw SwarmOpsException.invalid(file + ": " + key + ": expected a mapping");
        }
        return (Map<String, Object>) v;
    }

    /** A misspelt key would silently leave a command out: refused instead. */
    private static void known(Path file, String name, Map<String, Object> section, String... keys) {
        for (Object key : section.keySet()) {
            // YAML 1.1 reads unquoted off:/on: as booleans
            String k = Boolean.FALSE.equals(key) ? "off" : Boolean.TRUE.equals(key) ? "on" : String.valueOf(key);
            if (!List.of(keys).contains(k)) {
                throw SwarmOpsException.invalid(file + ": unknown key " + name + "." + k + " (expected " + String.join(", ", keys) + ")");
            }
        }
    }

    /** YAML 1.1 reads an unquoted {@code off:} key as false and {@code on:} as true: both spellings are accepted. */
    private static List<String> strings(Path file, Map<String, Object> section, String path, String key, Boolean yaml11Key) {
        Object v = section.containsKey(key) ? section.get(key) : yaml11Key != null && section.containsKey(yaml11Key) ? section.get(yaml11Key) : null;
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw SwarmOpsException.invalid(file + ": " + path + ": expected a list of arguments, e.g. [\"ssh\", \"root@{addr}\", \"poweroff\"]");
        }
        List<String> out = new ArrayList<>();
        for (Object x : list) {
            if (x instanceof Map<?, ?> || x instanceof List<?> || x == null) {
                throw SwarmOpsException.invalid(file + ": " + path + ": every argument must be a plain string, got " + x);
            }
            out.add(String.valueOf(x));
        }
        return List.copyOf(out);
    }

    /**
     * The command for a machine, placeholders filled: {hostname}, {addr}, {id}. A value the node
     * reported that is not a host name or address is refused (one line naming the node), never
     * passed on: an argument list keeps a shell out, not the option parser of ssh or ipmitool.
     */
    public static List<String> fill(List<String> template, Machine machine) {
        List<String> out = new ArrayList<>();
        for (String a : template) {
            StringBuilder b = new StringBuilder();
            java.util.regex.Matcher m = PLACEHOLDER.matcher(a);
            while (m.find()) {
                m.appendReplacement(b, java.util.regex.Matcher.quoteReplacement(machine.value(m.group(1))));
            }
            m.appendTail(b);
            out.add(b.toString());
        }
        return List.copyOf(out);
    }

    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("\\{(hostname|addr|id)\\}");
}
