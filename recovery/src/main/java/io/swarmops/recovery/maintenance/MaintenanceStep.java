package io.swarmops.recovery.maintenance;

import io.swarmops.ops.model.Node;
import java.util.List;

/**
 * One step of a node maintenance, as data: what it does, to which wave of nodes (one node, or
 * {@code --parallel} of them), and the line the plan prints. Each action says itself how to tell
 * whether it is done and how to do it, through the executor.
 */
public record MaintenanceStep(String key, Action action, List<Node> nodes, String description) {

    public MaintenanceStep {
        nodes = List.copyOf(nodes);
    }

    public List<String> hostnames() {
        return nodes.stream().map(Node::hostname).toList();
    }

    public enum Action {
        /** Taking the wave down keeps the Raft quorum; a check, nothing to undo. */
        CHECK_QUORUM("quorum") {
            @Override
            boolean isDone(MaintenanceExecutor x, MaintenanceStep s) {
                return false;
            }

            @Override
            void act(MaintenanceExecutor x, MaintenanceStep s) {
                x.checkQuorum(s);
            }
        },
        DRAIN("drain") {
            @Override
            boolean isDone(MaintenanceExecutor x, MaintenanceStep s) {
                return x.drained(s);
            }

            @Override
            void act(MaintenanceExecutor x, MaintenanceStep s) {
                x.drain(s);
            }
        },
        /** The command on each node of the wave; done only by the journal (a command says nothing about itself). */
        RUN("run") {
            @Override
            boolean isDone(MaintenanceExecutor x, MaintenanceStep s) {
                return false;
            }

            @Override
            void act(MaintenanceExecutor x, MaintenanceStep s) {
                x.runCommand(s);
            }
        },
        /** Power off, down in the swarm, power on: each journalled per node, so a resumed run powers no machine twice. */
        REBOOT("reboot") {
            @Override
            boolean isDone(MaintenanceExecutor x, MaintenanceStep s) {
                return false;
            }

            @Override
            void act(MaintenanceExecutor x, MaintenanceStep s) {
                x.reboot(s);
            }
        },
        AWAIT_READY("ready") {
            @Override
            boolean isDone(MaintenanceExecutor x, MaintenanceStep s) {
                return x.ready(s);
            }

            @Override
            void act(MaintenanceExecutor x, MaintenanceStep s) {
                x.awaitReady(s);
            }
        },
        ACTIVATE("activate") {
            @Override
            boolean isDone(MaintenanceExecutor x, MaintenanceStep s) {
                return x.active(s);
            }

            @Override
            void act(MaintenanceExecutor x, MaintenanceStep s) {
                x.activate(s);
            }
        },
        REBALANCE("rebalance") {
            @Override
            boolean isDone(MaintenanceExecutor x, MaintenanceStep s) {
                return x.balanced();
            }

            @Override
            void act(MaintenanceExecutor x, MaintenanceStep s) {
                x.rebalance();
            }
        };

        private final String key;

        Action(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        abstract boolean isDone(MaintenanceExecutor x, MaintenanceStep s);

        abstract void act(MaintenanceExecutor x, MaintenanceStep s);
    }
}
