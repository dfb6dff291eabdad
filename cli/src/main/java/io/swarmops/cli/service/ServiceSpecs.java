package io.swarmops.cli.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.DurationConverter;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Json;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** docker's service flag syntax, parsed into the Engine API's JSON shapes (pure). */
final class ServiceSpecs {
    private static final Pattern BYTES = Pattern.compile("(?i)(\\d+(?:\\.\\d+)?)\\s*([kmgtp]?)i?b?");

    private ServiceSpecs() {
    }

    /** {@code --publish}: {@code 8080:80}, {@code 8080:80/udp}, {@code 80}, or {@code published=8080,target=80,protocol=udp,mode=host}. */
    static ObjectNode port(String value) {
        ObjectNode p = Json.object();
        String protocol = "tcp";
        String mode = "ingress";
        Integer target = null;
        Integer published = null;
        try {
            if (value.contains("=")) {
                for (String kv : value.split(",")) {
                    String[] pair = kv.split("=", 2);
                    String v = pair.length > 1 ? pair[1].trim() : "";
                    switch (pair[0].trim()) {
                        case "target" -> target = Integer.parseInt(v);
                        case "published" -> published = Integer.parseInt(v);
                        case "protocol" -> protocol = v;
                        case "mode" -> mode = v;
                        default -> throw SwarmOpsException.invalid("invalid field \"" + pair[0] + "\" in --publish " + value);
                    }
                }
            } else {
                String spec = value;
                int slash = spec.indexOf('/');
                if (slash >= 0) {
                    protocol = spec.substring(slash + 1);
                    spec = spec.substring(0, slash);
                }
                int colon = spec.lastIndexOf(':');
                if (colon >= 0) {
                    published = Integer.parseInt(spec.substring(0, colon));
                    target = Integer.parseInt(spec.substring(colon + 1));
                } else {
                    target = Integer.parseInt(spec);
                }
            }
        } catch (NumberFormatException e) {
            throw SwarmOpsException.invalid("invalid port in --publish " + value);
        }
        if (target == null) {
            throw SwarmOpsException.invalid("missing target port in --publish " + value);
        }
        if (!protocol.matches("tcp|udp|sctp")) {
            throw SwarmOpsException.invalid("invalid protocol \"" + protocol + "\" in --publish " + value);
        }
        if (!mode.matches("ingress|host")) {
            throw SwarmOpsException.invalid("invalid publish mode \"" + mode + "\" in --publish " + value);
        }
        p.put("Protocol", protocol);
        p.put("TargetPort", target);
        if (published != null) {
            p.put("PublishedPort", published);
        }
        p.put("PublishMode", mode);
        return p;
    }

    /** {@code --mount type=bind|volume|tmpfs,source=,target=,readonly,volume-driver=,volume-opt=k=v,tmpfs-size=}. */
    static ObjectNode mount(String value) {
        ObjectNode m = Json.object();
        m.put("Type", "volume");
        for (String kv : value.split(",")) {
            String[] pair = kv.split("=", 2);
            String key = pair[0].trim().toLowerCase(Locale.ROOT);
            String v = pair.length > 1 ? pair[1] : "true";
            switch (key) {
                case "type" -> m.put("Type", v);
                case "source", "src" -> m.put("Source", v);
                case "target", "destination", "dst" -> m.put("Target", v);
                case "readonly", "ro" -> m.put("ReadOnly", Boolean.parseBoolean(v) || v.equals("1"));
                case "consistency" -> m.put("Consistency", v);
                case "bind-propagation" -> m.with("BindOptions").put("Propagation", v);
                case "volume-nocopy" -> m.with("VolumeOptions").put("NoCopy", Boolean.parseBoolean(v));
                case "volume-driver" -> m.with("VolumeOptions").with("DriverConfig").put("Name", v);
                case "volume-opt" -> {
                    String[] o = v.split("=", 2);
                    m.with("VolumeOptions").with("DriverConfig").with("Options").put(o[0], o.length > 1 ? o[1] : "");
                }
                case "volume-label" -> {
                    String[] o = v.split("=", 2);
                    m.with("VolumeOptions").with("Labels").put(o[0], o.length > 1 ? o[1] : "");
                }
                case "tmpfs-size" -> m.with("TmpfsOptions").put("SizeBytes", bytes(v));
                case "tmpfs-mode" -> m.with("TmpfsOptions").put("Mode", Integer.parseInt(v, 8));
                default -> throw SwarmOpsException.invalid("unexpected key '" + pair[0] + "' in --mount " + value);
            }
        }
        if (!m.has("Target")) {
            throw SwarmOpsException.invalid("target is required in --mount " + value);
        }
        if (!m.path("Type").asText().matches("bind|volume|tmpfs|npipe")) {
            throw SwarmOpsException.invalid("invalid mount type \"" + m.path("Type").asText() + "\"");
        }
        return m;
    }

    /** {@code 512M}, {@code 1.5g}, {@code 1024} → bytes (docker's RAMInBytes: binary units). */
    static long bytes(String value) {
        Matcher m = BYTES.matcher(value.trim());
        if (!m.matches()) {
            throw SwarmOpsException.invalid("invalid size: '" + value + "'");
        }
        int power = "bkmgtp".indexOf(m.group(2).isEmpty() ? "b" : m.group(2).toLowerCase(Locale.ROOT));
        return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1024).pow(power)).longValue();
    }

    /** {@code 0.5} CPUs → NanoCPUs. */
    static long nanoCpus(String value) {
        try {
            return new BigDecimal(value.trim()).movePointRight(9).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw SwarmOpsException.invalid("invalid CPU value: '" + value + "'");
        }
    }

    static long nanos(String duration) {
        return DurationConverter.parse(duration).toNanos();
    }

    /** {@code spread=node.labels.rack} → a placement preference. */
    static ObjectNode preference(String value) {
        String[] kv = value.split("=", 2);
        if (kv.length != 2 || !kv[0].equals("spread") || kv[1].isBlank()) {
            throw SwarmOpsException.invalid("invalid --placement-pref \"" + value + "\": use spread=node.labels.KEY");
        }
        ObjectNode p = Json.object();
        p.putObject("Spread").put("SpreadDescriptor", kv[1]);
        return p;
    }

    /** Splits {@code K=V} (a bare {@code K} has the value "") for labels. */
    static String[] keyValue(String kv) {
        int eq = kv.indexOf('=');
        return eq < 0 ? new String[] {kv, ""} : new String[] {kv.substring(0, eq), kv.substring(eq + 1)};
    }

    /** Removes array elements for which {@code match} holds. */
    static void removeIf(ArrayNode array, java.util.function.Predicate<JsonNode> match) {
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            if (match.test(it.next())) {
                it.remove();
            }
        }
    }
}
