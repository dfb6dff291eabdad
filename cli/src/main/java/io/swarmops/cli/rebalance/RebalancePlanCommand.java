package io.swarmops.cli.rebalance;

import io.swarmops.cli.OutputOptions;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.cli.format.JsonOutput;
import io.swarmops.rebalance.RebalancePlan;
import io.swarmops.rebalance.RebalancePlanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code rebalance plan}: the moves a rebalance would make now, per move service, from, to. Changes nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true, description = "Print the moves a rebalance would make (changes nothing)")
public final class RebalancePlanCommand extends SwarmopsVerb {
    @Mixin
    PolicyOptions policy;

    @Mixin
    OutputOptions output;

    @Override
    protected int execute() {
        RebalancePlan plan = RebalancePlanner.plan(gateway().snapshot(), policy.policy());
        if (output.json()) {
            JsonOutput.print(out(), plan);
        } else {
            PlanTable.print(out(), plan);
        }
        return 0;
    }
}
