package io.swarmops.cli.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.compose.yaml.GoNumbers;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.SwarmObject;
import io.swarmops.ops.opts.GoIp;
import io.swarmops.ops.opts.InvalidSyntax;
import io.swarmops.ops.opts.MemBytes;
import io.swarmops.ops.opts.PortSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docker's service flag syntax, parsed into the Engine API's JSON shapes as docker/cli builds them
 * (opts/swarmopts/port.go, opts/mount.go, opts/network.go, opts/env.go). Pure. The syntaxes that
 * compose files share (durations, sizes, CPUs, shell words, short ports, env files, IP addresses)
 * are read by {@link io.swarmops.ops.opts}.
 */
final class ServiceSpecs {
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

    /**
     * What nat.ParsePortSpecs and ConvertPortToPortConfig make of {@code host:container[/proto]}
     * (PortOpt.Set): a host IP is refused, each container port published on each host port.
     */
    private static List<ObjectNode> shortPorts(String value) {
        List<PortSpec.Mapping> mappings = PortSpec.parse(value);
        if (mappings.stream().anyMatch(m -> !m.hostIp().isEmpty())) {
            throw new InvalidSyntax("hostip is not supported");
        }
        List<ObjectNode> out = new ArrayList<>();
        for (PortSpec.Mapping m : mappings) {
            m.published().forEach(p -> out.add(portConfig(m.protocol(), m.target(), p, "ingress")));
        }
        return out;
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
                case "tmpfs-size" -> m.with("TmpfsOptions").put("SizeBytes", MemBytes.parse(v));
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

    // ---- secrets and configs ---------------------------------------------------------------

    /**
     * {@code --secret NAME} or {@code source=NAME,target=T,uid=U,gid=G,mode=M} (opts/secret.go): a
     * SecretReference whose ID is not yet resolved; the file is named after the secret unless a
     * target is given, owned by 0:0, mode 0444.
     */
    static ObjectNode secret(String value) {
        return fileReference(value, "secret", "SecretName");
    }

    /** {@code --config NAME} or {@code source=NAME,target=T,uid=U,gid=G,mode=M} (opts/config.go), as {@link #secret}. */
    static ObjectNode config(String value) {
        return fileReference(value, "config", "ConfigName");
    }

    private static ObjectNode fileReference(String value, String kind, String nameField) {
        if (value.isEmpty()) {
            throw SwarmOpsException.invalid("EOF"); // what Go's csv reader says of an empty record
        }
        List<String> fields = csvFields(value, "--" + kind);
        ObjectNode ref = Json.object();
        ObjectNode file = ref.putObject("File");
        file.put("Name", "").put("UID", "0").put("GID", "0").put("Mode", 0444);
        if (fields.size() == 1 && !fields.get(0).contains("=")) {
            file.put("Name", fields.get(0));
            ref.put(nameField, fields.get(0));
            return ref;
        }
        String name = "";
        for (String field : fields) {
            int eq = field.indexOf('=');
            if (eq <= 0) {
                throw SwarmOpsException.invalid("invalid field '" + field + "' must be a key=value pair");
            }
            String key = field.substring(0, eq);
            String v = field.substring(eq + 1);
            switch (key.toLowerCase(Locale.ROOT)) {
                case "source", "src" -> name = v;
                case "target" -> file.put("Name", v);
                case "uid" -> file.put("UID", v);
                case "gid" -> file.put("GID", v);
                case "mode" -> file.put("Mode", goUint(v, 32, "invalid mode specified: "));
                default -> throw SwarmOpsException.invalid("invalid field in " + kind + " request: " + key);
            }
        }
        if (name.isEmpty()) {
            throw SwarmOpsException.invalid("source is required");
        }
        ref.put(nameField, name);
        if (file.path("Name").asText().isEmpty()) {
            file.put("Name", name);
        }
        return ref;
    }

    /**
     * docker's ParseSecrets and ParseConfigs: no two references to the same target file, then each
     * name resolved to its ID (by name only, as docker does; an ID is not a name).
     *
     * @param kind      "secret" or "config"
     * @param nameField "SecretName" or "ConfigName"
     * @param ids       the IDs of those of the names that exist, by name
     */
    static List<ObjectNode> resolve(List<ObjectNode> refs, String kind, String nameField,
            Function<Set<String>, Map<String, String>> ids) {
        if (refs.isEmpty()) {
            return List.of();
        }
        Set<String> targets = new HashSet<>();
        Set<String> names = new LinkedHashSet<>();
        for (ObjectNode ref : refs) {
            if (!targets.add(ref.path("File").path("Name").asText())) {
                throw SwarmOpsException.invalid("duplicate " + kind + " target for " + ref.path(nameField).asText() + " not allowed");
            }
            names.add(ref.path(nameField).asText());
        }
        Map<String, String> found = ids.apply(names);
        String idField = nameField.replace("Name", "ID");
        List<ObjectNode> resolved = new ArrayList<>();
        for (ObjectNode ref : refs) {
            String id = found.get(ref.path(nameField).asText());
            if (id == null) {
                throw new SwarmOpsException(SwarmOpsException.Kind.NOT_FOUND, kind + " not found: " + ref.path(nameField).asText());
            }
            ObjectNode r = Json.object();
            r.set("File", ref.path("File").deepCopy());
            r.put(idField, id);
            r.put(nameField, ref.path(nameField).asText());
            resolved.add(r);
        }
        return resolved;
    }

    /** Go's strconv.ParseUint(v, 0, bits) (bits up to 63): decimal, 0x hex, 0o or leading-0 octal, 0b binary. */
    static long goUint(String v, int bits, String errorPrefix) {
        java.math.BigInteger n = v.startsWith("+") || v.startsWith("-") ? null : GoNumbers.parseIntBase0(v);
        if (n == null) {
            throw SwarmOpsException.invalid(errorPrefix + "strconv.ParseUint: parsing " + InvalidSyntax.quote(v) + ": invalid syntax");
        }
        if (n.bitLength() > Math.min(bits, 63)) {
            throw SwarmOpsException.invalid(errorPrefix + "strconv.ParseUint: parsing " + InvalidSyntax.quote(v) + ": value out of range");
        }
        return n.longValue();
    }

    // ---- ulimits, sysctls, capabilities, generic resources ---------------------------------

    private static final Set<String> ULIMITS = Set.of("core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice",
            "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack");

    /** {@code --ulimit nofile=1024[:2048]} (go-units ParseUlimit): a Ulimit, the hard limit the soft one when not given. */
    static ObjectNode ulimit(String value) {
        int eq = value.indexOf('=');
        if (eq < 0) {
            throw SwarmOpsException.invalid("invalid ulimit argument: " + value);
        }
        String name = value.substring(0, eq);
        if (!ULIMITS.contains(name)) {
            throw SwarmOpsException.invalid("invalid ulimit type: " + name);
        }
        String[] limits = value.substring(eq + 1).split(":", -1);
        if (limits.length > 2) {
            throw SwarmOpsException.invalid("too many limit value arguments - " + value.substring(eq + 1)
                    + ", can only have up to two, `soft[:hard]`");
        }
        long hard = limits.length == 2 ? goInt(limits[1]) : 0;
        long soft = goInt(limits[0]);
        if (limits.length == 1) {
            hard = soft;
        }
        if (hard != -1) {
            if (soft == -1) {
                throw SwarmOpsException.invalid("ulimit soft limit must be less than or equal to hard limit: soft: -1 (unlimited), hard: " + hard);
            }
            if (soft > hard) {
                throw SwarmOpsException.invalid("ulimit soft limit must be less than or equal to hard limit: " + soft + " > " + hard);
            }
        }
        ObjectNode u = Json.object();
        u.put("Name", name).put("Hard", hard).put("Soft", soft);
        return u;
    }

    /** Go's strconv.ParseInt(v, 10, 64). */
    private static long goInt(String v) {
        if (!v.matches("[+-]?\\d+")) {
            throw SwarmOpsException.invalid("strconv.ParseInt: parsing " + InvalidSyntax.quote(v) + ": invalid syntax");
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw SwarmOpsException.invalid("strconv.ParseInt: parsing " + InvalidSyntax.quote(v) + ": value out of range");
        }
    }

    /** docker's ConvertKVStringsToMap: {@code K=V}, a bare {@code K} maps to "", a later key wins. */
    static ObjectNode kvMap(List<String> kvs) {
        ObjectNode map = Json.object();
        for (String kv : kvs) {
            String[] p = keyValue(kv);
            map.put(p[0], p[1]);
        }
        return map;
    }

    /**
     * {@code --generic-resource KIND=N} (swarmkit's genericresource.Parse): discrete resources only,
     * as docker refuses named ones for services.
     */
    static List<ObjectNode> genericResources(List<String> values) {
        for (String v : values) {
            if (!v.contains("=")) {
                throw SwarmOpsException.invalid("invalid generic-resource format `" + v + "` expected `name=value`");
            }
        }
        String prefix = "invalid generic resource specification: could not parse GenericResource: ";
        Map<String, List<String>> byKind = new LinkedHashMap<>();
        for (String term : values) {
            String[] kv = term.split("=", -1);
            if (kv.length != 2) {
                throw SwarmOpsException.invalid(prefix + "incorrect term " + term + ", missing '=' or malformed expression");
            }
            byKind.computeIfAbsent(kv[0].trim(), k -> new ArrayList<>()).add(kv[1].trim());
        }
        List<ObjectNode> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : byKind.entrySet()) {
            List<Long> numbers = new ArrayList<>();
            for (String v : e.getValue()) {
                try {
                    numbers.add(Long.parseLong(v));
                } catch (NumberFormatException notANumber) {
                    // a named resource
                }
            }
            if (e.getValue().size() == 1 && numbers.size() == 1) {
                if (numbers.get(0) < 0) {
                    throw SwarmOpsException.invalid(prefix + "cannot ask for negative resource " + e.getKey());
                }
                ObjectNode spec = Json.object();
                if (!e.getKey().isEmpty()) {
                    spec.put("Kind", e.getKey());
                }
                if (numbers.get(0) != 0) {
                    spec.put("Value", numbers.get(0));
                }
                ObjectNode r = Json.object();
                r.set("DiscreteResourceSpec", spec);
                out.add(r);
            } else if (numbers.isEmpty()) {
                throw SwarmOpsException.invalid("invalid generic-resource request `" + e.getKey() + "=" + e.getValue().get(0)
                        + "`, Named Generic Resources is not supported for service create or update");
            } else {
                throw SwarmOpsException.invalid(prefix + "mixed discrete and named resources in expression '" + e.getKey() + "=["
                        + String.join(" ", e.getValue()) + "]'");
            }
        }
        return out;
    }

    // ---- DNS and hosts ---------------------------------------------------------------------

    private static final Pattern DOMAIN = Pattern.compile(
            "^(:?(:?[a-zA-Z0-9]|(:?[a-zA-Z0-9][a-zA-Z0-9\\-]*[a-zA-Z0-9]))(:?\\.(:?[a-zA-Z0-9]|(:?[a-zA-Z0-9][a-zA-Z0-9\\-]*[a-zA-Z0-9])))*)\\.?\\s*$");

    /** docker's ValidateIPAddress for {@code --dns}: an IP address, in Go's canonical form. */
    static String dnsServer(String value) {
        String ip = GoIp.canonical(value.strip());
        if (ip == null) {
            throw SwarmOpsException.invalid("IP address is not correctly formatted: " + value);
        }
        return ip;
    }

    /** docker's ValidateDNSSearch: a domain (its trailing dot dropped), or "." for none. */
    static String dnsSearch(String value) {
        String v = value.replaceAll("^ +| +$", "");
        if (v.equals(".")) {
            return v;
        }
        Matcher m = DOMAIN.matcher(v);
        if (v.matches("(?s).*[a-zA-Z].*") && m.find() && m.group(1).length() < 255) {
            return m.group(1);
        }
        throw SwarmOpsException.invalid(v + " is not a valid domain");
    }

    /**
     * docker's ValidateExtraHost then convertExtraHostsToSwarmHosts: {@code host:ip} (or
     * {@code host=ip}, an address in brackets) becomes the hosts-file line {@code "ip host"}.
     */
    static String extraHost(String value) {
        int eq = value.indexOf('=');
        int sep = eq >= 0 ? eq : value.indexOf(':');
        String host = sep < 0 ? "" : value.substring(0, sep);
        if (sep < 0 || host.isEmpty() || host.contains(":")) {
            throw SwarmOpsException.invalid("bad format for add-host: " + InvalidSyntax.quote(value));
        }
        String ip = value.substring(sep + 1);
        if (!ip.equals("host-gateway")) {
            if (ip.length() > 2 && ip.startsWith("[") && ip.endsWith("]")) {
                ip = ip.substring(1, ip.length() - 1);
            }
            if (GoIp.canonical(ip.strip()) == null) {
                throw SwarmOpsException.invalid("invalid IP address in add-host: " + InvalidSyntax.quote(ip));
            }
        }
        return ip + " " + host;
    }

    // ---- what create and update look up ----------------------------------------------------

    /** The daemon's answers the flags need: a network's ID, and the IDs of secrets and configs by name. */
    interface Lookups {
        String networkId(String reference);

        /** The IDs of those of {@code names} that are secrets, by name. */
        Map<String, String> secretIds(Set<String> names);

        /** The IDs of those of {@code names} that are configs, by name. */
        Map<String, String> configIds(Set<String> names);

        /** Asked of the daemon, as docker asks: a network inspect, a secret and a config list filtered by name. */
        static Lookups of(SwarmGateway gateway) {
            return new Lookups() {
                private final Map<String, String> networks = new HashMap<>();

                @Override
                public String networkId(String reference) {
                    return networks.computeIfAbsent(reference, r -> gateway.network(r).id());
                }

                @Override
                public Map<String, String> secretIds(Set<String> names) {
                    return byName(gateway.secrets(Map.of("name", List.copyOf(names))));
                }

                @Override
                public Map<String, String> configIds(Set<String> names) {
                    return byName(gateway.configs(Map.of("name", List.copyOf(names))));
                }
            };
        }

        private static Map<String, String> byName(List<SwarmObject> objects) {
            Map<String, String> ids = new HashMap<>();
            objects.forEach(o -> ids.put(o.name(), o.id()));
            return ids;
        }
    }

    // ---- scalars ---------------------------------------------------------------------------

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
