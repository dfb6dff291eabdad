package io.swarmops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.engine.EngineGateway;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.testing.FakeEngine;
import io.swarmops.ops.testing.StubGateway;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @Test
    void unreachableDaemonIsOneLineAndExit1() {
        CliRun r = CliRun.run(EngineGateway::connect, "-H", "unix:///nonexistent.sock", "node", "ls");
        assertEquals(ExitCodes.FAILED, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: cannot connect to the Docker daemon at unix:///nonexistent.sock (-H)"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace without --debug");
    }

    @Test
    void debugAddsTheStackTrace() {
        CliRun r = CliRun.run(EngineGateway::connect, "-H", "unix:///nonexistent.sock", "--debug", "node", "ls");
        assertEquals(ExitCodes.FAILED, r.code());
        assertTrue(r.err().contains("\tat "), r.err());
    }

    @Test
    void usageErrorsExit2WithAPointerToHelp() {
        CliRun r = CliRun.run(new StubGateway(), "node", "ls", "--bogus");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("Unknown option: '--bogus'"), r.err());
        assertTrue(r.err().contains("See 'swarmops node ls --help'."), r.err());
    }

    @Test
    void workerAskedForAManagersJobIsOneClearLine() {
        StubGateway worker = new StubGateway() {
            @Override
            public List<Node> nodes() {
                throw new SwarmOpsException(SwarmOpsException.Kind.NOT_A_MANAGER, "This node is not a swarm manager. "
                        + "Worker nodes can't be used to view or modify cluster state.");
            }
        };
        CliRun r = CliRun.run(worker, "node", "ls");
        assertEquals(ExitCodes.FAILED, r.code());
        assertEquals("error: This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state.\n", r.err());
    }

    @Test
    void unexpectedExceptionsSayHowToSeeMore() {
        StubGateway broken = new StubGateway() {
            @Override
            public List<Node> nodes() {
                throw new IllegalStateException("boom");
            }
        };
        CliRun r = CliRun.run(broken, "node", "ls");
        assertEquals(ExitCodes.FAILED, r.code());
        assertTrue(r.err().startsWith("error: boom\n"), r.err());
        assertFalse(r.err().contains("\tat "));
    }

    @Test
    void outOfMemoryIsOneLineEvenWithDebug() {
        StubGateway starved = new StubGateway() {
            @Override
            public List<Node> nodes() {
                throw new OutOfMemoryError("Java heap space");
            }
        };
        for (String[] args : List.of(new String[] {"node", "ls"}, new String[] {"--debug", "node", "ls"})) {
            CliRun r = CliRun.run(starved, args);
            assertEquals(ExitCodes.FAILED, r.code());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("error: out of memory (the JVM's heap is "), r.err());
            assertFalse(r.err().contains("\tat "), r.err());
        }
    }

    @Test
    void plainTcpIsWarnedAboutOnceAndAUnixSocketNot() {
        try (FakeEngine engine = FakeEngine.start()) {
            engine.on("GET", "/nodes", 200, "[]").on("GET", "/info", 200, "{\"Swarm\":{\"NodeID\":\"n1\"}}");
            CliRun r = CliRun.run(EngineGateway::connect, "-H", engine.host(), "node", "ls");
            assertEquals(ExitCodes.OK, r.code(), r.err());
            assertEquals("warning: " + engine.host() + " is plain TCP without TLS: credentials, join tokens and secrets travel in clear "
                    + "(use --tlsverify)\n", r.err());
        }
        CliRun local = CliRun.run(new StubGateway() {
            @Override
            public List<Node> nodes() {
                return List.of();
            }
        }, "node", "ls", "-q");
        assertEquals("", local.err());
    }

    @Test
    void tlsVerifyWithAMissingCaIsOneLineAndExit2(@TempDir Path dir) {
        CliRun r = CliRun.run(EngineGateway::connect, "-H", "tcp://127.0.0.1:1", "--tlsverify", "--tlscacert", dir.resolve("ca.pem").toString(),
                "node", "ls");
        assertEquals(ExitCodes.USAGE, r.code());
        assertEquals("error: unable to resolve docker endpoint: open " + dir.resolve("ca.pem") + ": no such file or directory\n", r.err());
    }

    @Test
    void versionAndHelpWork() {
        assertEquals(0, CliRun.run(new StubGateway(), "--version").code());
        CliRun help = CliRun.run(new StubGateway(), "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("node"), help.out());
    }
}
