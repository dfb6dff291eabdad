package io.swarmops.cli.rebalance;

import io.swarmops.rebalance.RebalancePolicy;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** What may move: shared by {@code rebalance} and {@code rebalance plan}. */
public final class PolicyOptions {
    @Option(names = "--threshold", defaultValue = RebalancePolicy.DEFAULT_THRESHOLD, paramLabel = "STDDEV",
            description = "Act when the standard deviation of load per node exceeds this (default: ${DEFAULT-VALUE})")
    double threshold;

    @Option(names = "--by", defaultValue = RebalancePolicy.DEFAULT_BY, paramLabel = "MEASURE", converter = MeasureConverter.class,
            completionCandidates = MeasureConverter.class,
            description = "Balance running tasks, reserved cpu or memory, or cpu or memory measured in use (usage-cpu, usage-memory:"
                    + " over --window, from each node's daemon), relative to each node's capacity (default: ${DEFAULT-VALUE})")
    RebalancePolicy.Measure by;

    @Option(names = "--services", split = ",", paramLabel = "NAME", description = "Only these services may move")
    List<String> services = List.of();

    @Option(names = "--exclude", split = ",", paramLabel = "NAME", description = "These services never move")
    List<String> exclude = List.of();

    @Option(names = "--max-moves", defaultValue = RebalancePolicy.DEFAULT_MAX_MOVES, paramLabel = "N", description = "At most N moves in one run (default: ${DEFAULT-VALUE})")
    int maxMoves;

    @Option(names = "--max-moves-per-node", defaultValue = RebalancePolicy.DEFAULT_MAX_MOVES_PER_NODE, paramLabel = "N",
            description = "At most N moves into or out of one node in one run (default: ${DEFAULT-VALUE})")
    int maxMovesPerNode;

    @Option(names = "--no-force-fallback",
            description = "Never fall back to a forced update of a service (it restarts every task of the service) where no move helps")
    boolean noForceFallback;

    /** tasks, cpu, memory, usage-cpu, usage-memory: the measure's names as the command line spells them. */
    static final class MeasureConverter implements ITypeConverter<RebalancePolicy.Measure>, Iterable<String> {
        @Override
        public RebalancePolicy.Measure convert(String value) {
            for (RebalancePolicy.Measure m : RebalancePolicy.Measure.values()) {
                if (m.toString().equals(value)) {
                    return m;
                }
            }
            throw new TypeConversionException("invalid --by \"" + value + "\": use " + String.join(", ", this));
        }

        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(RebalancePolicy.Measure.values()).map(RebalancePolicy.Measure::toString).iterator();
        }
    }

    public RebalancePolicy policy() {
        return new RebalancePolicy(threshold, by, new HashSet<>(services), new HashSet<>(exclude), maxMoves, maxMovesPerNode, !noForceFallback);
    }
}
