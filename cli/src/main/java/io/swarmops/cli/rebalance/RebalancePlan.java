package io.swarmops.cli.rebalance;

import io.swarmops.cli.OutputOptions;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.cli.format.JsonOutput;
import io.swarmops.ops.model.ClusterSnapshot;
import io.swarmops.rebalance.RebalancePolicy;
import io.swarmops.rebalance.RebalancePlanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code rebalance plan}: the moves a rebalance would make now, per move service, from, to. Changes nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true, description = "Print the moves a rebalance would make (changes nothing)")
public final class RebalancePlan extends SwarmopsVerb {
    @Mixin
    PolicyOptions policy;

    @Mixin
    UsageOptions usage;

    @Mixin
    OutputOptions output;

    @Override
    protected int execute() {
        ClusterSnapshot snapshot = gateway().snapshot();
        RebalancePolicy p = policy.policy();
        io.swarmops.rebalance.RebalancePlan plan = RebalancePlanner.plan(snapshot, p, usage.measure(context(), snapshot, p.by()));
        usage.report(context());
        if (output.json()) {
            JsonOutput.print(out(), plan);
        } else {
            PlanTable.print(out(), plan);
        }
        return 0;
    }
}
