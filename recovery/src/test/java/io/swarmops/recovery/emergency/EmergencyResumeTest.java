package io.swarmops.recovery.emergency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.model.Node;
import io.swarmops.recovery.power.Machine;
import io.swarmops.recovery.power.PowerSwitch;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The process killed at every effect of a whole cycle — each write to the swarm and each power
 * command, killed just before it or just after it (before the journal records it) — then the same
 * command run again, and the cycle finished: the swarm ends as an unkilled cycle leaves it, and every
 * effect was made as many times as in the unkilled cycle (none repeated, none lost).
 */
class EmergencyResumeTest {
    @TempDir
    Path dir;

    /** Where the process died. */
    static final class Killed extends RuntimeException {
        Killed(String at) {
            super("killed at " + at, null, false, false);
        }
    }

    /** Counts effects; throws {@link Killed} at the chosen one, once. */
    static final class Killer {
        final int at;
        final boolean afterEffect;
        final List<String> effects = Collections.synchronizedList(new ArrayList<>());
        private int seen;
        private boolean fired;

        Killer(int at, boolean afterEffect) {
            this.at = at;
            this.afterEffect = afterEffect;
        }

        synchronized void effect(String what, Runnable effect) {
            boolean here = !fired && ++seen == at;
            if (here && !afterEffect) {
                fired = true;
                throw new Killed(what);
            }
            effect.run();
            effects.add(what);
            if (here) {
                fired = true;
                throw new Killed(what);
            }
        }
    }

    private static final Set<String> WRITES = Set.of("updateNode", "removeService", "createService", "createNetwork", "createConfig",
            "createSecret");

    /** A write through the gateway: its method, its arguments, and the call that makes it. */
    interface Writes {
        void write(String method, Object[] args, Runnable call);
    }

    /** The cluster, each write ({@link #WRITES}) handed to {@code writes} to be made; reads go straight through. */
    static SwarmGateway intercepted(SimulatedCluster c, Writes writes) {
        return (SwarmGateway) Proxy.newProxyInstance(SwarmGateway.class.getClassLoader(), new Class<?>[] {SwarmGateway.class}, (p, m, args) -> {
            Object[] result = new Object[1];
            Runnable call = () -> {
                try {
                    result[0] = m.invoke(c, args);
                } catch (InvocationTargetException e) {
                    throw (RuntimeException) e.getCause();
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            };
            if (WRITES.contains(m.getName())) {
                writes.write(m.getName(), args, call);
            } else {
                call.run();
            }
            return result[0];
        });
    }

    static SwarmGateway killable(SimulatedCluster c, Killer k) {
        return intercepted(c, (method, args, call) ->
                k.effect(method + " " + (args[0] instanceof String s ? s : String.valueOf(((JsonNode) args[0]).path("Name").asText())), call));
    }

    static PowerSwitch killable(PowerSwitch power, Killer k) {
        return new PowerSwitch() {
            @Override
            public void off(Machine m) {
                k.effect("power off " + m.hostname(), () -> power.off(m));
            }

            @Override
            public void on(Machine m) {
                k.effect("power on " + m.hostname(), () -> power.on(m));
            }
        };
    }

    /** A whole cycle, each command run again once if it was killed, as an operator would. */
    static Killer cycle(Path stateFile, SimulatedCluster c, Killer k) {
        Cycle cycle = new Cycle(stateFile);
        SwarmGateway g = killable(c, k);
        PowerSwitch p = killable(c.power(), k);
        try {
            cycle.shutdown(g, p, null);
        } catch (Killed e) {
            cycle.shutdown(g, p, null);
        }
        try {
            cycle.reboot(g, p, c.probe(List.of("registry")), List.of("registry"), Map.of());
        } catch (Killed e) {
            cycle.reboot(g, p, c.probe(List.of("registry")), List.of("registry"), Map.of());
        }
        return k;
    }

    static Stream<Arguments> killPoints() throws Exception {
        Path tmp = Files.createTempDirectory("reference");
        int effects = cycle(tmp.resolve("state.json"), FourNodeSwarm.build(), new Killer(0, false)).effects.size();
        return IntStream.rangeClosed(1, effects).boxed().flatMap(i -> Stream.of(Arguments.of(i, false), Arguments.of(i, true)));
    }

    @ParameterizedTest(name = "killed at effect {0}, after it: {1}")
    @MethodSource("killPoints")
    void killedAtAnyEffectThenRunAgainEndsAsAnUnkilledCycle(int at, boolean afterEffect) {
        SimulatedCluster reference = FourNodeSwarm.build();
        Map<String, JsonNode> specs = FourNodeSwarm.specs(reference);
        List<String> referenceEffects = cycle(dir.resolve("reference.json"), reference, new Killer(0, false)).effects;

        SimulatedCluster c = FourNodeSwarm.build();
        Killer k = cycle(dir.resolve("state.json"), c, new Killer(at, afterEffect));

        assertEquals(sorted(referenceEffects), sorted(k.effects), "every effect made as often as without the kill");
        assertEquals(specs, FourNodeSwarm.specs(c), "every service as saved");
        assertEquals(2, c.nodes().stream().filter(n -> n.isManager() && n.manager().reachable()).count());
        assertTrue(c.nodes().stream().allMatch(Node::isReady));
        assertTrue(new Cycle(dir.resolve("state.json")).journal().current().orElseThrow().complete());
    }

    private static List<String> sorted(List<String> effects) {
        return effects.stream().sorted().toList();
    }
}
