package io.swarmops.cli;

import io.swarmops.ops.SwarmOpsException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** docker's {@code -f key=value} filters, as the Engine's filter map. */
public final class Filters {
    private Filters() {
    }

    public static Map<String, List<String>> parse(List<String> filters) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (filters == null) {
            return out;
        }
        for (String f : filters) {
            int eq = f.indexOf('=');
            if (eq <= 0) {
                throw SwarmOpsException.invalid("bad format of filter (expected name=value): " + f);
            }
            out.computeIfAbsent(f.substring(0, eq).trim().toLowerCase(), k -> new ArrayList<>()).add(f.substring(eq + 1));
        }
        return out;
    }
}
