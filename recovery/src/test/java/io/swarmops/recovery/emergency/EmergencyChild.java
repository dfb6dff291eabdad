package io.swarmops.recovery.emergency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import io.swarmops.recovery.journal.StepJournal;
import io.swarmops.recovery.power.Machine;
import io.swarmops.recovery.power.PowerSwitch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * One emergency command in a process of its own, for {@link EmergencyKillTest}: the bar's four-node
 * swarm in memory, made durable by a log of the effects made on it ({@code effects.log}: each write
 * and power command, appended and forced once it took effect, replayed when the next process
 * starts), so that a process killed with SIGKILL leaves the swarm as a real one would be left. At
 * effect number {@code killAt} (counted over every process of the cycle) it prints {@code KILLME}
 * and blocks, before the effect or after it (made and logged, not yet journalled): the test kills it
 * there.
 *
 * <p>Arguments: {@code shutdown|reboot DIR [KILL_AT before|after]}. A finished reboot prints the
 * swarm as the cycle left it, as one JSON line.
 */
public final class EmergencyChild {
    private final SimulatedCluster cluster = FourNodeSwarm.build();
    private final Path log;
    private final StepJournal journal;
    private final int killAt;
    private final boolean afterEffect;
    private int seen;

    private EmergencyChild(Path dir, int killAt, boolean afterEffect) {
        this.log = dir.resolve("effects.log");
        this.journal = new Cycle(dir.resolve("state.json")).journal();
        this.killAt = killAt;
        this.afterEffect = afterEffect;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        EmergencyChild child = new EmergencyChild(dir, args.length > 2 ? Integer.parseInt(args[2]) : 0,
                args.length > 3 && args[3].equals("after"));
        child.replay();
        Cycle cycle = new Cycle(dir.resolve("state.json"));
        SwarmGateway g = child.gateway();
        PowerSwitch p = child.power();
        try {
            switch (args[0]) {
                case "shutdown" -> cycle.shutdown(g, p, null);
                case "reboot" -> {
                    cycle.reboot(g, p, child.cluster.probe(List.of("registry")), List.of("registry"), Map.of());
                    System.out.println(child.report());
                }
                default -> throw new IllegalArgumentException(args[0]);
            }
        } catch (SwarmOpsException e) {
            System.err.println(e.getMessage());
            System.exit(3);
        }
        System.exit(0);
    }

    /** The swarm as the effects of earlier processes left it. */
    private void replay() throws IOException {
        if (!Files.exists(log)) {
            return;
        }
        PowerSwitch power = cluster.power();
        for (String line : Files.readAllLines(log)) {
            JsonNode e = Json.MAPPER.readTree(line);
            seen++;
            JsonNode a = e.path("Args");
            switch (e.path("Op").asText()) {
                case "updateNode" -> cluster.updateNode(a.get(0).asText(), a.get(1).asLong(), (ObjectNode) a.get(2));
                case "removeService" -> cluster.removeService(a.get(0).asText());
                case "createService" -> cluster.createService((ObjectNode) a.get(0), null, w -> { });
                case "createNetwork" -> cluster.createNetwork((ObjectNode) a.get(0));
                case "createConfig" -> cluster.createConfig((ObjectNode) a.get(0));
                case "createSecret" -> cluster.createSecret((ObjectNode) a.get(0));
                case "off" -> power.off(machine(a));
                case "on" -> power.on(machine(a));
                default -> throw new IllegalStateException(line);
            }
        }
    }

    private static Machine machine(JsonNode a) {
        return new Machine(a.get(0).asText(), a.get(1).asText(), a.get(2).asText());
    }

    /** Makes an effect: blocks to be killed before or after it, and logs it once made. */
    private synchronized void effect(String op, List<Object> args, Runnable effect) {
        boolean here = ++seen == killAt;
        if (here && !afterEffect) {
            awaitKill();
        }
        effect.run();
        ObjectNode line = Json.object().put("Op", op).put("Step", currentStep());
        var array = line.putArray("Args");
        for (Object o : args) {
            if (o instanceof JsonNode j) {
                array.add(j.deepCopy());
            } else {
                array.add(String.valueOf(o));
            }
        }
        try {
            Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (here) {
            awaitKill();
        }
    }

    /** The journal's step under way (a node's power command counts as its step). */
    private String currentStep() {
        List<StepJournal.Entry> entries = journal.entries();
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (StepJournal.STARTED.equals(entries.get(i).event())) {
                return entries.get(i).step().replaceFirst(":.*", "");
            }
        }
        return "";
    }

    private static void awaitKill() {
        System.out.println("KILLME");
        System.out.flush();
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException ignored) {
                // only SIGKILL ends this process here
            }
        }
    }

    private SwarmGateway gateway() {
        return EmergencyResumeTest.intercepted(cluster, (method, args, call) ->
                effect(method, method.equals("updateNode") ? List.of(args[0], args[1], args[2]) : List.of(args[0]), call));
    }

    private PowerSwitch power() {
        PowerSwitch power = cluster.power();
        return new PowerSwitch() {
            @Override
            public void off(Machine m) {
                effect("off", List.of(m.id(), m.hostname(), m.addr()), () -> power.off(m));
            }

            @Override
            public void on(Machine m) {
                effect("on", List.of(m.id(), m.hostname(), m.addr()), () -> power.on(m));
            }
        };
    }

    /** What an uninterrupted cycle must leave: every service as saved, the nodes' roles and states, the journal complete. */
    private String report() {
        ObjectNode r = Json.object();
        ObjectNode specs = r.putObject("Services");
        FourNodeSwarm.specs(cluster).forEach(specs::set);
        ObjectNode nodes = r.putObject("Nodes");
        for (Node n : cluster.nodes()) {
            nodes.put(n.hostname(), n.role() + " " + (n.isReady() ? "ready" : "down") + (n.isManager() && n.manager().reachable() ? " reachable" : "")
                    + " " + n.spec().path("Availability").asText());
        }
        r.put("JournalComplete", journal.current().map(StepJournal.Pass::complete).orElse(false));
        return r.toString();
    }
}
