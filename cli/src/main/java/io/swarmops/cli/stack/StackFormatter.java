package io.swarmops.cli.stack;

import io.swarmops.cli.OutputOptions;
import io.swarmops.cli.format.NaturalOrder;
import io.swarmops.cli.format.Table;
import io.swarmops.ops.model.Service;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Stacks as {@code docker stack ls} prints them (docker/cli's cli/command/stack: list.go and list_formatter.go). */
final class StackFormatter {
    private StackFormatter() {
    }

    /** {@code services}: those with a stack's namespace label; each stack with its count, names in natural order. */
    static void print(PrintWriter out, OutputOptions output, List<Service> services) {
        Map<String, Integer> stacks = new TreeMap<>(NaturalOrder.INSTANCE);
        services.forEach(s -> stacks.merge(s.stack(), 1, Integer::sum));
        Table t = Table.of("NAME", "SERVICES");
        stacks.forEach(t::row);
        t.print(out, output);
    }
}
