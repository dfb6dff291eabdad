package io.swarmops.cli.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.DurationConverter;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docker's service flag syntax, parsed into the Engine API's JSON shapes as docker/cli builds them
 * (opts/swarmopts/port.go, opts/mount.go, opts/network.go, opts/env.go, go-shlex). Pure.
 */
final class ServiceSpecs {
    private static final Pattern BYTES = Pattern.compile("(\\d+(?:\\.\\d+)?) ?([kKmMgGtTpP])?[iI]?[bB]?");
    private static final Pattern LONG_PORT = Pattern.compile("\\w+=\\w+(,\\w+=\\w+)*");

    private ServiceSpecs() {
    }

    // ---- ports -----------------------------------------------------------------------------

    /**
     * {@code --publish}: short syntax {@code 8080:80}, {@code 8080:80/udp}, {@code 80},
     * {@code 8080-8081:80-81}, or long {@code published=8080,target=80,protocol=udp,mode=host}.
     * One value may stand for several ports (ranges).
     */
    static List<ObjectNode> ports(String value) {
        return LONG_PORT.matcher(value).find() ? List.of(longPort(value)) : shortPorts(value);
    }

    private static ObjectNode longPort(String value) {
        String protocol = null;
        String mode = null;
        long target = 0;
        long published = 0;
        for (String field : csvFields(value, "--publish")) {
            String lower = field.toLowerCase(Locale.ROOT);
            int eq = lower.indexOf('=');
            if (eq <= 0) {
                throw SwarmOpsException.invalid("invalid field: " + field);
            }
            String key = lower.substring(0, eq);
            String v = lower.substring(eq + 1);
            switch (key) {
                case "protocol" -> {
                    if (!v.matches("tcp|udp|sctp")) {
                        throw SwarmOpsException.invalid("invalid protocol value '" + v + "'");
                    }
                    protocol = v;
                }
                case "mode" -> {
                    if (!v.matches("ingress|host")) {
                        throw SwarmOpsException.invalid("invalid publish mode value (" + v + "): must be either 'ingress' or 'host'");
                    }
                    mode = v;
                }
                case "target" -> target = port16(v, "invalid target port (" + v + "): value must be an integer");
                case "published" -> published = port16(v, "invalid published port (" + v + "): value must be an integer");
                default -> throw SwarmOpsException.invalid("invalid field key: " + key);
            }
        }
        if (target == 0) {
            throw SwarmOpsException.invalid("missing mandatory field 'target'");
        }
        return portConfig(protocol == null ? "tcp" : protocol, target, published, mode == null ? "ingress" : mode);
    }

    /** What nat.ParsePortSpecs and ConvertPortToPortConfig make of {@code [ip:]host:container[/proto]}. */
    private static List<ObjectNode> shortPorts(String value) {
        String raw = value;
        String proto = "tcp";
        int slash = raw.indexOf('/');
        if (slash >= 0) {
            String[] parts = raw.split("/", -1);
            if (!parts[1].isEmpty()) {
                proto = parts[1].toLowerCase(Locale.ROOT);
            }
            raw = parts[0];
        }
        if (!proto.matches("tcp|udp|sctp")) {
            throw SwarmOpsException.invalid("invalid proto: " + proto);
        }
        String[] parts = raw.split(":", -1);
        String host = "";
        String container;
        if (parts.length == 1) {
            container = parts[0];
        } else {
            container = parts[parts.length - 1];
            host = parts[parts.length - 2];
            if (parts.length > 2 && !String.join(":", java.util.Arrays.copyOf(parts, parts.length - 2)).isEmpty()) {
                throw SwarmOpsException.invalid("hostip is not supported");
            }
        }
        if (container.isEmpty()) {
            throw SwarmOpsException.invalid("no port specified: " + value + "<empty>");
        }
        long[] c = portRange(container, "invalid containerPort: " + container);
        long[] h = host.isEmpty() ? new long[] {0, 0} : portRange(host, "invalid hostPort: " + host);
        boolean containerRange = c[1] != c[0];
        if (!host.isEmpty() && containerRange && c[1] - c[0] != h[1] - h[0]) {
            throw SwarmOpsException.invalid("invalid ranges specified for container and host Ports: " + container + " and " + host);
        }
        List<ObjectNode> out = new ArrayList<>();
        if (!containerRange) {
            // one container port: a host range publishes it on each host port
            for (long p = h[0]; p <= h[1]; p++) {
                out.add(portConfig(proto, c[0], p, "ingress"));
            }
        } else {
            for (long i = 0; i <= c[1] - c[0]; i++) {
                out.add(portConfig(proto, c[0] + i, host.isEmpty() ? 0 : h[0] + i, "ingress"));
            }
        }
        return out;
    }

    private static long[] portRange(String spec, String error) {
        String[] se = spec.split("-", 2);
        long start = port16(se[0], error);
        long end = se.length > 1 ? port16(se[1], error) : start;
        if (end < start) {
            throw SwarmOpsException.invalid("invalid range specified for the Port: " + spec);
        }
        return new long[] {start, end};
    }

    private static long port16(String v, String error) {
        try {
            long p = Long.parseLong(v);
            if (p < 0 || p > 65535) {
                throw SwarmOpsException.invalid(error);
            }
            return p;
        } catch (NumberFormatException e) {
            throw SwarmOpsException.invalid(error);
        }
    }

    /** A swarm.PortConfig as Go marshals it: zero PublishedPort omitted. */
    static ObjectNode portConfig(String protocol, long target, long published, String mode) {
        ObjectNode p = Json.object();
        p.put("Protocol", protocol);
        p.put("TargetPort", target);
        if (published != 0) {
            p.put("PublishedPort", published);
        }
        p.put("PublishMode", mode);
        return p;
    }

    /** docker's portConfigToString: the identity of a port in {@code --publish-add}/{@code --publish-rm}. */
    static String portKey(JsonNode p) {
        return p.path("PublishedPort").asLong(0) + ":" + p.path("TargetPort").asLong(0) + "/" + p.path("Protocol").asText("")
                + "/" + p.path("PublishMode").asText("");
    }

    // ---- mounts ----------------------------------------------------------------------------

    /**
     * {@code --mount type=bind|volume|tmpfs,source=,target=,readonly,consistency=,bind-propagation=,
     * bind-nonrecursive,volume-nocopy,volume-driver=,volume-opt=k=v,volume-label=k=v,volume-subpath=,
     * tmpfs-size=,tmpfs-mode=}; type defaults to volume.
     */
    static ObjectNode mount(String value) {
        ObjectNode m = Json.object();
        m.put("Type", "volume");
        for (String field : csvFields(value, "--mount")) {
            int eq = field.indexOf('=');
            String key = (eq < 0 ? field : field.substring(0, eq)).toLowerCase(Locale.ROOT);
            if (eq < 0) {
                switch (key) {
                    case "readonly", "ro" -> m.put("ReadOnly", true);
                    case "volume-nocopy" -> volumeOptions(m).put("NoCopy", true);
                    case "bind-nonrecursive" -> m.with("BindOptions").put("NonRecursive", true);
                    default -> throw SwarmOpsException.invalid("invalid field '" + field + "' must be a key=value pair");
                }
                continue;
            }
            String v = field.substring(eq + 1);
            switch (key) {
                case "type" -> m.put("Type", v.toLowerCase(Locale.ROOT));
                case "source", "src" -> m.put("Source", v.equals(".") || v.startsWith("./")
                        ? Path.of(v).toAbsolutePath().normalize().toString() : v);
                case "target", "dst", "destination" -> m.put("Target", v);
                case "readonly", "ro" -> m.put("ReadOnly", goBool(v, "invalid value for " + key + ": " + v));
                case "consistency" -> m.put("Consistency", v.toLowerCase(Locale.ROOT));
                case "bind-propagation" -> m.with("BindOptions").put("Propagation", v.toLowerCase(Locale.ROOT));
                case "bind-nonrecursive" -> m.with("BindOptions").put("NonRecursive", goBool(v, "invalid value for " + key + ": " + v));
                case "volume-subpath" -> volumeOptions(m).put("Subpath", v);
                case "volume-nocopy" -> volumeOptions(m).put("NoCopy", goBool(v, "invalid value for volume-nocopy: " + v));
                case "volume-label" -> putKeyValue(volumeOptions(m).with("Labels"), v);
                case "volume-driver" -> volumeOptions(m).with("DriverConfig").put("Name", v);
                case "volume-opt" -> putKeyValue(volumeOptions(m).with("DriverConfig").with("Options"), v);
                case "tmpfs-size" -> m.with("TmpfsOptions").put("SizeBytes", bytes(v));
                case "tmpfs-mode" -> {
                    try {
                        m.with("TmpfsOptions").put("Mode", Long.parseLong(v, 8));
                    } catch (NumberFormatException e) {
                        throw SwarmOpsException.invalid("invalid value for " + key + ": " + v);
                    }
                }
                default -> throw SwarmOpsException.invalid("unexpected key '" + key + "' in '" + field + "'");
            }
        }
        String type = m.path("Type").asText();
        if (type.isEmpty()) {
            throw SwarmOpsException.invalid("type is required");
        }
        if (m.path("Target").asText("").isEmpty()) {
            throw SwarmOpsException.invalid("target is required");
        }
        if (!type.matches("bind|volume|tmpfs|npipe|cluster")) {
            throw SwarmOpsException.invalid("invalid mount type \"" + type + "\": use bind, volume or tmpfs");
        }
        for (String[] kind : new String[][] {{"VolumeOptions", "volume"}, {"BindOptions", "bind"}, {"TmpfsOptions", "tmpfs"}}) {
            if (m.has(kind[0]) && !type.equals(kind[1])) {
                throw SwarmOpsException.invalid("cannot mix '" + kind[1] + "-*' options with mount type '" + type + "'");
            }
        }
        // docker's VolumeOptions starts with an empty Labels map, which Go's omitempty drops
        if (m.path("VolumeOptions").isObject() && m.path("VolumeOptions").path("Labels").isEmpty()) {
            ((ObjectNode) m.path("VolumeOptions")).remove("Labels");
        }
        return m;
    }

    private static ObjectNode volumeOptions(ObjectNode mount) {
        ObjectNode vo = mount.with("VolumeOptions");
        vo.with("DriverConfig");
        return vo;
    }

    private static void putKeyValue(ObjectNode map, String kv) {
        String[] p = keyValue(kv);
        if (!p[0].isEmpty()) {
            map.put(p[0], p[1]);
        }
    }

    /** Go's strconv.ParseBool. */
    static boolean goBool(String v, String error) {
        return switch (v) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw SwarmOpsException.invalid(error);
        };
    }

    // ---- networks --------------------------------------------------------------------------

    /** {@code --network NAME} or {@code name=NAME,alias=A,driver-opt=K=V}: a NetworkAttachmentConfig (name not yet resolved). */
    static ObjectNode network(String value) {
        ObjectNode n = Json.object();
        if (!value.contains("=")) {
            n.put("Target", value);
            return n;
        }
        for (String field : csvFields(value, "--network")) {
            String[] kv = keyValue(field);
            switch (kv[0].trim().toLowerCase(Locale.ROOT)) {
                case "name" -> n.put("Target", kv[1]);
                case "alias" -> n.withArray("Aliases").add(kv[1]);
                case "driver-opt" -> {
                    String[] opt = keyValue(kv[1]);
                    if (opt[0].isEmpty() || !kv[1].contains("=")) {
                        throw SwarmOpsException.invalid("invalid key value pair format in driver options");
                    }
                    n.with("DriverOpts").put(opt[0], opt[1]);
                }
                default -> throw SwarmOpsException.invalid("invalid field key " + kv[0]);
            }
        }
        if (n.path("Target").asText("").isEmpty()) {
            throw SwarmOpsException.invalid("network name/id is not specified");
        }
        return n;
    }

    // ---- environment -----------------------------------------------------------------------

    /** docker's ValidateEnv: {@code K=V} as given; a bare {@code K} takes its value from the environment when set there. */
    static String env(String value, Map<String, String> environment) {
        int eq = value.indexOf('=');
        String key = eq < 0 ? value : value.substring(0, eq);
        if (key.isEmpty()) {
            throw SwarmOpsException.invalid("invalid environment variable: " + value);
        }
        if (eq < 0 && environment.containsKey(key)) {
            return key + "=" + environment.get(key);
        }
        return value;
    }

    /** docker's env file: {@code K=V} lines, {@code #} comments, a bare {@code K} from the environment. */
    static List<String> envFile(Path file, Map<String, String> environment) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw SwarmOpsException.invalid("cannot read env file " + file + ": " + e.getMessage());
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            line = line.stripLeading();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String variable = eq < 0 ? line : line.substring(0, eq);
            if (variable.contains(" ") || variable.contains("\t")) {
                throw SwarmOpsException.invalid("poorly formatted environment: variable '" + variable + "' contains whitespaces");
            }
            if (variable.isEmpty()) {
                throw SwarmOpsException.invalid("poorly formatted environment: no variable name on line '" + line + "'");
            }
            out.add(eq >= 0 || !environment.containsKey(variable) ? line : variable + "=" + environment.get(variable));
        }
        return out;
    }

    /** docker's makeEnv: in order, a later value for a key replaces an earlier one. */
    static List<String> dedupEnv(List<String> envs) {
        List<String> out = new ArrayList<>();
        for (String e : envs) {
            String key = keyValue(e)[0];
            out.removeIf(c -> !c.equals(e) && (c.equals(key) || c.startsWith(key + "=")));
            out.add(e);
        }
        return out;
    }

    // ---- scalars ---------------------------------------------------------------------------

    /** {@code 512M}, {@code 1.5g}, {@code 1024} → bytes (docker's RAMInBytes: binary units). */
    static long bytes(String value) {
        Matcher m = BYTES.matcher(value.trim());
        if (!m.matches()) {
            throw SwarmOpsException.invalid("invalid size: '" + value + "'");
        }
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        int power = "bkmgtp".indexOf(unit);
        return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1024).pow(power)).longValue();
    }

    /** {@code 0.5} CPUs → NanoCPUs; more precise than a nano-CPU is refused, as docker does. */
    static long nanoCpus(String value) {
        try {
            return new BigDecimal(value.trim()).movePointRight(9).longValueExact();
        } catch (NumberFormatException e) {
            throw SwarmOpsException.invalid("invalid CPU value: '" + value + "'");
        } catch (ArithmeticException e) {
            throw SwarmOpsException.invalid("value is too precise: '" + value + "'");
        }
    }

    static long nanos(String duration) {
        return DurationConverter.parse(duration).toNanos();
    }

    /** {@code spread=node.labels.rack} → a placement preference. */
    static ObjectNode preference(String value) {
        int eq = value.indexOf('=');
        if (eq <= 0) {
            throw SwarmOpsException.invalid("placement preference must be of the format \"<strategy>=<arg>\"");
        }
        if (!value.substring(0, eq).equals("spread")) {
            throw SwarmOpsException.invalid("unsupported placement preference " + value.substring(0, eq) + " (only spread is supported)");
        }
        ObjectNode p = Json.object();
        p.putObject("Spread").put("SpreadDescriptor", value.substring(eq + 1));
        return p;
    }

    /** Splits {@code K=V} (a bare {@code K} has the value "") for labels. */
    static String[] keyValue(String kv) {
        int eq = kv.indexOf('=');
        return eq < 0 ? new String[] {kv, ""} : new String[] {kv.substring(0, eq), kv.substring(eq + 1)};
    }

    /**
     * The spec as it would read back from JSON: numbers in the node types a parse gives (an int
     * where it fits), so a change that changed nothing compares equal to the spec it started from.
     */
    static ObjectNode asRead(ObjectNode spec) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(spec.toString());
        } catch (IOException e) {
            throw new IllegalStateException("a spec that does not read back: " + e.getMessage(), e);
        }
    }

    // ---- word splitting --------------------------------------------------------------------

    /**
     * Shell words as go-shlex splits {@code --entrypoint} and {@code --args}: blanks separate,
     * single quotes are literal, double quotes allow backslash escapes, {@code #} at a word's start
     * begins a comment.
     */
    static List<String> shellWords(String value) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        int i = 0;
        int n = value.length();
        while (i < n) {
            char c = value.charAt(i);
            if (word == null) {
                if (Character.isWhitespace(c)) {
                    i++;
                    continue;
                }
                if (c == '#') {
                    while (i < n && value.charAt(i) != '\n') {
                        i++;
                    }
                    continue;
                }
                word = new StringBuilder();
            }
            if (Character.isWhitespace(c)) {
                words.add(word.toString());
                word = null;
                i++;
            } else if (c == '\\') {
                if (i + 1 >= n) {
                    throw SwarmOpsException.invalid("EOF found after escape character");
                }
                word.append(value.charAt(i + 1));
                i += 2;
            } else if (c == '\'') {
                int end = value.indexOf('\'', i + 1);
                if (end < 0) {
                    throw SwarmOpsException.invalid("EOF found when expecting closing quote");
                }
                word.append(value, i + 1, end);
                i = end + 1;
            } else if (c == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw SwarmOpsException.invalid("EOF found when expecting closing quote");
                    }
                    char q = value.charAt(i);
                    if (q == '"') {
                        i++;
                        break;
                    }
                    if (q == '\\') {
                        if (i + 1 >= n) {
                            throw SwarmOpsException.invalid("EOF found when expecting closing quote");
                        }
                        word.append(value.charAt(i + 1));
                        i += 2;
                    } else {
                        word.append(q);
                        i++;
                    }
                }
            } else {
                word.append(c);
                i++;
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    /** One record of Go's encoding/csv: comma-separated, fields may be double-quoted with {@code ""} for a quote. */
    static List<String> csvFields(String value, String flag) {
        List<String> fields = new ArrayList<>();
        int i = 0;
        int n = value.length();
        while (true) {
            StringBuilder f = new StringBuilder();
            if (i < n && value.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw SwarmOpsException.invalid("extraneous or missing \" in quoted-field of " + flag + " " + value);
                    }
                    char c = value.charAt(i++);
                    if (c == '"') {
                        if (i < n && value.charAt(i) == '"') {
                            f.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        f.append(c);
                    }
                }
                if (i < n && value.charAt(i) != ',') {
                    throw SwarmOpsException.invalid("extraneous or missing \" in quoted-field of " + flag + " " + value);
                }
            } else {
                while (i < n && value.charAt(i) != ',') {
                    f.append(value.charAt(i++));
                }
            }
            fields.add(f.toString());
            if (i >= n) {
                return fields;
            }
            i++; // the comma
        }
    }
}
