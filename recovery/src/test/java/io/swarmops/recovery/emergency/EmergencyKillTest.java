package io.swarmops.recovery.emergency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.swarmops.ops.model.Json;
import io.swarmops.recovery.journal.StepJournal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "A killed run continues" and "one run at a time", with real processes and real signals: each
 * emergency command runs in a JVM of its own ({@link EmergencyChild}) over an in-memory swarm made
 * durable by its effect log (Swarm decides nothing here: the executor and its journal do). The
 * process is killed with SIGKILL before the first effect of each step and after the last one (made,
 * not yet journalled: the journal says {@code started}, as a real kill -9 leaves it), the same
 * command is run again, and the cycle ends as an uninterrupted one: the same swarm, every effect made
 * as often.
 */
class EmergencyKillTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err, long pid) {
    }

    private static Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                EmergencyChild.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
    }

    /** Runs a command to its end, or to its KILLME, where it gets SIGKILL. */
    private static Run run(String... args) throws Exception {
        Process p = start(args);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder text = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            if (line.equals("KILLME")) {
                kill(p);
                break;
            }
            text.append(line).append('\n');
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child ended");
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.exitValue(), text.toString(), err, p.pid());
    }

    private static void kill(Process p) throws Exception {
        Process kill = new ProcessBuilder("kill", "-KILL", Long.toString(p.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
    }

    private static final int SIGKILLED = 128 + 9;

    /** The effects of a cycle, in the order they were made, each with its step. */
    private static List<JsonNode> effects(Path d) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(d.resolve("effects.log"))) {
            out.add(Json.MAPPER.readTree(line));
        }
        return out;
    }

    private static List<String> sortedEffects(Path d) throws IOException {
        return effects(d).stream().map(e -> e.path("Op").asText() + " " + e.path("Args")).sorted().toList();
    }

    /**
     * Runs the command; killed, it is run again once, as an operator would, and must then finish.
     * Returns the last run's output (the reboot prints the swarm it leaves).
     */
    private static String command(String verb, Path d, int killAt, String when, List<String> kills) throws Exception {
        Run r = run(verb, d.toString(), Integer.toString(killAt), when);
        if (r.exit() == SIGKILLED) {
            StepJournal.Pass pass = new Cycle(d.resolve("state.json")).journal().current().orElseThrow();
            String underWay = pass.last().values().stream().filter(e -> StepJournal.STARTED.equals(e.event())).map(StepJournal.Entry::step)
                    .reduce((a, b) -> b).map(step -> step + " started").orElse("nothing started");
            kills.add(verb + " killed with " + underWay);
            r = run(verb, d.toString());
        }
        assertEquals(0, r.exit(), verb + " at " + killAt + " " + when + ": " + r.err());
        return r.out();
    }

    @Test
    void killedWithSigkillBeforeAndAfterEachStepsEffectThenRunAgainEndsAsAnUninterruptedCycle() throws Exception {
        Path reference = Files.createDirectories(dir.resolve("reference"));
        command("shutdown", reference, 0, "before", new ArrayList<>());
        String expected = command("reboot", reference, 0, "before", new ArrayList<>());
        assertTrue(expected.contains("\"JournalComplete\":true"), expected);

        // the first effect of each step, and its last
        Map<String, int[]> steps = new LinkedHashMap<>();
        List<JsonNode> made = effects(reference);
        for (int i = 0; i < made.size(); i++) {
            int[] range = steps.computeIfAbsent(made.get(i).path("Step").asText(), s -> new int[] {Integer.MAX_VALUE, 0});
            range[0] = Math.min(range[0], i + 1);
            range[1] = Math.max(range[1], i + 1);
        }
        assertTrue(steps.size() >= 8, "steps with effects: " + steps.keySet());
        // two at a time: each child is a JVM start, and the points are independent
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> points = new ArrayList<>();
            for (Map.Entry<String, int[]> step : steps.entrySet()) {
                for (String when : List.of("before", "after")) {
                    int at = when.equals("before") ? step.getValue()[0] : step.getValue()[1];
                    points.add(pool.submit(() -> {
                        Path d = Files.createDirectories(dir.resolve(step.getKey() + "-" + when));
                        List<String> kills = new ArrayList<>();
                        command("shutdown", d, at, when, kills);
                        String left = command("reboot", d, at, when, kills);
                        assertEquals(1, kills.size(), "killed once, " + when + " effect " + at + " (" + step.getKey() + "): " + kills);
                        assertTrue(kills.get(0).endsWith(" started") && !kills.get(0).contains("nothing"), kills.get(0));
                        assertEquals(expected, left, "the cycle killed " + when + " " + step.getKey() + " ends as an uninterrupted one");
                        assertEquals(sortedEffects(reference), sortedEffects(d), "every effect made as often (" + step.getKey() + ", " + when + ")");
                        return null;
                    }));
                }
            }
            for (Future<?> f : points) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof AssertionError a) {
                        throw a;
                    }
                    throw e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSecondRunInAnotherProcessIsRefusedWithOneLineNamingTheFirst() throws Exception {
        Process first = start("shutdown", dir.toString(), "1", "before");
        BufferedReader out = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8));
        try {
            assertEquals("KILLME", out.readLine(), "the first run is under way, holding the journal");
            Run second = run("shutdown", dir.toString());
            assertEquals(3, second.exit(), second.err());
            assertEquals(1, second.err().lines().count(), second.err());
            assertTrue(second.err().startsWith("another procedure is running on " + dir.resolve("state.json.journal") + " (held by "),
                    second.err());
            assertTrue(second.err().contains("(pid " + first.pid() + ") since "), "names the first run's process: " + second.err());
            assertTrue(second.err().contains(System.getProperty("user.name") + "@"), "and who: " + second.err());
        } finally {
            kill(first);
            first.waitFor(60, TimeUnit.SECONDS);
        }
        assertEquals(0, run("shutdown", dir.toString()).exit(), "once the first is gone (killed), the next run goes on");
    }
}
