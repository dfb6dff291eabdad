package io.swarmops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.testing.Fixtures;
import io.swarmops.ops.testing.StubGateway;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LiveNamesTest {
    static final CommandLine.Model.CommandSpec TREE = CommandTree.full(new SwarmopsCommand(), CommandLine.defaultFactory()).getCommandSpec();

    final AtomicInteger serviceReads = new AtomicInteger();
    final StubGateway cluster = new StubGateway() {
        @Override
        public List<Service> services(Map<String, List<String>> filters) {
            serviceReads.incrementAndGet();
            return List.of(Fixtures.service("s1", "web", 2), Fixtures.service("s2", "worker", 1), Fixtures.service("s3", "api", 1));
        }

        @Override
        public List<Node> nodes() {
            return List.of(Fixtures.node("n1", "node1", "leader"), Fixtures.node("n2", "node2", null));
        }
    };
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    final LiveNames names = new LiveNames(TREE, () -> cluster, () -> now);

    @Test
    void commandsThenTheClustersNamesWhereAnArgumentTakesThem() {
        assertTrue(names.complete(List.of("serv"), 0).contains("service"));
        assertEquals(List.of("ps"), names.complete(List.of("service", "p"), 1));
        assertEquals(List.of("web", "worker"), names.complete(List.of("service", "ps", "w"), 2));
        assertEquals(List.of("node1", "node2"), names.complete(List.of("-H", "unix:///x.sock", "node", "ps", ""), 4));
        assertEquals(List.of("node1", "node2"), names.complete(List.of("service", "move", "web", "--from", ""), 4));
        assertTrue(names.complete(List.of("service", "ls", "--f"), 2).containsAll(List.of("--filter", "--format")));
        assertTrue(names.complete(List.of("service", ""), 1).stream().noneMatch(c -> c.startsWith("-")), "options once a dash is typed");
    }

    @Test
    void namesAreCachedBrieflyAndADeadDaemonCompletesNothing() {
        names.complete(List.of("service", "ps", ""), 2);
        names.complete(List.of("service", "rm", ""), 2);
        assertEquals(1, serviceReads.get());
        now = now.plus(LiveNames.TTL).plus(Duration.ofMillis(1));
        names.complete(List.of("service", "ps", ""), 2);
        assertEquals(2, serviceReads.get());

        LiveNames dead = new LiveNames(TREE, () -> {
            throw new SwarmOpsException(SwarmOpsException.Kind.UNREACHABLE, "cannot connect");
        }, () -> now);
        assertEquals(List.of(), dead.complete(List.of("service", "ps", ""), 2));
        assertEquals(List.of("ps"), dead.complete(List.of("service", "ps"), 1));
    }
}
