package io.swarmops.cli.service;

import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.cli.format.Ids;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import io.swarmops.ops.opts.GoDuration;
import java.io.PrintWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code service logs}: as docker prints them, each line after its task ({@code web.1.abc123def456@node1    | ...});
 * stdout lines to stdout, stderr lines to stderr. {@code --raw}: the lines alone.
 */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "Fetch the logs of a service")
public final class ServiceLogs extends SwarmopsVerb {
    @Parameters(paramLabel = "SERVICE")
    String service;

    @Option(names = {"-f", "--follow"}, description = "Follow log output")
    boolean follow;

    @Option(names = {"-n", "--tail"}, paramLabel = "N", defaultValue = "all", description = "Number of lines to show from the end of the logs (default: ${DEFAULT-VALUE})")
    String tail;

    @Option(names = {"-t", "--timestamps"}, description = "Show timestamps")
    boolean timestamps;

    @Option(names = "--since", paramLabel = "TIME", description = "Show logs since timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m for 42 minutes)")
    String since;

    @Option(names = "--raw", description = "Do not neatly format logs")
    boolean raw;

    @Option(names = "--no-resolve", description = "Do not map IDs to Names in output")
    boolean noResolve;

    @Option(names = "--no-trunc", description = "Do not truncate output")
    boolean noTrunc;

    @Option(names = "--no-task-ids", description = "Do not include task IDs in output")
    boolean noTaskIds;

    @Option(names = "--details", description = "Show extra details provided to logs")
    boolean details;

    @Override
    protected int execute() {
        Service s = gateway().service(service);
        boolean tty = s.raw().at("/Spec/TaskTemplate/ContainerSpec/TTY").asBoolean(false);
        if (tty && !raw) {
            throw new SwarmOpsException(SwarmOpsException.Kind.FAILED, "tty service logs only supported with --raw");
        }
        PrintWriter out = out();
        PrintWriter err = context().err();
        String from = since == null ? null : since(since, Instant.now());
        TaskNames names = new TaskNames(s, this::taskById, noResolve ? id -> id : id -> gateway().node(id).hostname(), noResolve, noTrunc,
                noTaskIds);
        // the details name each line's task: docker asks for them unless --raw
        gateway().serviceLogs(s.id(), follow, tail, timestamps, details || !raw, from, line -> {
            String text = raw ? line.text() : names.format(line.text(), timestamps, details);
            print(line.stderr() ? err : out, text);
        });
        return 0;
    }

    private Task taskById(String id) {
        List<Task> found = gateway().tasks(Map.of("id", List.of(id)));
        return found.stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow(() -> SwarmOpsException.notFound("task", id));
    }

    private static void print(PrintWriter w, String text) {
        w.println(text);
        w.flush();
    }

    /** docker's --since: a Unix time as given, RFC 3339, or a duration back from now; the daemon takes Unix time. */
    static String since(String value, Instant now) {
        if (value.matches("\\d+(\\.\\d+)?")) {
            return value;
        }
        try {
            return String.valueOf(OffsetDateTime.parse(value).toEpochSecond());
        } catch (DateTimeParseException notRfc3339) {
            try {
                return String.valueOf(now.minus(GoDuration.duration(value)).getEpochSecond());
            } catch (RuntimeException notDuration) {
                throw SwarmOpsException.invalid("invalid --since \"" + value + "\": use a timestamp (2013-01-02T13:23:37Z) or a duration (42m)");
            }
        }
    }

    /**
     * docker's taskFormatter: a line's task from its details, named {@code service.slot.taskid@node}
     * padded to the widest slot, each looked up once.
     */
    static final class TaskNames {
        private final Service service;
        private final Function<String, Task> tasks;
        private final Function<String, String> nodes;
        private final boolean noResolve;
        private final boolean noTrunc;
        private final boolean noTaskIds;
        private final int width;
        private final Map<String, String> cache = new HashMap<>();

        TaskNames(Service service, Function<String, Task> tasks, Function<String, String> nodes, boolean noResolve, boolean noTrunc,
                boolean noTaskIds) {
            this.service = service;
            this.tasks = tasks;
            this.nodes = nodes;
            this.noResolve = noResolve;
            this.noTrunc = noTrunc;
            this.noTaskIds = noTaskIds;
            boolean replicas = service.raw().at("/Spec/Mode/Replicated/Replicas").isNumber();
            this.width = replicas ? String.valueOf(service.replicas()).length() : 1;
        }

        /** One line as the daemon sent it ({@code [timestamp ]details message}), as docker prints it. */
        String format(String line, boolean timestamps, boolean showDetails) {
            int parts = timestamps ? 3 : 2;
            String[] p = line.split(" ", parts);
            if (p.length != parts) {
                throw new SwarmOpsException(SwarmOpsException.Kind.FAILED, "invalid context in log message: " + line);
            }
            Map<String, String> details = details(p[parts - 2]);
            String node = required(details, "com.docker.swarm.node.id", line);
            String serviceId = required(details, "com.docker.swarm.service.id", line);
            String task = required(details, "com.docker.swarm.task.id", line);
            StringBuilder out = new StringBuilder();
            if (timestamps) {
                out.append(p[0]).append(' ');
            }
            out.append(cache.computeIfAbsent(node + " " + serviceId + " " + task, k -> name(node, serviceId, task))).append("    | ");
            if (showDetails) {
                List<String> rest = new ArrayList<>();
                new TreeMap<>(details).forEach((k, v) -> rest.add(k + "=" + v));
                out.append(String.join(",", rest)).append(' ');
            }
            return out.append(p[parts - 1]).toString();
        }

        private String name(String nodeId, String serviceId, String taskId) {
            Task task = tasks.apply(taskId);
            String serviceName = noResolve || !serviceId.equals(service.id()) ? serviceId : service.name();
            String name = serviceName + "." + task.slot();
            if (!noTaskIds) {
                name += "." + (noTrunc ? task.id() : Ids.shortId(task.id()));
            }
            int pad = width - String.valueOf(task.slot()).length();
            return name + "@" + nodes.apply(nodeId) + " ".repeat(Math.max(0, pad));
        }

        private static String required(Map<String, String> details, String key, String line) {
            String v = details.remove(key);
            if (v == null) {
                throw new SwarmOpsException(SwarmOpsException.Kind.FAILED, "missing " + key + " in log details: " + line);
            }
            return v;
        }

        /** docker's ParseLogDetails: {@code k=v,k=v}, query-escaped. */
        private static Map<String, String> details(String s) {
            Map<String, String> out = new HashMap<>();
            for (String pair : s.split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new SwarmOpsException(SwarmOpsException.Kind.FAILED, "invalid details format: " + s);
                }
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            return out;
        }
    }
}
