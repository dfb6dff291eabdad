package io.swarmops.cli;

import io.swarmops.ops.memory.InMemorySwarm;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Predicate;

/**
 * What every {@code --dry-run} prints after running the real executor over an {@link InMemorySwarm}
 * copied from the cluster: a headline, the changes it would make (the swarm's write log, after any
 * the procedure makes outside the swarm), and the outcome, ending in "nothing changed".
 *
 * <pre>
 * dry run: the steps, simulated on a copy of the cluster (evict move), making these changes:
 *   node node2: availability pause
 *   service web: replicas 4
 * nothing changed
 * </pre>
 */
public final class DryRunPrinter {
    private DryRunPrinter() {
    }

    /** The swarm's log, without the writes a reader of the plan need not see (a lock's bookkeeping). */
    public static void print(PrintWriter out, String headline, InMemorySwarm swarm, Predicate<InMemorySwarm.Write> hidden, String outcome) {
        print(out, headline, List.of(), swarm.log().stream().filter(hidden.negate()).toList(), outcome);
    }

    /**
     * @param outside changes the procedure makes outside the swarm (a state file saved), listed first
     * @param outcome what the run predicts ("predicted: 2 move(s)"), or empty
     */
    public static void print(PrintWriter out, String headline, List<String> outside, List<InMemorySwarm.Write> writes, String outcome) {
        boolean none = outside.isEmpty() && writes.isEmpty();
        out.println("dry run: " + headline + (none ? ", no change to make" : ", making these changes:"));
        outside.forEach(line -> out.println("  " + line));
        writes.forEach(w -> out.println("  " + w));
        out.println(outcome.isEmpty() ? "nothing changed" : outcome + "; nothing changed");
        out.flush();
    }

    /** Hides nothing. */
    public static Predicate<InMemorySwarm.Write> none() {
        return w -> false;
    }

    /** Hides the writes to configs: the rebalance lock's (taken, renewed, released). */
    public static Predicate<InMemorySwarm.Write> configs() {
        return w -> w.kind().equals("config");
    }
}
