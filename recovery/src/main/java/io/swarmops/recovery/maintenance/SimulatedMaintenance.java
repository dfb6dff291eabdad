package io.swarmops.recovery.maintenance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.engine.SshCommand;
import io.swarmops.ops.model.ClusterSnapshot;
import io.swarmops.ops.model.Node;
import io.swarmops.rebalance.SimulatedSwarm;
import io.swarmops.recovery.power.Machine;
import io.swarmops.recovery.power.PowerSwitch;
import java.util.List;

/**
 * A copy of the cluster in memory for {@code node maintenance --dry-run}: the rebalance's simulated
 * swarm (placement, start-first updates, drain), with machines that go down when powered off and
 * come back ready when powered on, daemons that answer while their node is ready, and commands that
 * succeed. Every power request and command is recorded among the writes.
 */
public final class SimulatedMaintenance extends SimulatedSwarm implements PowerSwitch, NodeDaemons {
    private SimulatedMaintenance(ClusterSnapshot snapshot) {
        super(snapshot, snapshot.takenAt().toEpochMilli());
    }

    public static SimulatedMaintenance of(ClusterSnapshot snapshot) {
        return new SimulatedMaintenance(snapshot);
    }

    @Override
    public void off(Machine machine) {
        write("node", machine.hostname(), "power off");
        state(machine.id(), "down");
    }

    @Override
    public void on(Machine machine) {
        write("node", machine.hostname(), "power on");
        state(machine.id(), "ready");
        reconcileAll();
    }

    private void state(String id, String state) {
        ObjectNode n = nodes.get(id);
        n.with("Status").put("State", state);
        bump(n);
    }

    @Override
    public boolean answers(Node node) {
        return node(node.id()).isReady();
    }

    @Override
    public SshCommand.Result run(Node node, List<String> command) {
        write("node", node.hostname(), "run " + String.join(" ", command));
        return new SshCommand.Result(0, "", "");
    }
}
