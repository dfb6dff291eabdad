package io.swarmops.cli.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.CliRun;
import io.swarmops.cli.ExitCodes;
import io.swarmops.ops.model.EngineInfo;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.SwarmInfo;
import io.swarmops.ops.testing.Fixtures;
import io.swarmops.ops.testing.StubGateway;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code swarm init, join, join-token, leave}: what each sends the daemon and prints, on a stub that answers only what is expected. */
class SwarmVerbsTest {
    /** A manager of a swarm with two join tokens; records the init or join request. */
    static class Swarm extends StubGateway {
        final List<String> calls = new ArrayList<>();
        ObjectNode request;
        String workerToken = "SWMTKN-1-worker-a";
        String managerToken = "SWMTKN-1-manager-a";
        long version = 7;
        boolean manager = true;

        @Override
        public SwarmInfo swarm() {
            ObjectNode s = Json.object();
            s.put("ID", "swarm1");
            s.putObject("Version").put("Index", version);
            s.putObject("Spec").put("Name", "default");
            s.putObject("JoinTokens").put("Worker", workerToken).put("Manager", managerToken);
            return SwarmInfo.from(s);
        }

        @Override
        public EngineInfo info() {
            ObjectNode i = Json.object();
            ObjectNode swarm = i.putObject("Swarm").put("NodeID", "self-id").put("LocalNodeState", "active").put("ControlAvailable", manager);
            swarm.putArray("RemoteManagers").addObject().put("NodeID", "self-id").put("Addr", "198.18.0.1:2377");
            return EngineInfo.from(i);
        }

        @Override
        public String swarmInit(ObjectNode r) {
            request = r;
            return "newnode1";
        }

        @Override
        public void swarmJoin(ObjectNode r) {
            request = r;
        }

        @Override
        public String unlockKey() {
            return "SWMKEY-1-secret";
        }

        @Override
        public Node node(String reference) {
            assertEquals("self", reference);
            return Fixtures.node("self-id", "node1", "leader");
        }
    }

    @Test
    void initSendsTheFlagsAndPrintsTheJoinCommand() {
        Swarm g = new Swarm();
        CliRun r = CliRun.run(g, "swarm", "init", "--advertise-addr", "198.18.0.1", "--default-addr-pool", "10.20.0.0/16",
                "--default-addr-pool-mask-length", "26", "--availability", "drain", "--autolock");
        assertEquals(0, r.code(), r.err());
        assertEquals(Json.MAPPER.valueToTree(java.util.Map.of(
                "ListenAddr", "0.0.0.0:2377", "AdvertiseAddr", "198.18.0.1", "ForceNewCluster", false,
                "DefaultAddrPool", List.of("10.20.0.0/16"), "SubnetSize", 26, "Availability", "drain",
                "Spec", java.util.Map.of("EncryptionConfig", java.util.Map.of("AutoLockManagers", true)))), g.request);
        assertEquals("""
                Swarm initialized: current node (newnode1) is now a manager.

                To add a worker to this swarm, run the following command:

                    docker swarm join --token SWMTKN-1-worker-a 198.18.0.1:2377

                To add a manager to this swarm, run 'swarmops swarm join-token manager' and follow the instructions.

                To unlock a swarm manager after it restarts, run the `docker swarm unlock`
                command and provide the following key:

                    SWMKEY-1-secret
                """, r.out());
    }

    @Test
    void initWithoutAutolockAsksForNoKey() {
        Swarm g = new Swarm() {
            @Override
            public String unlockKey() {
                throw unexpected("unlockKey without --autolock");
            }
        };
        CliRun r = CliRun.run(g, "swarm", "init", "--force-new-cluster");
        assertEquals(0, r.code(), r.err());
        assertTrue(g.request.path("ForceNewCluster").asBoolean(), g.request.toString());
        assertEquals("{}", g.request.path("Spec").toString());
        assertTrue(r.out().endsWith("follow the instructions.\n"), r.out());
    }

    @Test
    void joinSendsTheTokenAndSaysWhatItBecame() {
        for (boolean asManager : List.of(true, false)) {
            Swarm g = new Swarm();
            g.manager = asManager;
            CliRun r = CliRun.run(g, "swarm", "join", "--token", "SWMTKN-1-x", "--data-path-addr", "eth1", "198.18.0.9:2377");
            assertEquals(0, r.code(), r.err());
            assertEquals("{\"ListenAddr\":\"0.0.0.0:2377\",\"DataPathAddr\":\"eth1\",\"RemoteAddrs\":[\"198.18.0.9:2377\"],"
                    + "\"JoinToken\":\"SWMTKN-1-x\",\"Availability\":\"active\"}", g.request.toString());
            assertEquals("This node joined a swarm as a " + (asManager ? "manager" : "worker") + ".\n", r.out());
        }
    }

    @Test
    void joinNeedsAToken() {
        CliRun r = CliRun.run(new Swarm(), "swarm", "join", "198.18.0.9:2377");
        assertEquals(ExitCodes.USAGE, r.code(), r.out() + r.err());
    }

    @Test
    void joinTokenPrintsTheCommandOrTheToken() {
        Swarm g = new Swarm();
        CliRun worker = CliRun.run(g, "swarm", "join-token", "worker");
        assertEquals(0, worker.code(), worker.err());
        assertEquals("To add a worker to this swarm, run the following command:\n\n"
                + "    docker swarm join --token SWMTKN-1-worker-a 198.18.0.1:2377\n\n", worker.out());
        assertEquals("SWMTKN-1-manager-a\n", CliRun.run(g, "swarm", "join-token", "-q", "manager").out());
    }

    @Test
    void joinTokenRotatesOnlyTheRoleAsked() {
        Swarm g = new Swarm() {
            @Override
            public void swarmUpdate(long v, ObjectNode spec, boolean rotateWorker, boolean rotateManager) {
                assertEquals(version, v, "written with the version read");
                calls.add("update worker=" + rotateWorker + " manager=" + rotateManager + " " + spec);
                managerToken = "SWMTKN-1-manager-b";
                version++;
            }
        };
        CliRun r = CliRun.run(g, "swarm", "join-token", "--rotate", "manager");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("update worker=false manager=true {\"Name\":\"default\"}"), g.calls, "the spec unchanged, one token rotated");
        assertEquals("Successfully rotated manager join token.\n\nTo add a manager to this swarm, run the following command:\n\n"
                + "    docker swarm join --token SWMTKN-1-manager-b 198.18.0.1:2377\n\n", r.out());
    }

    @Test
    void joinTokenRefusesAnotherRole() {
        CliRun r = CliRun.run(new Swarm(), "swarm", "join-token", "admin");
        assertEquals(ExitCodes.USAGE, r.code(), r.out() + r.err());
        assertEquals("", r.out());
        assertTrue(r.err().contains("unknown role admin"), r.err());
        assertEquals(1, r.err().lines().count(), "one line: " + r.err());
    }

    @Test
    void leavePassesForce() {
        for (boolean force : List.of(true, false)) {
            List<Boolean> left = new ArrayList<>();
            StubGateway g = new StubGateway() {
                @Override
                public void swarmLeave(boolean f) {
                    left.add(f);
                }
            };
            CliRun r = force ? CliRun.run(g, "swarm", "leave", "--force") : CliRun.run(g, "swarm", "leave");
            assertEquals(0, r.code(), r.err());
            assertEquals(List.of(force), left);
            assertEquals("Node left the swarm.\n", r.out());
        }
    }
}
