package io.swarmops.ops.opts;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A short port spec ({@code 80}, {@code 8080:80/udp}, {@code 9090-9091:8080-8081},
 * {@code 127.0.0.1:8080:80}) as docker reads {@code --publish} and compose's {@code ports}:
 * go-connections' {@code nat.ParsePortSpec} (v0.5.0, the version docker 28 builds with), one
 * mapping per container port.
 */
public final class PortSpec {
    private PortSpec() {
    }

    /**
     * One container port and the host ports it is published on.
     *
     * @param hostIp    the host address given, without brackets ("" when none)
     * @param hostStart the first host port (0 when none is given)
     * @param hostEnd   the last host port: a range only for a single container port
     */
    public record Mapping(String hostIp, long target, String protocol, long hostStart, long hostEnd) {
        /** The published ports, as swarm's ConvertPortToPortConfig expands them (0: the swarm picks). */
        public List<Long> published() {
            List<Long> out = new ArrayList<>();
            for (long h = hostStart; h <= hostEnd; h++) {
                out.add(h);
            }
            return out;
        }

        /** The host binding as nat prints it: {@code 8080}, {@code 8080-8081}, or "" for none (or 0). */
        public String hostPort() {
            return hostEnd == 0 ? "" : hostStart == hostEnd ? String.valueOf(hostStart) : hostStart + "-" + hostEnd;
        }
    }

    public static List<Mapping> parse(String raw) {
        String[] parts = raw.split(":", -1);
        int n = parts.length;
        String ip = n < 3 ? "" : String.join(":", java.util.Arrays.copyOfRange(parts, 0, n - 2));
        String hostPort = n < 2 ? "" : parts[n - 2];
        String containerPort = parts[n - 1];
        String proto;
        String[] pp = containerPort.split("/", -1);
        if (containerPort.isEmpty() || pp[0].isEmpty()) {
            proto = "";
            containerPort = "";
        } else {
            proto = pp.length == 1 || pp[1].isEmpty() ? "tcp" : pp[1];
            containerPort = pp[0];
        }
        if (ip.startsWith("[")) {
            if (!ip.endsWith("]")) {
                throw new InvalidSyntax("invalid IP address: " + ip);
            }
            ip = ip.substring(1, ip.length() - 1);
        }
        if (!ip.isEmpty() && GoIp.canonical(ip) == null) {
            throw new InvalidSyntax("invalid IP address: " + ip);
        }
        if (containerPort.isEmpty()) {
            throw new InvalidSyntax("no port specified: " + raw + "<empty>");
        }
        long[] c = range(containerPort);
        if (c == null) {
            throw new InvalidSyntax("invalid containerPort: " + containerPort);
        }
        long[] h = {0, 0};
        if (!hostPort.isEmpty()) {
            h = range(hostPort);
            if (h == null) {
                throw new InvalidSyntax("invalid hostPort: " + hostPort);
            }
            if (c[1] - c[0] != h[1] - h[0] && c[1] != c[0]) {
                throw new InvalidSyntax("invalid ranges specified for container and host Ports: " + containerPort + " and " + hostPort);
            }
        }
        String p = proto.toLowerCase(Locale.ROOT);
        if (!(p.equals("tcp") || p.equals("udp") || p.equals("sctp"))) {
            throw new InvalidSyntax("invalid proto: " + proto);
        }
        List<Mapping> out = new ArrayList<>();
        for (long i = 0; i <= c[1] - c[0]; i++) {
            long start = hostPort.isEmpty() ? 0 : h[0] + i;
            long end = c[0] == c[1] ? h[1] : start;
            out.add(new Mapping(ip, c[0] + i, p, start, end));
        }
        return out;
    }

    /** nat.ParsePortRange of v0.5.0: {@code 80} or {@code 80-81} (a third part is ignored); null when refused. */
    private static long[] range(String ports) {
        String[] se = ports.split("-", -1);
        long start = port(se[0]);
        long end = se.length > 1 ? port(se[1]) : start;
        return start < 0 || end < start ? null : new long[] {start, end};
    }

    /** strconv.ParseUint(s, 10, 16); -1 when refused. */
    private static long port(String s) {
        if (!s.matches("[0-9]+")) {
            return -1;
        }
        BigInteger v = new BigInteger(s);
        return v.bitLength() > 16 ? -1 : v.longValue();
    }
}
