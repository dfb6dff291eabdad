package io.swarmops.rebalance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.model.ClusterSnapshot;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import io.swarmops.ops.testing.Fixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The planner on a synthetic cluster of 1,000 nodes, 5,000 services and 50,000 tasks (skewed onto
 * the first half of the nodes): time and memory. A benchmark, not a test; run with
 * {@code bin/bench-rebalance [THRESHOLD [pairs]]} (default 2.0; {@code pairs} puts each service's
 * tasks two to a node, where only the forced-update fallback helps). Goal: planning under 1 s on 2 cores.
 */
public final class RebalanceBenchmark {
    public static void main(String[] args) {
        int nodes = 1000;
        int services = 5000;
        int tasks = 50_000;
        Random r = new Random(42);
        List<Node> ns = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            ObjectNode raw = Fixtures.node("n" + i, "node" + i, i < 3 ? "reachable" : null).raw();
            raw.with("Spec").with("Labels").put("zone", i % 2 == 0 ? "a" : "b");
            ns.add(Node.from(raw));
        }
        List<Service> ss = new ArrayList<>();
        for (int i = 0; i < services; i++) {
            ObjectNode raw = Fixtures.service("s" + i, "svc" + i, tasks / services).raw();
            if (i % 10 == 0) {
                raw.with("Spec").with("TaskTemplate").with("Placement").putArray("Constraints").add("node.labels.zone==a");
            }
            ss.add(Service.from(raw));
        }
        boolean pairs = args.length > 1 && args[1].equals("pairs");
        List<Task> ts = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            int svc = i % services;
            // pairs: each service's tasks two to a node, so no node holds most alone and only a forced update helps
            int node = pairs ? (svc * 7 + (i / services) / 2 * 2) % (nodes / 2) * 2 % nodes
                    : r.nextInt(nodes / 2) * (svc % 10 == 0 ? 2 : 1);
            ts.add(Fixtures.task("t" + i, "s" + svc, "n" + node, i, "running"));
        }
        ClusterSnapshot snapshot = new ClusterSnapshot(ns, ss, ts, Instant.now());
        double threshold = args.length > 0 ? Double.parseDouble(args[0]) : 2.0;
        RebalancePolicy policy = new RebalancePolicy(threshold, RebalancePolicy.Measure.tasks, java.util.Set.of(), java.util.Set.of(), 100_000, 100_000, true);
        for (int warm = 0; warm < 2; warm++) {
            RebalancePlanner.plan(snapshot, policy);
        }
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heapBefore = rt.totalMemory() - rt.freeMemory();
        long t0 = System.nanoTime();
        RebalancePlan plan = RebalancePlanner.plan(snapshot, policy);
        double ms = (System.nanoTime() - t0) / 1e6;
        long heapAfter = rt.totalMemory() - rt.freeMemory();
        long forced = plan.moves().stream().filter(m -> m.method() == Move.Method.FORCE).map(Move::serviceId).distinct().count();
        System.out.printf(Locale.ROOT, "%d nodes, %d services, %d tasks, threshold %.2f: planned %d moves (%d forced updates), "
                + "spread %.2f -> %.2f (%s) in %.0f ms; heap %.0f MiB with the snapshot (+%.0f MiB while planning)%n", nodes, services,
                tasks, threshold, plan.moves().size(), forced, plan.spreadBefore(), plan.spreadAfter(), plan.reason(), ms, heapBefore / 1048576.0,
                Math.max(0, heapAfter - heapBefore) / 1048576.0);
    }
}
