package io.swarmops.cli.node;

import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Task;
import io.swarmops.sandbox.TestSwarm;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fewest tasks each service had running (observed running, whatever their desired state) at any
 * read, every 50 ms from its start to its close, on a connection of its own. A read that fails (the
 * daemon busy) says nothing about the tasks and is skipped.
 */
final class LowestRunning implements AutoCloseable {
    private final Map<String, Integer> lowest = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean sampling = true;

    LowestRunning(TestSwarm swarm) {
        thread = new Thread(() -> {
            try (SwarmGateway g = swarm.gateway()) {
                while (sampling) {
                    sample(g);
                    Thread.sleep(50);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "lowest-running");
        thread.start();
    }

    private void sample(SwarmGateway g) {
        try {
            Map<String, String> names = new TreeMap<>();
            g.services(Map.of()).forEach(v -> names.put(v.id(), v.name()));
            Map<String, Integer> now = new TreeMap<>();
            names.values().forEach(n -> now.put(n, 0));
            for (Task t : g.tasks(Map.of())) {
                if (t.isRunning() && names.containsKey(t.serviceId())) {
                    now.merge(names.get(t.serviceId()), 1, Integer::sum);
                }
            }
            now.forEach((k, v) -> lowest.merge(k, v, Math::min));
        } catch (SwarmOpsException e) {
            // skipped: see the class comment
        }
    }

    int of(String service) {
        return lowest.get(service);
    }

    @Override
    public String toString() {
        return new TreeMap<>(lowest).toString();
    }

    /** Stops sampling and waits for the last read. */
    @Override
    public void close() throws InterruptedException {
        sampling = false;
        thread.join();
    }
}
