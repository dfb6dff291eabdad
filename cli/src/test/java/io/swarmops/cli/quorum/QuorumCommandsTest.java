package io.swarmops.cli.quorum;

import static io.swarmops.ops.testing.Fixtures.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.CliRun;
import io.swarmops.cli.ExitCodes;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.SwarmOpsException.Kind;
import io.swarmops.ops.model.EngineInfo;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.SwarmInfo;
import io.swarmops.ops.testing.StubGateway;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** quorum status and recover against fake daemons: each verdict's exit code, each refusal, and nothing written. */
class QuorumCommandsTest {
    static final List<Node> THREE = List.of(node("a", "node1", "leader"), node("b", "node2", "reachable"), node("c", "node3", "reachable"));

    static EngineInfo info(boolean manager, String error) {
        ObjectNode i = Json.object().put("Name", "node1");
        ObjectNode s = i.putObject("Swarm").put("NodeID", "a").put("NodeAddr", "10.0.0.1").put("LocalNodeState", "active")
                .put("ControlAvailable", manager).put("Managers", error.isEmpty() ? 3 : 0).put("Error", error);
        var r = s.putArray("RemoteManagers");
        r.addObject().put("NodeID", "a").put("Addr", "10.0.0.1:2377");
        r.addObject().put("NodeID", "b").put("Addr", "10.0.0.2:2377");
        r.addObject().put("NodeID", "c").put("Addr", "10.0.0.3:2377");
        return EngineInfo.from(i);
    }

    /** A daemon answering /info, and the node list when a leader answers it; every write fails the test. */
    static StubGateway daemon(boolean manager, String error, List<Node> nodes) {
        return new StubGateway() {
            @Override
            public EngineInfo info() {
                return QuorumCommandsTest.info(manager, error);
            }

            @Override
            public List<Node> nodes() {
                if (!error.isEmpty()) {
                    throw new SwarmOpsException(Kind.NO_LEADER, error);
                }
                return nodes;
            }

            @Override
            public SwarmInfo swarm() {
                return SwarmInfo.from(Json.object().put("ID", "x").set("Spec", Json.object()));
            }
        };
    }

    static final String NO_LEADER = "rpc error: code = Unknown desc = The swarm does not have a leader.";

    static StubGateway unreachable() {
        return new StubGateway() {
            @Override
            public EngineInfo info() {
                throw new SwarmOpsException(Kind.UNREACHABLE, "cannot connect to the Docker daemon at unix:///x.sock");
            }
        };
    }

    /** The local daemon for -H local, and others by their -H address. */
    static CliRun run(Map<String, SwarmGateway> daemons, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-H";
        all[1] = "local";
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.run(o -> daemons.get(o.host()), all);
    }

    @Test
    void statusExitCodesTellHealthyLostUnreachableAndWorkerApart() {
        CliRun healthy = run(Map.of("local", daemon(true, "", THREE)), "quorum", "status");
        assertEquals(ExitCodes.MON_OK, healthy.code(), healthy.out());
        assertTrue(healthy.out().startsWith("HEALTHY: 3/3 managers reachable, quorum 2, tolerates 1 failure, leader node1"), healthy.out());

        CliRun lost = run(Map.of("local", daemon(true, NO_LEADER, List.of())), "quorum", "status", "--format", "json");
        assertEquals(ExitCodes.MON_CRITICAL, lost.code());
        assertTrue(lost.out().contains("\"Verdict\" : \"LOST\"") && lost.out().contains("\"Managers\" : 3"), lost.out());
        assertTrue(lost.out().contains("10.0.0.2:2377"), "the managers nobody asked are listed: " + lost.out());

        CliRun down = run(Map.of("local", unreachable()), "quorum", "status");
        assertEquals(ExitCodes.MON_UNKNOWN, down.code());
        assertTrue(down.out().startsWith("UNREACHABLE"), down.out());

        CliRun worker = run(Map.of("local", daemon(false, "", List.of())), "quorum", "status");
        assertEquals(ExitCodes.MON_UNKNOWN, worker.code());
        assertTrue(worker.out().contains("this daemon is not a swarm manager"), worker.out());
    }

    @Test
    void statusAsksTheOtherManagersWhereTheyListen() {
        CliRun r = run(Map.of("local", daemon(true, NO_LEADER, List.of()), "tcp://10.0.0.2:2376", unreachable(),
                "tcp://10.0.0.3:2376", unreachable()), "quorum", "status", "--manager-hosts", "tcp://{host}:2376");
        assertEquals(ExitCodes.MON_CRITICAL, r.code());
        assertTrue(r.out().contains("asked tcp://10.0.0.2:2376: unreachable"), r.out());
        assertTrue(!r.out().contains("nobody answered"), "both known managers were asked: " + r.out());
    }

    @Test
    void recoverRefusesOnAHealthyClusterAWorkerAnUnreachableDaemonAndWhenALeaderIsSeenElsewhere() {
        CliRun healthy = run(Map.of("local", daemon(true, "", THREE)), "quorum", "recover", "--yes");
        assertEquals(ExitCodes.OK, healthy.code(), healthy.err());
        assertTrue(healthy.out().startsWith("nothing to recover"), healthy.out());

        CliRun worker = run(Map.of("local", daemon(false, "", List.of())), "quorum", "recover", "--yes");
        assertEquals(ExitCodes.FAILED, worker.code());
        assertTrue(worker.err().startsWith("error: cannot recover from here: this daemon is not a swarm manager"), worker.err());

        CliRun down = run(Map.of("local", unreachable()), "quorum", "recover", "--yes");
        assertEquals(ExitCodes.FAILED, down.code());
        assertTrue(down.err().startsWith("error: cannot recover: cannot connect"), down.err());

        CliRun cutOff = run(Map.of("local", daemon(true, NO_LEADER, List.of()), "tcp://m2:2376", daemon(true, "", THREE)),
                "quorum", "recover", "--yes", "--manager-hosts", "tcp://m2:2376");
        assertEquals(ExitCodes.FAILED, cutOff.code());
        assertTrue(cutOff.err().contains("tcp://m2:2376 still sees a leader"), cutOff.err());
    }

    @Test
    void recoverOnALostQuorumPrintsThePlanForDryRunAndAsksWithoutYes() {
        CliRun dry = run(Map.of("local", daemon(true, NO_LEADER, List.of())), "quorum", "recover", "--dry-run");
        assertEquals(ExitCodes.OK, dry.code(), dry.err());
        assertTrue(dry.out().contains("1. re-initialise the swarm from this manager's state with --force-new-cluster (advertise 10.0.0.1:2377)"),
                dry.out());
        assertTrue(dry.out().contains("warning: nobody answered for manager 10.0.0.2:2377"), dry.out());

        CliRun unconfirmed = run(Map.of("local", daemon(true, NO_LEADER, List.of())), "quorum", "recover");
        assertEquals(ExitCodes.USAGE, unconfirmed.code());
        assertTrue(unconfirmed.err().contains("pass --yes"), unconfirmed.err());
    }
}
