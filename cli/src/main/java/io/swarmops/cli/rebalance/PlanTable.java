package io.swarmops.cli.rebalance;

import io.swarmops.cli.format.Table;
import io.swarmops.rebalance.Move;
import io.swarmops.rebalance.RebalancePlan;
import java.io.PrintWriter;
import java.util.Locale;

/** A plan as an operator reads it: why, then each move with the spread it leads to. */
final class PlanTable {
    private PlanTable() {
    }

    static void print(PrintWriter out, RebalancePlan plan) {
        out.println(String.format(Locale.ROOT, "spread of %s per node: %.2f (threshold %.2f); %d move(s) planned, predicted %.2f (%s)",
                plan.by(), plan.spreadBefore(), plan.threshold(), plan.moves().size(), plan.spreadAfter(), plan.reason()));
        if (plan.moves().isEmpty()) {
            return;
        }
        Table t = Table.of("#", "SERVICE", "FROM", "TO", "HOW", "SPREAD AFTER");
        int i = 1;
        for (Move m : plan.moves()) {
            t.row(i++, m.serviceName(), m.fromHostname(), m.toHostname(), how(m.method()), String.format(Locale.ROOT, "%.2f", m.spreadAfter()));
        }
        t.print(out);
    }

    /** What restarts: a scale move and an eviction only the moved task, a forced update every task of the service. */
    static String how(Move.Method method) {
        return switch (method) {
            case SCALE -> "scale";
            case SCALE_TIED -> "scale (tied)";
            case EVICT -> "evict";
            case FORCE -> "forced update";
        };
    }
}
