package io.swarmops.sandbox;

import io.swarmops.ops.ConnectionOptions;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.engine.EngineGateway;

/**
 * A sandbox for one integration test class: {@code try (TestSwarm swarm = TestSwarm.start("rbl", 3, 1))}.
 * A sandbox left with the same prefix by a crashed run is removed first. Progress goes to stderr,
 * so a failing CI run shows how far the swarm got.
 */
public final class TestSwarm implements AutoCloseable {
    /**
     * An environment variable whose value (a letter or two) is appended to every test sandbox's
     * prefix, so that two test runs on one machine (two checkouts) keep out of each other's way.
     */
    public static final String PREFIX_SUFFIX = "SWARMOPS_TEST_PREFIX_SUFFIX";

    private final Sandbox sandbox;

    private TestSwarm(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    public static TestSwarm start(String prefix, int nodes, int managers) {
        String name = prefix + System.getenv().getOrDefault(PREFIX_SUFFIX, "");
        Sandbox.find(name).ifPresent(stale -> stale.down(line -> System.err.println("[" + name + "] stale: " + line)));
        return new TestSwarm(Sandbox.up(new SandboxSpec(name, nodes, managers), line -> System.err.println("[" + name + "] " + line)));
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    /** The {@code -H} address of node1 (a manager). */
    public String managerHost() {
        return sandbox.host("node1");
    }

    /** A gateway to node1; the caller closes it. */
    public SwarmGateway gateway() {
        return gateway("node1");
    }

    /** A gateway to a node's own daemon; the caller closes it. */
    public SwarmGateway gateway(String node) {
        return EngineGateway.connect(ConnectionOptions.forHost(sandbox.host(node)));
    }

    @Override
    public void close() {
        sandbox.down(line -> System.err.println("[" + sandbox.layout().prefix() + "] " + line));
    }
}
