package io.swarmops.ops.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where docker allows plain HTTP (and https without verification): the daemon's insecure
 * registries, from {@code GET /info}'s {@code RegistryConfig} — the names given as
 * {@code IndexConfigs} with {@code Secure: false} and the {@code InsecureRegistryCIDRs} (127.0.0.0/8
 * unless configured away), as the Engine's {@code isSecureIndex} decides.
 */
public record InsecureRegistries(List<String> cidrs, Set<String> names) {
    /** The daemon's defaults: loopback only. */
    public static final InsecureRegistries DEFAULT = new InsecureRegistries(List.of("127.0.0.0/8"), Set.of());

    /** From the daemon's {@code /info}; the defaults when it has no RegistryConfig. */
    public static InsecureRegistries fromInfo(JsonNode info) {
        JsonNode rc = info.path("RegistryConfig");
        if (rc.isMissingNode() || rc.isNull()) {
            return DEFAULT;
        }
        List<String> cidrs = new ArrayList<>();
        rc.path("InsecureRegistryCIDRs").forEach(c -> cidrs.add(c.asText()));
        Set<String> names = new HashSet<>();
        rc.path("IndexConfigs").fields().forEachRemaining(e -> {
            if (!e.getValue().path("Secure").asBoolean(true)) {
                names.add(e.getKey());
            }
        });
        return new InsecureRegistries(List.copyOf(cidrs), Set.copyOf(names));
    }

    /** Whether {@code domain} ({@code host[:port]}) may be reached without verified TLS. */
    public boolean allows(ImageName image) {
        if (names.contains(image.domain())) {
            return true;
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(image.hostname())) {
                for (String cidr : cidrs) {
                    if (contains(cidr, a)) {
                        return true;
                    }
                }
            }
        } catch (UnknownHostException e) {
            return false; // the connection will fail and say so
        }
        return false;
    }

    static boolean contains(String cidr, InetAddress address) {
        int slash = cidr.indexOf('/');
        try {
            byte[] net = InetAddress.getByName(slash < 0 ? cidr : cidr.substring(0, slash)).getAddress();
            byte[] addr = address.getAddress();
            if (net.length != addr.length) {
                return false;
            }
            int bits = slash < 0 ? net.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((net[i / 8] & mask) != (addr[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException | NumberFormatException e) {
            return false;
        }
    }
}
