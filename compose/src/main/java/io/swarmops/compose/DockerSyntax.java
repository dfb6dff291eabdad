package io.swarmops.compose;

import io.swarmops.compose.model.ServiceConfig.PortConfig;
import io.swarmops.compose.model.ServiceConfig.VolumeMount;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small languages inside compose values, parsed as docker's Go code parses them: durations
 * ({@code time.ParseDuration}), sizes ({@code units.RAMInBytes}), command lines ({@code shlex}),
 * CPU counts, port specs ({@code nat.ParsePortSpec}), volume specs and capability names. Each failure is an
 * {@link IllegalArgumentException} carrying docker's message; the loader adds file, line and key.
 */
public final class DockerSyntax {
    private DockerSyntax() {
    }

    // ---- capabilities -------------------------------------------------------------------------

    /** The capability list standing for all of them, alone. */
    public static final String ALL_CAPABILITIES = "ALL";
    /** In an update: empty the list first. */
    public static final String RESET_CAPABILITIES = "RESET";

    /** docker's NormalizeCapability: trimmed, upper case, {@code CAP_} prefixed (but ALL and RESET). */
    public static String capability(String value) {
        String c = value.strip().toUpperCase(java.util.Locale.ROOT);
        return c.equals(ALL_CAPABILITIES) || c.equals(RESET_CAPABILITIES) || c.startsWith("CAP_") ? c : "CAP_" + c;
    }

    /** Capabilities normalized, sorted, each once. */
    public static java.util.SortedSet<String> capabilities(Iterable<String> values) {
        java.util.SortedSet<String> out = new java.util.TreeSet<>();
        values.forEach(v -> out.add(capability(v)));
        return out;
    }

    /**
     * docker's EffectiveCapAddCapDrop, for a new spec: normalized, sorted, once each; ALL stands
     * alone; adding wins over dropping; RESET means nothing here.
     */
    public static Capabilities effectiveCapabilities(Iterable<String> add, Iterable<String> drop) {
        java.util.SortedSet<String> adds = capabilities(add);
        java.util.SortedSet<String> drops = capabilities(drop);
        if (adds.contains(ALL_CAPABILITIES)) {
            adds = new java.util.TreeSet<>(List.of(ALL_CAPABILITIES));
        }
        if (drops.contains(ALL_CAPABILITIES)) {
            drops = new java.util.TreeSet<>(List.of(ALL_CAPABILITIES));
        }
        drops.removeAll(adds);
        adds.remove(RESET_CAPABILITIES);
        drops.remove(RESET_CAPABILITIES);
        return new Capabilities(List.copyOf(adds), List.copyOf(drops));
    }

    /** CapabilityAdd and CapabilityDrop of a container spec. */
    public record Capabilities(List<String> add, List<String> drop) {
    }

    // ---- durations ----------------------------------------------------------------------------

    private static final Map<String, Long> UNITS = Map.of(
            "ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    /** Go's {@code time.ParseDuration}, in nanoseconds. */
    public static long parseDuration(String orig) {
        String s = orig;
        boolean neg = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            neg = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return 0;
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("time: invalid duration \"" + orig + "\"");
        }
        BigInteger total = BigInteger.ZERO;
        while (!s.isEmpty()) {
            char c0 = s.charAt(0);
            if (!(c0 == '.' || c0 >= '0' && c0 <= '9')) {
                throw new IllegalArgumentException("time: invalid duration \"" + orig + "\"");
            }
            int i = 0;
            while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
                i++;
            }
            boolean pre = i > 0;
            BigInteger v = pre ? new BigInteger(s.substring(0, i)) : BigInteger.ZERO;
            s = s.substring(i);
            long f = 0;
            double scale = 1;
            boolean post = false;
            if (!s.isEmpty() && s.charAt(0) == '.') {
                s = s.substring(1);
                int j = 0;
                boolean overflow = false;
                while (j < s.length() && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
                    if (!overflow) {
                        if (f > (Long.MAX_VALUE - 9) / 10) {
                            overflow = true;
                        } else {
                            f = f * 10 + (s.charAt(j) - '0');
                            scale *= 10;
                        }
                    }
                    j++;
                }
                post = j > 0;
                s = s.substring(j);
            }
            if (!pre && !post) {
                throw new IllegalArgumentException("time: invalid duration \"" + orig + "\"");
            }
            int k = 0;
            while (k < s.length() && s.charAt(k) != '.' && !(s.charAt(k) >= '0' && s.charAt(k) <= '9')) {
                k++;
            }
            if (k == 0) {
                throw new IllegalArgumentException("time: missing unit in duration \"" + orig + "\"");
            }
            String u = s.substring(0, k);
            s = s.substring(k);
            Long unit = UNITS.get(u);
            if (unit == null) {
                throw new IllegalArgumentException("time: unknown unit \"" + u + "\" in duration \"" + orig + "\"");
            }
            v = v.multiply(BigInteger.valueOf(unit));
            if (f > 0) {
                v = v.add(BigInteger.valueOf((long) (f * (unit / scale))));
            }
            total = total.add(v);
            if (total.bitLength() > 63) {
                throw new IllegalArgumentException("time: invalid duration \"" + orig + "\"");
            }
        }
        return neg ? -total.longValue() : total.longValue();
    }

    /** Go's {@code time.Duration.String()}: {@code 1m30s}, {@code 1h0m0s}, {@code 500ms}. */
    public static String formatDuration(long d) {
        if (d == 0) {
            return "0s";
        }
        boolean neg = d < 0;
        BigInteger u = BigInteger.valueOf(d).abs();
        StringBuilder b = new StringBuilder();
        if (u.compareTo(BigInteger.valueOf(1_000_000_000L)) < 0) {
            long v = u.longValue();
            int prec;
            String unit;
            if (v < 1_000) {
                prec = 0;
                unit = "ns";
            } else if (v < 1_000_000) {
                prec = 3;
                unit = "\u00b5s";
            } else {
                prec = 6;
                unit = "ms";
            }
            b.append(fraction(v, prec)).append(unit);
            return (neg ? "-" : "") + b;
        }
        long v = u.longValue();
        String frac = fraction(v, 9);
        long secs = v / 1_000_000_000L;
        long mins = secs / 60;
        long hours = mins / 60;
        if (hours > 0) {
            b.append(hours).append('h');
        }
        if (mins > 0) {
            b.append(mins % 60).append('m');
        }
        String secPart = frac.contains(".") ? (secs % 60) + frac.substring(frac.indexOf('.')) : String.valueOf(secs % 60);
        b.append(secPart).append('s');
        return (neg ? "-" : "") + b;
    }

    /** {@code v / 10^prec} with the remainder as trailing-zero-free decimals. */
    private static String fraction(long v, int prec) {
        long pow = 1;
        for (int i = 0; i < prec; i++) {
            pow *= 10;
        }
        long whole = v / pow;
        long rem = v % pow;
        if (rem == 0) {
            return String.valueOf(whole);
        }
        String digits = String.format("%0" + prec + "d", rem).replaceAll("0+$", "");
        return whole + "." + digits;
    }

    // ---- sizes --------------------------------------------------------------------------------

    private static final Pattern SIZE = Pattern.compile("^(\\d+(\\.\\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$");

    /** go-units' {@code RAMInBytes}: {@code 64M} is 67108864 (binary multiples). */
    public static long ramInBytes(String s) {
        Matcher m = SIZE.matcher(s);
        if (!m.matches() || m.group(1).chars().filter(ch -> ch == '.').count() > 1) {
            throw new IllegalArgumentException("invalid size: '" + s + "'");
        }
        double size = Double.parseDouble(m.group(1));
        long mult = 1;
        if (m.group(3) != null) {
            mult = switch (Character.toLowerCase(m.group(3).charAt(0))) {
                case 'k' -> 1L << 10;
                case 'm' -> 1L << 20;
                case 'g' -> 1L << 30;
                case 't' -> 1L << 40;
                default -> 1L << 50;
            };
        }
        return (long) (size * mult);
    }

    // ---- cpus ---------------------------------------------------------------------------------

    /** docker's {@code opts.ParseCPUs}: a rational number of CPUs, in nano CPUs. */
    public static long parseCpus(String value) {
        BigDecimal cpu;
        try {
            int slash = value.indexOf('/');
            if (slash >= 0) {
                BigDecimal num = new BigDecimal(value.substring(0, slash));
                BigDecimal den = new BigDecimal(value.substring(slash + 1));
                cpu = num.multiply(BigDecimal.valueOf(1_000_000_000L)).divide(den, 30, java.math.RoundingMode.HALF_EVEN);
                if (cpu.stripTrailingZeros().scale() > 0) {
                    throw new IllegalArgumentException("value is too precise");
                }
                return cpu.longValue();
            }
            cpu = new BigDecimal(value.startsWith("+") ? value.substring(1) : value);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("failed to parse " + value + " as a rational number");
        }
        BigDecimal nano = cpu.multiply(BigDecimal.valueOf(1_000_000_000L));
        if (nano.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("value is too precise");
        }
        return nano.longValue();
    }

    // ---- shell words --------------------------------------------------------------------------

    /** google/shlex's {@code Split}: POSIX-style words, quotes, backslashes, {@code #} comments. */
    public static List<String> shlexSplit(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        int i = 0;
        int n = s.length();
        while (true) {
            // start state
            while (i < n && isSpace(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return words;
            }
            char c = s.charAt(i);
            if (c == '#') {
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            word = new StringBuilder();
            // word, with quotes and escapes
            while (i < n) {
                c = s.charAt(i);
                if (isSpace(c)) {
                    break;
                }
                i++;
                if (c == '\\') {
                    if (i >= n) {
                        throw new IllegalArgumentException("EOF found after escape character");
                    }
                    word.append(s.charAt(i++));
                } else if (c == '"') {
                    while (true) {
                        if (i >= n) {
                            throw new IllegalArgumentException("EOF found when expecting closing quote");
                        }
                        char q = s.charAt(i++);
                        if (q == '"') {
                            break;
                        }
                        if (q == '\\') {
                            if (i >= n) {
                                throw new IllegalArgumentException("EOF found when expecting closing quote");
                            }
                            word.append(s.charAt(i++));
                        } else {
                            word.append(q);
                        }
                    }
                } else if (c == '\'') {
                    while (true) {
                        if (i >= n) {
                            throw new IllegalArgumentException("EOF found when expecting closing quote");
                        }
                        char q = s.charAt(i++);
                        if (q == '\'') {
                            break;
                        }
                        word.append(q);
                    }
                } else {
                    word.append(c);
                }
            }
            words.add(word.toString());
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    // ---- ports --------------------------------------------------------------------------------

    /** A short-syntax port ({@code 8080:80/udp}, {@code 9090-9091:8080-8081}) as docker expands it. */
    public static List<PortConfig> parsePortSpec(String raw) {
        return parsePortSpec(raw, w -> { });
    }

    /**
     * As {@link #parsePortSpec(String)}, telling {@code warnings} of each host IP that swarm mode
     * ignores, in docker's words (ConvertPortToPortConfig), once per binding as nat.ParsePortSpec
     * makes them.
     */
    public static List<PortConfig> parsePortSpec(String raw, java.util.function.Consumer<String> warnings) {
        String[] parts = raw.split(":", -1);
        int n = parts.length;
        String ip;
        String hostPort;
        String containerPort = parts[n - 1];
        switch (n) {
            case 1 -> {
                ip = "";
                hostPort = "";
            }
            case 2 -> {
                ip = "";
                hostPort = parts[0];
            }
            case 3 -> {
                ip = parts[0];
                hostPort = parts[1];
            }
            default -> {
                ip = String.join(":", java.util.Arrays.copyOfRange(parts, 0, n - 2));
                hostPort = parts[n - 2];
            }
        }
        String proto;
        String[] pp = containerPort.split("/", -1);
        if (containerPort.isEmpty() || pp[0].isEmpty()) {
            proto = "";
            containerPort = "";
        } else if (pp.length == 1 || pp[1].isEmpty()) {
            proto = "tcp";
            containerPort = pp[0];
        } else {
            proto = pp[1];
            containerPort = pp[0];
        }
        if (!ip.isEmpty() && ip.charAt(0) == '[') {
            ip = ip.replaceAll("^\\[|\\]$", "");
        }
        if (!ip.isEmpty() && !isIp(ip)) {
            throw new IllegalArgumentException("invalid IP address: " + ip);
        }
        if (containerPort.isEmpty()) {
            throw new IllegalArgumentException("no port specified: " + raw + "<empty>");
        }
        long[] cr;
        try {
            cr = portRange(containerPort);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid containerPort: " + containerPort);
        }
        long[] hr = {0, 0};
        if (!hostPort.isEmpty()) {
            try {
                hr = portRange(hostPort);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid hostPort: " + hostPort);
            }
        }
        if (!hostPort.isEmpty() && (cr[1] - cr[0]) != (hr[1] - hr[0]) && cr[1] != cr[0]) {
            throw new IllegalArgumentException("invalid ranges specified for container and host Ports: "
                    + containerPort + " and " + hostPort);
        }
        String p = proto.toLowerCase(java.util.Locale.ROOT);
        if (!(p.equals("tcp") || p.equals("udp") || p.equals("sctp"))) {
            throw new IllegalArgumentException("invalid proto: " + proto);
        }
        // nat.ParsePortSpecs keys the result by "port/proto" and docker sorts those keys as strings
        Map<String, List<PortConfig>> byKey = new TreeMap<>();
        Map<String, String> ignoredIps = new TreeMap<>();
        for (long i = 0; i <= cr[1] - cr[0]; i++) {
            long target = cr[0] + i;
            long hostStart;
            long hostEnd;
            if (hostPort.isEmpty()) {
                hostStart = 0;
                hostEnd = 0;
            } else if (cr[0] == cr[1] && hr[0] != hr[1]) {
                hostStart = hr[0];
                hostEnd = hr[1];
            } else {
                hostStart = hr[0] + i;
                hostEnd = hostStart;
            }
            List<PortConfig> list = byKey.computeIfAbsent(target + "/" + p, k -> new ArrayList<>());
            if (!ip.isEmpty() && !isUnspecified(ip)) {
                String binding = hostPort.isEmpty() ? "" : hostStart == hostEnd ? String.valueOf(hostStart) : hostStart + "-" + hostEnd;
                String joined = ip.contains(":") ? "[" + ip + "]:" + binding : ip + ":" + binding;
                ignoredIps.put(target + "/" + p, "ignoring IP-address (" + joined + ":" + target + "/" + p
                        + ") service will listen on '0.0.0.0'");
            }
            for (long h = hostStart; h <= hostEnd; h++) {
                list.add(new PortConfig("ingress", "", target, h, p));
            }
        }
        List<PortConfig> out = new ArrayList<>();
        byKey.values().forEach(out::addAll);
        ignoredIps.values().forEach(warnings);
        return out;
    }

    private static boolean isUnspecified(String ip) {
        try {
            return InetAddress.getByName(ip).isAnyLocalAddress();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static long[] portRange(String ports) {
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("empty string specified for ports");
        }
        int dash = ports.indexOf('-');
        if (dash < 0) {
            long p = port(ports);
            return new long[] {p, p};
        }
        long start = port(ports.substring(0, dash));
        long end = port(ports.substring(dash + 1));
        if (end < start) {
            throw new IllegalArgumentException("invalid range specified for port: " + ports);
        }
        return new long[] {start, end};
    }

    private static long port(String s) {
        if (!s.matches("[0-9]{1,5}")) {
            throw new IllegalArgumentException("invalid port " + s);
        }
        long v = Long.parseLong(s);
        if (v > 65535) {
            throw new IllegalArgumentException("invalid port " + s);
        }
        return v;
    }

    private static boolean isIp(String s) {
        if (!s.matches("[0-9a-fA-F.:]+") || !s.matches(".*[.:].*")) {
            return false;
        }
        try {
            InetAddress.getByName(s);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    // ---- volumes ------------------------------------------------------------------------------

    private static final List<String> PROPAGATIONS = List.of("rprivate", "private", "rshared", "shared", "rslave", "slave");

    /** A short-syntax volume ({@code ./data:/data:ro}, {@code db:/var/lib/db:nocopy}) as docker reads it. */
    public static VolumeMount parseVolume(String spec) {
        VolumeMount v = new VolumeMount();
        if (spec.isEmpty()) {
            throw new IllegalArgumentException("invalid empty volume spec");
        }
        if (spec.codePointCount(0, spec.length()) <= 2 && spec.length() <= 2) {
            v.target = spec;
            v.type = "volume";
            return v;
        }
        StringBuilder buffer = new StringBuilder();
        int[] cps = (spec + "\0").codePoints().toArray();
        for (int cp : cps) {
            if (cp == ':' && buffer.codePointCount(0, buffer.length()) == 1 && Character.isLetter(buffer.codePointAt(0))) {
                buffer.appendCodePoint(cp);
            } else if (cp == ':' || cp == 0) {
                try {
                    populate(cp, buffer.toString(), v);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("invalid spec: " + spec + ": " + e.getMessage());
                }
                buffer.setLength(0);
            } else {
                buffer.appendCodePoint(cp);
            }
        }
        if (v.source.isEmpty()) {
            v.type = "volume";
        } else if (isFilePath(v.source)) {
            v.type = "bind";
        } else {
            v.type = "volume";
        }
        return v;
    }

    private static void populate(int c, String buffer, VolumeMount v) {
        if (buffer.isEmpty()) {
            throw new IllegalArgumentException("empty section between colons");
        }
        if (v.source.isEmpty() && c == 0) {
            v.target = buffer;
            return;
        }
        if (v.source.isEmpty()) {
            v.source = buffer;
            return;
        }
        if (v.target.isEmpty()) {
            v.target = buffer;
            return;
        }
        if (c == ':') {
            throw new IllegalArgumentException("too many colons");
        }
        for (String option : buffer.split(",", -1)) {
            switch (option) {
                case "ro" -> v.readOnly = true;
                case "rw" -> v.readOnly = false;
                case "nocopy" -> v.volumeNoCopy = Boolean.TRUE;
                default -> {
                    if (PROPAGATIONS.contains(option)) {
                        v.bindPropagation = option;
                    }
                }
            }
        }
    }

    private static boolean isFilePath(String source) {
        char c = source.charAt(0);
        if (c == '.' || c == '/' || c == '~') {
            return true;
        }
        if (source.codePointCount(0, source.length()) == 1) {
            return false;
        }
        if (source.startsWith("\\\\")) {
            return true;
        }
        int first = source.codePointAt(0);
        int next = Character.charCount(first);
        return source.charAt(next) == ':' && Character.isLetter(first);
    }
}
