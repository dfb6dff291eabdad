package io.swarmops.ops.opts;

import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;

/** Capability names as docker's opts/capabilities.go reads {@code --cap-add} and compose's {@code cap_add}. */
public final class Capabilities {
    private Capabilities() {
    }

    /** The capability list standing for all of them, alone. */
    public static final String ALL_CAPABILITIES = "ALL";
    /** In an update: empty the list first. */
    public static final String RESET_CAPABILITIES = "RESET";

    /** docker's NormalizeCapability: trimmed, upper case, {@code CAP_} prefixed (but ALL and RESET). */
    public static String normalize(String value) {
        String c = value.strip().toUpperCase(Locale.ROOT);
        return c.equals(ALL_CAPABILITIES) || c.equals(RESET_CAPABILITIES) || c.startsWith("CAP_") ? c : "CAP_" + c;
    }

    /** Capabilities normalized, sorted, each once. */
    public static SortedSet<String> normalized(Iterable<String> values) {
        SortedSet<String> out = new TreeSet<>();
        values.forEach(v -> out.add(normalize(v)));
        return out;
    }

    /**
     * docker's EffectiveCapAddCapDrop, for a new spec: normalized, sorted, once each; ALL stands
     * alone; adding wins over dropping; RESET means nothing here.
     */
    public static Effective effective(Iterable<String> add, Iterable<String> drop) {
        SortedSet<String> adds = normalized(add);
        SortedSet<String> drops = normalized(drop);
        if (adds.contains(ALL_CAPABILITIES)) {
            adds = new TreeSet<>(List.of(ALL_CAPABILITIES));
        }
        if (drops.contains(ALL_CAPABILITIES)) {
            drops = new TreeSet<>(List.of(ALL_CAPABILITIES));
        }
        drops.removeAll(adds);
        adds.remove(RESET_CAPABILITIES);
        drops.remove(RESET_CAPABILITIES);
        return new Effective(List.copyOf(adds), List.copyOf(drops));
    }

    /** CapabilityAdd and CapabilityDrop of a container spec. */
    public record Effective(List<String> add, List<String> drop) {
    }
}
