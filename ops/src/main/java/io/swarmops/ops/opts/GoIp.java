package io.swarmops.ops.opts;

import java.util.ArrayList;
import java.util.List;

/** IP addresses as Go reads and prints them ({@code net.ParseIP}, {@code IP.String}). */
public final class GoIp {
    private GoIp() {
    }

    /** Go's net.ParseIP then IP.String: dotted IPv4 (also for IPv4-mapped IPv6), RFC 5952 IPv6; null when not an address. */
    public static String canonical(String s) {
        int[] v4 = ipv4(s);
        if (v4 != null) {
            return v4[0] + "." + v4[1] + "." + v4[2] + "." + v4[3];
        }
        int[] g = ipv6(s);
        if (g == null) {
            return null;
        }
        if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff) {
            return (g[6] >> 8) + "." + (g[6] & 0xff) + "." + (g[7] >> 8) + "." + (g[7] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLength - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(Integer.toHexString(g[i]));
        }
        return b.toString();
    }

    private static int[] ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        int[] out = new int[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (!p.matches("\\d{1,3}") || (p.length() > 1 && p.startsWith("0"))) {
                return null;
            }
            out[i] = Integer.parseInt(p);
            if (out[i] > 255) {
                return null;
            }
        }
        return out;
    }

    private static int[] ipv6(String s) {
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        List<Integer> head = gap >= 0 ? groups(s.substring(0, gap), false) : groups(s, true);
        List<Integer> tail = gap >= 0 ? groups(s.substring(gap + 2), true) : List.of();
        if (head == null || tail == null) {
            return null;
        }
        int count = head.size() + tail.size();
        if (gap < 0 ? count != 8 : count > 7) {
            return null;
        }
        int[] g = new int[8];
        for (int i = 0; i < head.size(); i++) {
            g[i] = head.get(i);
        }
        for (int i = 0; i < tail.size(); i++) {
            g[8 - tail.size() + i] = tail.get(i);
        }
        return g;
    }

    /** Colon-separated hex groups; the last may be a dotted IPv4 address (two groups) where {@code last}. */
    private static List<Integer> groups(String s, boolean last) {
        List<Integer> out = new ArrayList<>();
        if (s.isEmpty()) {
            return out;
        }
        String[] parts = s.split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (last && i == parts.length - 1 && p.contains(".")) {
                int[] v4 = ipv4(p);
                if (v4 == null) {
                    return null;
                }
                out.add(v4[0] << 8 | v4[1]);
                out.add(v4[2] << 8 | v4[3]);
            } else if (p.matches("[0-9a-fA-F]{1,4}")) {
                out.add(Integer.parseInt(p, 16));
            } else {
                return null;
            }
        }
        return out;
    }

    /** Go's IP.IsUnspecified: {@code 0.0.0.0} or {@code ::}; false when {@code s} is no address. */
    public static boolean isUnspecified(String s) {
        String ip = canonical(s);
        return "0.0.0.0".equals(ip) || "::".equals(ip);
    }
}
