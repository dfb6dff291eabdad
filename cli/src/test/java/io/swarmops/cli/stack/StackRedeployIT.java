package io.swarmops.cli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.CliRun;
import io.swarmops.compose.ComposeLoader;
import io.swarmops.compose.StackConverter;
import io.swarmops.compose.StackDeployPlan;
import io.swarmops.compose.StackDeployPlanner;
import io.swarmops.compose.StackDeployPlanner.ResolveImage;
import io.swarmops.compose.StackDeployer;
import io.swarmops.compose.StackSpecs;
import io.swarmops.compose.StackState;
import io.swarmops.ops.SpecUpdates;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.Waits;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.testing.SwarmState;
import io.swarmops.sandbox.BusyboxImage;
import io.swarmops.sandbox.SandboxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stack deployed over a stack just created, round after round: swarmkit's allocator writes a new
 * service again right after its create (its endpoint), so the version a redeploy reads can be stale
 * by the time it writes ({@code update out of sequence}). Every round must succeed, re-reading and
 * planning the update again when that happens (half the rounds make sure it happens). Then {@code stack deploy --dry-run} and {@code stack
 * diff} of a changed file must change nothing. One one-node sandbox for the class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackRedeployIT {
    private static final int ROUNDS = 15;
    @RegisterExtension
    static final SandboxExtension swarm = SandboxExtension.of("rdp", 1, 1);
    static String host;

    @TempDir
    static Path dir;

    @BeforeAll
    static void up() {
        host = swarm.host();
    }

    /** Services r1..rN; the last one's V as given, the earlier ones' "2", as the previous rounds left them. */
    private static Path file(int services, String lastValue) throws IOException {
        StringBuilder yaml = new StringBuilder("services:\n");
        for (int i = 1; i <= services; i++) {
            yaml.append("  r").append(i).append(":\n")
                    .append("    image: ").append(BusyboxImage.NAME).append('\n')
                    .append("    command: [\"sleep\", \"3600\"]\n")
                    .append("    environment: [V=").append(i == services ? lastValue : "2").append("]\n")
                    // an update is over sooner: the dry-run snapshot waits for none to run
                    .append("    deploy: {update_config: {monitor: 1s}}\n");
        }
        Path f = dir.resolve("stack-" + services + "-" + lastValue + ".yml");
        Files.writeString(f, yaml);
        return f;
    }

    private static CliRun deploy(Path file) {
        return CliRun.against(host, "stack", "deploy", "--resolve-image", "never", "-c", file.toString(), "rdp");
    }

    /** The rule the retry is for: a service's version moves right after its create, with nobody updating it. */
    @Test
    @Order(1)
    void aNewServiceIsWrittenAgainBySwarmRightAfterItsCreate() throws IOException {
        CliRun created = CliRun.against(host, "stack", "deploy", "--resolve-image", "never", "-c", file(1, "1").toString(), "pin");
        assertEquals(0, created.code(), created.out() + created.err());
        try (SwarmGateway g = swarm.swarm().gateway()) {
            Waits.until("the allocator to write pin_r1 again", Duration.ofSeconds(60), line -> { }, () -> {
                Service s = g.service("pin_r1");
                return s.updatedAt().isAfter(s.createdAt());
            });
            Service s = g.service("pin_r1");
            assertNull(s.previousSpec(), "nobody updated pin_r1: it has no previous spec");
            assertTrue(s.raw().path("Endpoint").path("VirtualIPs").isArray(), "what the allocator wrote: " + s.raw().path("Endpoint"));
            CliRun rm = CliRun.against(host, "stack", "rm", "pin");
            assertEquals(0, rm.code(), rm.err());
        }
    }

    /**
     * Odd rounds: the CLI redeploys right after the create, racing the allocator as CI once lost.
     * Even rounds: the update is planned right after the create, then someone else forces an update
     * of the service before it is sent, so the planned version is out of date for sure: the deploy
     * must read the service again, plan again and keep the other change.
     */
    @Test
    @Order(2)
    void aRedeployRightAfterTheCreateSucceedsRoundAfterRound() throws IOException {
        int retried = 0;
        try (SwarmGateway g = swarm.swarm().gateway()) {
            for (int round = 1; round <= ROUNDS; round++) {
                String name = "rdp_r" + round;
                CliRun create = deploy(file(round, "1"));
                assertEquals(0, create.code(), "round " + round + " create: " + create.out() + create.err());
                assertTrue(create.out().contains("Creating service " + name), create.out());
                List<String> out = new ArrayList<>();
                List<String> err = new ArrayList<>();
                if (round % 2 == 1) {
                    CliRun update = deploy(file(round, "2"));
                    assertEquals(0, update.code(), "round " + round + " redeploy: " + update.out() + update.err());
                    out.addAll(update.out().lines().toList());
                    err.addAll(update.err().lines().toList());
                } else {
                    StackSpecs specs = new StackConverter("rdp").convert(ComposeLoader.load(List.of(file(round, "2")), Map.of()).config());
                    StackDeployPlan plan = StackDeployPlanner.plan(specs, StackState.read(g, "rdp"), false, ResolveImage.NEVER);
                    SpecUpdates.updateService(g, name, spec -> {
                        ObjectNode tt = spec.with("TaskTemplate");
                        tt.put("ForceUpdate", tt.path("ForceUpdate").asLong() + 1);
                        return spec;
                    }, null, line -> { });
                    new StackDeployer(g, null, ResolveImage.NEVER, out::add, err::add).execute(plan);
                    assertTrue(err.stream().anyMatch(l -> l.startsWith("service " + name + " changed while updating (update out of sequence)")),
                            "round " + round + ": " + err);
                    assertEquals(1, g.service(name).spec().at("/TaskTemplate/ForceUpdate").asLong(), "the other change is kept");
                }
                assertTrue(out.stream().anyMatch(l -> l.startsWith("Updating service " + name + " ")), out.toString());
                assertEquals(round - 1, out.stream().filter(l -> l.startsWith("Service rdp_r") && l.contains(" unchanged ")).count(),
                        "the services of earlier rounds are not written again: " + out);
                assertEquals("V=2", g.service(name).spec().at("/TaskTemplate/ContainerSpec/Env/0").asText(), name);
                retried += (int) err.stream().filter(l -> l.contains("changed while updating")).count();
            }
        }
        System.err.printf("stack redeploy right after create: %d rounds, %d out-of-sequence retries%n", ROUNDS, retried);
    }

    /** On a stack of its own, so that it stands whatever the rounds did. */
    @Test
    @Order(3)
    void aDryRunDeployAndADiffChangeNothing() throws IOException {
        CliRun deployed = CliRun.against(host, "stack", "deploy", "--resolve-image", "never", "-c", file(2, "1").toString(), "dry");
        assertEquals(0, deployed.code(), deployed.out() + deployed.err());
        Path changed = file(3, "1");
        try (SwarmGateway g = swarm.swarm().gateway()) {
            SwarmState untouched = SwarmState.settled(g, Duration.ofSeconds(60));
            CliRun dry = CliRun.against(host, "stack", "deploy", "--dry-run", "--prune", "-c", changed.toString(), "dry");
            assertEquals(0, dry.code(), dry.out() + dry.err());
            assertTrue(dry.out().contains("Updating service dry_r2 "), dry.out());
            assertTrue(dry.out().contains("Creating service dry_r3"), dry.out());
            untouched.assertUnchanged(g);
            CliRun diff = CliRun.against(host, "stack", "diff", "--prune", "-c", changed.toString(), "dry");
            assertEquals(0, diff.code(), diff.out() + diff.err());
            assertTrue(diff.out().contains("service dry_r2: update\n  ~ TaskTemplate.ContainerSpec.Env[0]: \"V=1\" -> \"V=2\""), diff.out());
            assertTrue(diff.out().contains("service dry_r3: create"), diff.out());
            untouched.assertUnchanged(g);
        }
    }
}
