package io.swarmops.cli.rebalance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.CliRun;
import io.swarmops.ops.SpecUpdates;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.Waits;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.SwarmObject;
import io.swarmops.ops.model.Task;
import io.swarmops.rebalance.RebalanceLock;
import io.swarmops.sandbox.BusyboxImage;
import io.swarmops.sandbox.TestSwarm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "A killed run continues", with real signals to a real {@code swarmops rebalance --yes} process
 * ({@code bin/swarmops}, the shaded jar) on a real 4-node swarm. Each case takes the specs of the
 * nodes and services BEFORE the run, starts it, watches the cluster until the move is half made
 * (the service scaled up, the eviction's constraint in, the forced update begun: the competitors
 * paused), and sends the signal then. kill -9: nothing in the process runs, and the next run must
 * put the move back or finish it. SIGTERM, and SIGINT as Ctrl-C sends it: the process puts the
 * move back itself before it exits (143, 130), with no other run. Afterwards, in every case: the
 * node specs (availability, labels, role) and the service specs (update and rollback config,
 * placement: constraints, preferences, max replicas; replicas) as they were, every service at its
 * replicas and all of them running, no lock.
 *
 * <p>The services that scale or evict carry a health check (first probe after 5 s): a new task
 * runs only then, so the half-made move lasts longer than the longest pause between two reads of
 * {@link Waits} (2 s). Stop grace periods are 1 s, so forced updates and clean-ups are quick.
 */
class RebalanceKillIT {
    static final List<String> NODES = List.of("node1", "node2", "node3", "node4");
    static final Duration MINUTE = Duration.ofSeconds(60);
    /** The services' own settings, none of them what a move sets: each must come back as it was. */
    static final List<String> OWN = List.of(
            "--update-parallelism", "2", "--update-order", "start-first", "--update-failure-action", "rollback",
            "--update-monitor", "2s", "--update-delay", "100ms", "--update-max-failure-ratio", "0.5",
            "--rollback-parallelism", "3", "--rollback-order", "start-first", "--rollback-monitor", "3s",
            "--constraint", "node.labels.pool!=reserved", "--placement-pref", "spread=node.labels.rack",
            "--replicas-max-per-node", "9");
    /**
     * A forced update's service has no placement preference: the planner never plans a forced update
     * of a service with one (its replacements follow swarmkit's decision tree, which it does not predict).
     */
    static final String NO_PREFERENCE = "no-preference";
    static final List<String> HEALTHY_AFTER_5S = List.of("--health-cmd", "true", "--health-interval", "5s");

    static TestSwarm swarm;
    static String host;
    static SwarmGateway g;

    /** The rebalance process of the case; a failing case leaves it to {@link #clean()}. */
    Process run;
    Path log;

    @BeforeAll
    static void up() {
        swarm = TestSwarm.start("rbk", 4, 1);
        host = swarm.managerHost();
        g = swarm.gateway();
    }

    @AfterAll
    static void down() {
        if (g != null) {
            g.close();
        }
        if (swarm != null) {
            swarm.close();
        }
    }

    @AfterEach
    void clean() throws Exception {
        if (run != null && run.isAlive()) {
            run.destroyForcibly();
            run.waitFor(30, TimeUnit.SECONDS);
        }
        if (log != null) {
            Files.deleteIfExists(log);
        }
        g.services(Map.of()).forEach(s -> g.removeService(s.id()));
        NODES.forEach(n -> availability(n, "active"));
        g.configs(Map.of()).forEach(c -> g.removeConfig(c.id()));
        Waits.until("no task left", MINUTE, s -> { }, () -> g.tasks(Map.of("desired-state", List.of("running"))).isEmpty());
    }

    @Test
    void killNineDuringAScaleMoveIsPutBackByTheNextRunWhichGoesOn() throws Exception {
        create("web", 4, HEALTHY_AFTER_5S, "node2", "node3", "node4");
        State before = State.read();

        start("--threshold", "1.0");
        awaitMidMove("web scaled up to 5", () -> g.service("web").replicas() == 5);
        signal("KILL", 137);
        assertTrue(anyPaused() && RebalanceLock.journalOf(lock()).isPresent(),
                "killed half way: a competitor paused, the move journalled in the lock\n" + output());

        CliRun next = nextRun("--threshold", "1.0");
        assertEquals(0, next.code(), next.out() + next.err());
        assertTrue(next.err().contains("undoing what a rebalance that died left"), next.err());
        assertTrue(g.snapshot().spread() <= 1.0, "then it went on: spread " + g.snapshot().spread() + "\n" + next.err());
        before.assertBack("after the next run", output() + next.err());
    }

    @Test
    void killNineDuringATiedGroupMoveIsPutBackByTheNextRun() throws Exception {
        create("web", 6, HEALTHY_AFTER_5S, "node3", "node4");
        State before = State.read();

        start("--threshold", "1.0");
        awaitMidMove("web scaled up by two", () -> g.service("web").replicas() == 8);
        signal("KILL", 137);
        assertTrue(anyPaused() && RebalanceLock.journalOf(lock()).isPresent(), "killed half way\n" + output());

        // cron's run, at the default threshold (2.0): with node4 paused the spread (3/3/2) is under it
        CliRun next = nextRun();
        assertEquals(0, next.code(), next.out() + next.err());
        assertTrue(next.err().contains("undoing what a rebalance that died left"), next.err());
        before.assertBack("after the next run", output() + next.err());
    }

    @Test
    void killNineDuringAnEvictionIsPutBackByTheNextRun() throws Exception {
        createLoneTasksOnNode1();
        State before = State.read();

        start("--threshold", "0.5");
        awaitMidMove("a constraint forbidding the source", () -> evicting() != null);
        signal("KILL", 137);
        assertTrue(evicting() != null && RebalanceLock.journalOf(lock()).isPresent(), "killed half way\n" + output());

        // at the default threshold: with the competitors paused the spread (3/1 on two nodes) is under it
        CliRun next = nextRun();
        assertEquals(0, next.code(), next.out() + next.err());
        assertTrue(next.err().contains("undoing what a rebalance that died left"), next.err());
        before.assertBack("after the next run", output() + next.err());
    }

    @Test
    void killNineDuringAForcedUpdateIsFinishedByTheNextRunWithTheServicesOwnUpdateConfig() throws Exception {
        create("web", 6, List.of(NO_PREFERENCE), "node4");
        State before = State.read();
        long force = forceUpdate("web");

        start("--threshold", "0.5");
        awaitMidMove("the forced update of web", () -> forceUpdate("web") > force);
        signal("KILL", 137);
        assertEquals(1, g.service("web").spec().at("/UpdateConfig/Parallelism").asLong(), "killed with the move's update config in\n" + output());

        // at the default threshold: Swarm goes on with the forced update (a run skipped until it ended)
        CliRun next = nextRun();
        assertEquals(0, next.code(), next.out() + next.err());
        assertTrue(next.err().contains("undoing what a rebalance that died left"), next.err());
        assertTrue(g.tasks(Map.of("service", List.of("web"), "desired-state", List.of("running"))).stream()
                .allMatch(t -> t.raw().at("/Spec/ForceUpdate").asLong() > force), "the forced update finished");
        before.assertBack("after the next run", output() + next.err());
    }

    @Test
    void sigtermDuringAScaleMovePutsItBackAtOnceAndExits143() throws Exception {
        create("web", 4, HEALTHY_AFTER_5S, "node2", "node3", "node4");
        State before = State.read();

        start("--threshold", "1.0");
        awaitMidMove("web scaled up to 5", () -> g.service("web").replicas() == 5);
        assertTrue(anyPaused(), "a competitor paused");
        signal("TERM", 143);
        assertTrue(output().contains("interrupted: no move left half made; the lock released"), output());
        before.assertBack("right after SIGTERM", output());
    }

    @Test
    void ctrlCDuringAnEvictionPutsItBackAtOnceAndExits130() throws Exception {
        createLoneTasksOnNode1();
        State before = State.read();

        start("--threshold", "0.5");
        awaitMidMove("a constraint forbidding the source", () -> evicting() != null);
        signal("INT", 130);
        assertTrue(output().contains("interrupted: no move left half made; the lock released"), output());
        before.assertBack("right after SIGINT", output());
    }

    @Test
    void sigtermDuringAForcedUpdatePutsTheServicesOwnUpdateConfigBackAtOnce() throws Exception {
        create("web", 6, List.of(NO_PREFERENCE), "node4");
        State before = State.read();
        long force = forceUpdate("web");

        start("--threshold", "0.5");
        awaitMidMove("the forced update of web", () -> forceUpdate("web") > force);
        signal("TERM", 143);
        assertTrue(output().contains("interrupted: no move left half made; the lock released"), output());
        before.assertBack("right after SIGTERM", output());
    }

    /**
     * A live run's lock is not taken for a dead one's while a long move waits on Swarm: its heartbeat
     * is renewed meanwhile (it was renewed at journal writes only, and a run started during a forced
     * update longer than its --lock-timeout took the lock over and undid the live run's move).
     */
    @Test
    void aRunStartedDuringALongMoveOfALiveRunLeavesItAlone() throws Exception {
        create("web", 6, List.of(NO_PREFERENCE, "--stop-grace-period", "3s"), "node4"); // six stops of 3 s: the forced update takes 20 s and more
        State before = State.read();
        long force = forceUpdate("web");

        start("--threshold", "0.5");
        awaitMidMove("the forced update of web", () -> forceUpdate("web") > force);
        Instant began = Instant.now();
        Duration lockTimeout = RebalanceLock.RENEW_EVERY.plusSeconds(7);
        Waits.until("the move to last longer than " + lockTimeout.toSeconds() + " s", MINUTE, s -> { },
                () -> Duration.between(began, Instant.now()).compareTo(lockTimeout.plusSeconds(1)) > 0);
        assertTrue(run.isAlive(), "still in the move");
        CliRun second = CliRun.against(host, "rebalance", "--yes", "--cooldown", "0s", "--threshold", "0.5",
                "--lock-timeout", lockTimeout.toSeconds() + "s");
        assertEquals(0, second.code(), second.out() + second.err());
        assertTrue(second.err().contains("rebalance skipped: service web has an update updating"), "not taken for dead: " + second.err());
        assertEquals("/" + run.pid(), lock().labels().get("io.swarmops.owner").replaceAll("^[^/]*", ""), "the first run keeps its lock");
        assertEquals(1, g.service("web").spec().at("/UpdateConfig/Parallelism").asLong(), "its move untouched\n" + second.err());

        signal("TERM", 143); // no need to wait for the end of the update
        before.assertBack("right after SIGTERM", output());
    }

    // ---- the cluster ------------------------------------------------------------------------------

    /** The specs of every node and service; {@link #assertBack} compares the cluster with them. */
    record State(Map<String, ObjectNode> nodes, Map<String, ObjectNode> services) {
        static State read() {
            Map<String, ObjectNode> nodes = new TreeMap<>();
            g.nodes().forEach(n -> nodes.put(n.hostname(), n.spec()));
            Map<String, ObjectNode> services = new TreeMap<>();
            g.services(Map.of()).forEach(s -> services.put(s.name(), withoutForceUpdate(s.spec())));
            return new State(nodes, services);
        }

        /** As before, the ForceUpdate counter aside (a forced update that went on ends with it raised); lock gone. */
        void assertBack(String when, String said) {
            State now = read();
            assertEquals(nodes, now.nodes(), "node specs as before, " + when + "\n" + said);
            assertEquals(services, now.services(), "service specs as before, " + when + "\n" + said);
            for (Service s : g.services(Map.of())) {
                List<Task> tasks = g.tasks(Map.of("service", List.of(s.id()), "desired-state", List.of("running")));
                assertEquals(s.replicas(), tasks.size(), s.name() + ": tasks meant to run, " + when);
                assertTrue(tasks.stream().allMatch(Task::isRunning), s.name() + ": all running, " + when);
            }
            assertTrue(g.configs(Map.of("name", List.of(RebalanceLock.NAME))).isEmpty(), "the lock is gone, " + when + "\n" + said);
        }

        private static ObjectNode withoutForceUpdate(ObjectNode spec) {
            spec.withObject("/TaskTemplate").remove("ForceUpdate");
            return spec;
        }
    }

    /** A service of busybox sleepers, created while {@code drained} take no tasks; they are active again after. */
    static void create(String name, int replicas, List<String> extra, String... drained) {
        createAll(List.of(name), replicas, extra, drained);
    }

    /** Three services of one task each, all on node1: 3/0/0/0, where only evictions help. */
    static void createLoneTasksOnNode1() {
        createAll(List.of("a", "b", "c"), 1, HEALTHY_AFTER_5S, "node2", "node3", "node4");
    }

    /** The services created together (--detach), then awaited together: every task running. */
    static void createAll(List<String> names, int replicas, List<String> extra, String... drained) {
        for (String n : drained) {
            availability(n, "drain");
        }
        for (String name : names) {
            List<String> args = new ArrayList<>(List.of("service", "create", "--detach", "--name", name, "--replicas",
                    String.valueOf(replicas), "--no-resolve-image"));
            List<String> own = new ArrayList<>(OWN);
            if (extra.contains(NO_PREFERENCE)) {
                own.removeAll(List.of("--placement-pref", "spread=node.labels.rack"));
            }
            args.addAll(own);
            if (!extra.contains("--stop-grace-period")) {
                args.addAll(List.of("--stop-grace-period", "1s"));
            }
            extra.stream().filter(e -> !e.equals(NO_PREFERENCE)).forEach(args::add);
            args.addAll(List.of(BusyboxImage.NAME, "sleep", "3600"));
            CliRun c = CliRun.against(host, args.toArray(String[]::new));
            assertEquals(0, c.code(), c.err());
        }
        Waits.until(names + " running", MINUTE, s -> { }, () -> names.stream().allMatch(name -> {
            List<Task> tasks = g.tasks(Map.of("service", List.of(name), "desired-state", List.of("running")));
            return tasks.size() == replicas && tasks.stream().allMatch(Task::isRunning);
        }));
        for (String n : drained) {
            availability(n, "active");
        }
    }

    static void availability(String node, String availability) {
        SpecUpdates.updateNode(g, node, SpecUpdates.availability(availability), System.err::println);
    }

    static boolean anyPaused() {
        return g.nodes().stream().map(Node::availability).anyMatch("pause"::equals);
    }

    /** The service whose placement forbids a node by ID (an eviction half made), or null. */
    static String evicting() {
        for (Service s : g.services(Map.of())) {
            for (var c : s.spec().at("/TaskTemplate/Placement/Constraints")) {
                if (c.asText().startsWith("node.id!=")) {
                    return s.name();
                }
            }
        }
        return null;
    }

    static long forceUpdate(String service) {
        return g.service(service).spec().at("/TaskTemplate/ForceUpdate").asLong(0);
    }

    static SwarmObject lock() {
        return g.config(RebalanceLock.NAME);
    }

    // ---- the rebalance processes ------------------------------------------------------------------

    /**
     * {@code bin/swarmops rebalance --yes} in its own process, its output in a file. Started as from
     * an operator's shell: SIGINT at its default, whatever this JVM inherited (a JVM does not catch a
     * signal ignored when it starts, and a background job starts with SIGINT ignored).
     */
    void start(String... policy) throws IOException {
        Path swarmops = Path.of("../bin/swarmops").toAbsolutePath().normalize();
        assertTrue(Files.isExecutable(swarmops), swarmops + " runs the shaded jar");
        assertTrue(Files.isRegularFile(Path.of("target/swarmops.jar")), "the shaded jar is built before integration tests");
        log = Files.createTempFile("rebalance-kill", ".log");
        List<String> cmd = new ArrayList<>(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\"",
                swarmops.toString(), "-H", host, "rebalance", "--yes", "--cooldown", "0s", "--lock-timeout", "1s"));
        cmd.addAll(List.of(policy));
        run = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits until the cluster shows the move half made; fails at once if the run ended first. */
    void awaitMidMove(String what, BooleanSupplier halfMade) {
        Waits.until(what, Duration.ofSeconds(90), s -> { }, () -> !run.isAlive() || halfMade.getAsBoolean());
        assertTrue(run.isAlive(), () -> "the run ended before " + what + ": exit " + run.exitValue() + "\n" + output());
    }

    /** Sends the signal (kill -SIG PID) and waits for the process to end with {@code code}. */
    void signal(String signal, int code) throws Exception {
        Process kill = new ProcessBuilder("sh", "-c", "kill -" + signal + " " + run.pid()).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + signal);
        long t0 = System.nanoTime();
        assertTrue(run.waitFor(120, TimeUnit.SECONDS), "SIG" + signal + " ends the run\n" + output());
        System.err.printf("rebalance: SIG%s, exit %d after %.1f s%n%s%n", signal, run.exitValue(), (System.nanoTime() - t0) / 1e9, output());
        assertEquals(code, run.exitValue(), "exit code after SIG" + signal + "\n" + output());
    }

    /** The run after a kill -9, once the dead run's lock is older than --lock-timeout (1 s). */
    static CliRun nextRun(String... policy) {
        long heartbeat = lock().labels().entrySet().stream().filter(e -> e.getKey().startsWith("io.swarmops.")
                && e.getValue().matches("\\d+")).mapToLong(e -> Long.parseLong(e.getValue())).max().orElse(0);
        Waits.until("the dead run's lock to be stale", MINUTE, s -> { }, () -> Instant.now().getEpochSecond() > heartbeat + 1);
        List<String> args = new ArrayList<>(List.of("rebalance", "--yes", "--cooldown", "0s", "--lock-timeout", "1s"));
        args.addAll(List.of(policy));
        long t0 = System.nanoTime();
        CliRun next = CliRun.against(host, args.toArray(String[]::new));
        System.err.printf("next run: exit %d in %.1f s%n%s%s%n", next.code(), (System.nanoTime() - t0) / 1e9, next.out(), next.err());
        return next;
    }

    String output() {
        try {
            return log == null ? "" : Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
