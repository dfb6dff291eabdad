package io.swarmops.cli.service;

import io.swarmops.cli.ArgumentsAfterImage;
import io.swarmops.cli.ExitCodes;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.cli.format.Ids;
import io.swarmops.cli.format.TaskFormatter;
import io.swarmops.cli.node.NodeAccess;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmGateway.ExecSpec;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.SwarmOpsException.Kind;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code service exec}: runs a command in a running task's container, on whichever node it runs,
 * through that node's own daemon (the node inventory): what admins do by hand with
 * {@code service ps}, ssh to the node, {@code docker ps}, {@code docker exec}. The command's exit
 * code is swarmops' exit code.
 */
@Command(name = "exec", mixinStandardHelpOptions = true,
        description = "Run a command in a running task of a service (SERVICE, SERVICE.SLOT or a task ID), on its node")
public final class ServiceExec extends SwarmopsVerb implements ArgumentsAfterImage {
    @Parameters(index = "0", paramLabel = "SERVICE[.SLOT]|TASK")
    String target;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND")
    List<String> command;

    @Option(names = {"-i", "--interactive"}, description = "Keep STDIN open and pass it to the command")
    boolean interactive;

    @Option(names = {"-t", "--tty"}, description = "Allocate a pseudo-TTY (needs a terminal)")
    boolean tty;

    @Option(names = {"-e", "--env"}, paramLabel = "K=V", description = "Set environment variables")
    List<String> env = new ArrayList<>();

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Username or UID (format: <name|uid>[:<group|gid>])")
    String user;

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Working directory inside the container")
    String workdir;

    @Option(names = "--all", description = "Run in every running task, in parallel, each line prefixed with the task's name")
    boolean all;

    @Mixin
    NodeAccess nodes;

    @Override
    protected int execute() {
        if (all && (tty || interactive)) {
            throw SwarmOpsException.invalid("--all runs without a terminal and without input: drop -i and -t");
        }
        if (tty && !context().prompter().interactive()) {
            throw SwarmOpsException.invalid("the input device is not a TTY: -t needs a terminal");
        }
        for (String e : env) {
            if (!e.contains("=") || e.startsWith("=")) {
                throw SwarmOpsException.invalid("-e " + e + ": expected K=V");
            }
        }
        List<Node> swarmNodes = gateway().nodes();
        nodes.check(swarmNodes);
        Map<String, Node> byId = swarmNodes.stream().collect(Collectors.toMap(Node::id, Function.identity()));
        Targets t = targets();
        ExecSpec spec = new ExecSpec(command, tty, interactive, env, user, workdir);
        if (all) {
            return runAll(t, byId, spec);
        }
        Task task = choose(t);
        Node node = node(byId, task);
        String name = TaskFormatter.name(task, t.service());
        if (tty) {
            try (SwarmGateway g = nodes.open(context(), node, nodes.timeout()); ExecTerminal term = ExecTerminal.open()) {
                String execId = createExec(g, task, name, node, spec);
                Runnable resize = () -> resize(g, execId, term);
                term.onResize(resize);
                Thread first = new Thread(resize, "exec resize");
                first.setDaemon(true);
                first.start();
                return g.startExec(execId, true, interactive ? term.input() : null, term.output(), term.output());
            }
        }
        try (SwarmGateway g = nodes.open(context(), node, nodes.timeout());
             WriterStream out = new WriterStream(out(), null);
             WriterStream err = new WriterStream(context().err(), null)) {
            String execId = createExec(g, task, name, node, spec);
            return g.startExec(execId, tty, interactive ? System.in : null, out, err);
        }
    }

    private int runAll(Targets t, Map<String, Node> byId, ExecSpec spec) {
        List<Node> where = t.tasks().stream().map(task -> node(byId, task)).toList();
        // several tasks of one service can share a node: each runs on its own connection
        List<Thread> threads = new ArrayList<>();
        List<int[]> codes = new ArrayList<>();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < t.tasks().size(); i++) {
            Task task = t.tasks().get(i);
            Node node = where.get(i);
            String name = TaskFormatter.name(task, t.service());
            int[] code = {0};
            codes.add(code);
            Thread th = new Thread(() -> {
                try (SwarmGateway g = nodes.open(context(), node, nodes.timeout());
                     WriterStream out = new WriterStream(out(), name + " | ");
                     WriterStream err = new WriterStream(context().err(), name + " | ")) {
                    code[0] = g.startExec(createExec(g, task, name, node, spec), false, null, out, err);
                } catch (SwarmOpsException e) {
                    failures.add(name + "@" + node.hostname() + ": " + e.getMessage());
                    code[0] = ExitCodes.FAILED;
                }
            }, "exec " + name);
            th.setDaemon(true);
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            try {
                th.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SwarmOpsException(Kind.FAILED, "interrupted");
            }
        }
        failures.forEach(context()::say);
        return codes.stream().mapToInt(c -> c[0]).max().orElse(0);
    }

    /**
     * Gives the exec's TTY the terminal's size. The exec must have started, which happens on the
     * other thread: a few tries, as the docker CLI does.
     */
    private static void resize(SwarmGateway g, String execId, ExecTerminal term) {
        for (int attempt = 1; attempt <= 10; attempt++) {
            try {
                g.resizeExec(execId, term.height(), term.width());
                return;
            } catch (SwarmOpsException e) {
                try {
                    Thread.sleep(20L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private String createExec(SwarmGateway g, Task task, String name, Node node, ExecSpec spec) {
        try {
            return g.createExec(task.containerId(), spec);
        } catch (SwarmOpsException e) {
            if (e.kind() == Kind.NOT_FOUND) {
                throw new SwarmOpsException(Kind.NOT_FOUND, "task " + name + ": its container " + Ids.shortId(task.containerId())
                        + " is not on " + node.hostname() + "'s daemon at " + g.endpoint().describe() + " (is the inventory right?)");
            }
            throw e;
        }
    }

    private static Node node(Map<String, Node> byId, Task task) {
        Node n = byId.get(task.nodeId());
        if (n == null) {
            throw new SwarmOpsException(Kind.NOT_FOUND, "task " + task.id() + " runs on node " + task.nodeId() + ", which the swarm no longer lists");
        }
        return n;
    }

    /** The service and its running tasks that the target names, in slot order. */
    record Targets(Service service, List<Task> tasks) {
    }

    private Targets targets() {
        String serviceRef = target;
        Integer slot = null;
        int dot = target.lastIndexOf('.');
        if (dot > 0 && target.substring(dot + 1).matches("\\d+")) {
            serviceRef = target.substring(0, dot);
            slot = Integer.parseInt(target.substring(dot + 1));
        }
        Service service;
        String taskId = null;
        try {
            service = gateway().service(serviceRef);
        } catch (SwarmOpsException e) {
            if (e.kind() != Kind.NOT_FOUND || slot != null) {
                throw e;
            }
            Task byId = gateway().tasks(Map.of("id", List.of(target))).stream().filter(x -> x.id().startsWith(target))
                    .findFirst().orElseThrow(() -> new SwarmOpsException(Kind.NOT_FOUND, "no such service or task: " + target));
            service = gateway().service(byId.serviceId());
            taskId = byId.id();
        }
        final Integer wantedSlot = slot;
        final String wantedTask = taskId;
        List<Task> running = gateway().tasks(Map.of("service", List.of(service.id()), "desired-state", List.of("running"))).stream()
                .filter(Task::isRunning)
                .filter(x -> wantedSlot == null || x.slot() == wantedSlot)
                .filter(x -> wantedTask == null || x.id().equals(wantedTask))
                .sorted(Comparator.comparingInt(Task::slot).thenComparing(Task::nodeId))
                .toList();
        if (running.isEmpty()) {
            throw new SwarmOpsException(Kind.NOT_FOUND, "no running task of " + service.name()
                    + (wantedSlot != null ? " in slot " + wantedSlot : wantedTask != null ? " with ID " + wantedTask : ""));
        }
        return new Targets(service, running);
    }

    /** The only running task, the first (lowest slot) without a terminal, else the one the user picks. */
    private Task choose(Targets t) {
        List<Task> tasks = t.tasks();
        if (tasks.size() == 1 || !context().prompter().interactive()) {
            return tasks.get(0);
        }
        for (int i = 0; i < tasks.size(); i++) {
            context().say((i + 1) + ") " + TaskFormatter.name(tasks.get(i), t.service()) + " " + Ids.shortId(tasks.get(i).id()));
        }
        String answer = context().prompter().ask("Which task [1-" + tasks.size() + ", default 1]? ").trim();
        if (answer.isEmpty()) {
            return tasks.get(0);
        }
        try {
            int n = Integer.parseInt(answer);
            if (n >= 1 && n <= tasks.size()) {
                return tasks.get(n - 1);
            }
        } catch (NumberFormatException ignored) {
            // refused below
        }
        throw SwarmOpsException.invalid("no task " + answer + " among 1-" + tasks.size());
    }
}
