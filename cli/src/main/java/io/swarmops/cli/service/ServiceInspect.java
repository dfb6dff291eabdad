package io.swarmops.cli.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.swarmops.cli.MultiTarget;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.cli.format.JsonOutput;
import io.swarmops.cli.format.Times;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.opts.GoDuration;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code service inspect}: the Engine's service objects, with the daemon's defaults filled in as
 * docker asks for them, as one JSON array, or {@code --pretty} as docker prints it.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true, description = "Display detailed information on one or more services")
public final class ServiceInspect extends SwarmopsVerb {
    @Parameters(arity = "1..*", paramLabel = "SERVICE")
    List<String> services;

    @Option(names = "--pretty", description = "Print the information in a human friendly format")
    boolean pretty;

    @Option(names = {"-f", "--format"}, paramLabel = "TEMPLATE",
            description = "Format the output using a Go template ({{.Spec.Name}}, {{json .Spec}}, {{index .Spec.Labels \"k\"}}) or pretty")
    String format;

    @Override
    protected int execute() {
        if (pretty && format != null && !format.equals("pretty")) {
            throw SwarmOpsException.invalid("--format is incompatible with human friendly format");
        }
        boolean human = pretty || "pretty".equals(format);
        InspectTemplate template = format == null || human ? null : new InspectTemplate(format);
        List<Service> found = new ArrayList<>();
        try {
            return MultiTarget.each(context(), services, ref -> found.add(gateway().serviceWithDefaults(ref)));
        } finally {
            if (template != null) {
                found.forEach(s -> out().println(template.render(s.raw())));
            } else if (human) {
                Instant now = Instant.now();
                for (Service s : found) {
                    out().print(pretty(s, networkNames(s), now));
                }
            } else {
                JsonOutput.printAll(out(), found, Service::raw);
            }
            out().flush();
        }
    }

    /** Network IDs of the service's attachments to their names, where the daemon still knows them. */
    private Map<String, String> networkNames(Service s) {
        Map<String, String> names = new HashMap<>();
        for (JsonNode n : s.raw().at("/Spec/TaskTemplate/Networks")) {
            String id = n.path("Target").asText();
            try {
                names.put(id, gateway().network(id).name());
            } catch (SwarmOpsException e) {
                if (e.kind() != SwarmOpsException.Kind.NOT_FOUND) {
                    throw e;
                }
            }
        }
        return names;
    }

    /** docker's serviceInspectPrettyTemplate (cli/command/service/formatter.go), rendered (pure). */
    static String pretty(Service s, Map<String, String> networkNames, Instant now) {
        JsonNode spec = s.raw().path("Spec");
        JsonNode task = spec.path("TaskTemplate");
        JsonNode c = task.path("ContainerSpec");
        StringBuilder o = new StringBuilder("\n");
        o.append("ID:\t\t").append(s.id()).append('\n');
        o.append("Name:\t\t").append(s.name());
        if (!s.labels().isEmpty()) {
            o.append("\nLabels:");
            new TreeMap<>(s.labels()).forEach((k, v) -> o.append("\n ").append(k).append(v.isEmpty() ? "" : "=" + v));
        }
        o.append("\nService Mode:");
        if (spec.path("Mode").has("Global")) {
            o.append("\tGlobal");
        } else if (spec.path("Mode").has("Replicated")) {
            o.append("\tReplicated");
            if (spec.at("/Mode/Replicated/Replicas").isNumber()) {
                o.append("\n Replicas:\t").append(spec.at("/Mode/Replicated/Replicas").asLong());
            }
        }
        JsonNode status = s.raw().path("UpdateStatus");
        if (!status.path("State").asText("").isEmpty()) {
            o.append("\nUpdateStatus:\n State:\t\t").append(status.path("State").asText());
            if (status.has("StartedAt")) {
                o.append("\n Started:\t").append(Times.ago(Json.instant(status.path("StartedAt")), now));
            }
            if (status.path("State").asText().equals("completed") && status.has("CompletedAt")) {
                o.append("\n Completed:\t").append(Times.ago(Json.instant(status.path("CompletedAt")), now));
            }
            o.append("\n Message:\t").append(status.path("Message").asText());
        }
        JsonNode placement = task.path("Placement");
        o.append("\nPlacement:");
        if (placement.path("Constraints").size() > 0) {
            o.append("\n Constraints:\t").append(goList(placement.path("Constraints")));
        }
        if (placement.path("Preferences").size() > 0) {
            List<String> prefs = new ArrayList<>();
            placement.path("Preferences").forEach(p -> {
                if (p.has("Spread")) {
                    prefs.add("spread=" + p.at("/Spread/SpreadDescriptor").asText());
                }
            });
            o.append("\n Preferences:   [").append(String.join(" ", prefs)).append(']');
        }
        if (placement.path("MaxReplicas").asLong(0) > 0) {
            o.append("\n Max Replicas Per Node:   ").append(placement.path("MaxReplicas").asLong());
        }
        policy(o, spec.path("UpdateConfig"), "UpdateConfig", "Update order:      ");
        policy(o, spec.path("RollbackConfig"), "RollbackConfig", "Rollback order:    ");
        o.append("\nContainerSpec:\n Image:\t\t").append(c.path("Image").asText());
        if (c.path("Args").size() > 0) {
            o.append("\n Args:\t\t").append(words(c.path("Args")));
        }
        if (c.path("Env").size() > 0) {
            o.append("\n Env:\t\t").append(words(c.path("Env")));
        }
        if (!c.path("Dir").asText("").isEmpty()) {
            o.append("\n Dir:\t\t").append(c.path("Dir").asText());
        }
        if (c.path("Init").isBoolean()) {
            o.append("\n Init:\t\t").append(c.path("Init").asBoolean());
        }
        if (!c.path("User").asText("").isEmpty()) {
            o.append("\n User: ").append(c.path("User").asText());
        }
        if (c.path("CapabilityAdd").size() > 0 || c.path("CapabilityDrop").size() > 0) {
            o.append("\nCapabilities:");
            if (c.path("CapabilityAdd").size() > 0) {
                o.append("\n Add: ").append(joined(c.path("CapabilityAdd")));
            }
            if (c.path("CapabilityDrop").size() > 0) {
                o.append("\n Drop: ").append(joined(c.path("CapabilityDrop")));
            }
        }
        if (c.path("Sysctls").size() > 0) {
            o.append("\nSysCtls:");
            new TreeMap<>(Json.labels(c.path("Sysctls"))).forEach((k, v) -> o.append("\n ").append(k).append(v.isEmpty() ? "" : ": " + v));
        }
        if (c.path("Ulimits").size() > 0) {
            o.append("\nUlimits:");
            Map<String, String> ulimits = new TreeMap<>();
            c.path("Ulimits").forEach(u -> ulimits.put(u.path("Name").asText(), u.path("Soft").asLong() + ":" + u.path("Hard").asLong()));
            ulimits.forEach((k, v) -> o.append("\n ").append(k).append(": ").append(v));
        }
        if (c.path("Mounts").size() > 0) {
            o.append("\nMounts:");
            c.path("Mounts").forEach(m -> o.append("\n Target:\t").append(m.path("Target").asText())
                    .append("\n  Source:\t").append(m.path("Source").asText())
                    .append("\n  ReadOnly:\t").append(m.path("ReadOnly").asBoolean())
                    .append("\n  Type:\t\t").append(m.path("Type").asText()));
        }
        references(o, c.path("Configs"), "Configs", "ConfigName");
        references(o, c.path("Secrets"), "Secrets", "SecretName");
        JsonNode log = task.path("LogDriver");
        if (log.isObject()) {
            o.append("\nLog Driver:");
            if (!log.path("Name").asText("").isEmpty()) {
                o.append("\n Name:\t\t").append(log.path("Name").asText());
            }
            if (log.path("Options").size() > 0) {
                o.append("\n LogOpts:");
                new TreeMap<>(Json.labels(log.path("Options")))
                        .forEach((k, v) -> o.append("\n  ").append(k).append(v.isEmpty() ? "" : ":       " + v));
            }
            o.append('\n');
        }
        JsonNode resources = task.path("Resources");
        if (resources.isObject()) {
            o.append("\nResources:");
            resourceBlock(o, resources.path("Reservations"), " Reservations:");
            resourceBlock(o, resources.path("Limits"), " Limits:");
        }
        if (resources.at("/Limits/Pids").asLong(0) > 0) {
            o.append("\n  PIDs:\t\t").append(resources.at("/Limits/Pids").asLong());
        }
        if (task.path("Networks").size() > 0) {
            o.append("\nNetworks:");
            task.path("Networks").forEach(n -> o.append(' ').append(networkNames.getOrDefault(n.path("Target").asText(), n.path("Target").asText())));
            o.append(' ');
        }
        o.append("\nEndpoint Mode:\t").append(spec.path("EndpointSpec").path("Mode").asText(""));
        JsonNode ports = s.raw().path("Endpoint").path("Ports");
        if (ports.size() > 0) {
            o.append("\nPorts:");
            ports.forEach(p -> o.append("\n PublishedPort = ").append(p.path("PublishedPort").asLong())
                    .append("\n  Protocol = ").append(p.path("Protocol").asText())
                    .append("\n  TargetPort = ").append(p.path("TargetPort").asLong())
                    .append("\n  PublishMode = ").append(p.path("PublishMode").asText()));
            o.append(' ');
        }
        JsonNode health = c.path("Healthcheck");
        if (health.isObject()) {
            o.append("\n Healthcheck:\n  Interval = ").append(GoDuration.format(health.path("Interval").asLong()))
                    .append("\n  Retries = ").append(health.path("Retries").asLong())
                    .append("\n  StartPeriod =\t").append(GoDuration.format(health.path("StartPeriod").asLong()))
                    .append("\n  Timeout =\t").append(GoDuration.format(health.path("Timeout").asLong()));
            if (health.path("Test").size() > 0) {
                o.append("\n  Tests:");
                health.path("Test").forEach(t -> o.append("\n\t Test = ").append(t.asText()));
                o.append(' ');
            }
        }
        return o.append("\n\n").toString();
    }

    private static void policy(StringBuilder o, JsonNode config, String title, String orderLabel) {
        if (!config.isObject()) {
            return;
        }
        o.append('\n').append(title).append(":\n Parallelism:\t").append(config.path("Parallelism").asLong());
        if (config.path("Delay").asLong(0) > 0) {
            o.append("\n Delay:\t\t").append(GoDuration.format(config.path("Delay").asLong()));
        }
        o.append("\n On failure:\t").append(config.path("FailureAction").asText());
        if (config.path("Monitor").asLong(0) > 0) {
            o.append("\n Monitoring Period: ").append(GoDuration.format(config.path("Monitor").asLong()));
        }
        o.append("\n Max failure ratio: ").append(goFloat(config.path("MaxFailureRatio").asDouble()));
        o.append("\n ").append(orderLabel).append(config.path("Order").asText());
    }

    private static void references(StringBuilder o, JsonNode refs, String title, String nameField) {
        if (refs.size() == 0) {
            return;
        }
        o.append('\n').append(title).append(':');
        refs.forEach(r -> o.append("\n Target:\t").append(r.at("/File/Name").asText())
                .append("\n  Source:\t").append(r.path(nameField).asText()));
    }

    private static void resourceBlock(StringBuilder o, JsonNode r, String title) {
        long cpus = r.path("NanoCPUs").asLong(0);
        long memory = r.path("MemoryBytes").asLong(0);
        if (cpus <= 0 && memory <= 0 && !(title.contains("Limits") && r.path("Pids").asLong(0) > 0)) {
            return;
        }
        o.append('\n').append(title);
        if (cpus > 0) {
            o.append("\n  CPU:\t\t").append(goFloat(cpus / 1e9));
        }
        if (memory > 0) {
            o.append("\n  Memory:\t").append(bytesSize(memory));
        }
    }

    /** {@code [a b]}, as Go's template prints a []string. */
    private static String goList(JsonNode array) {
        return "[" + words(array).strip() + "]";
    }

    /** Each element followed by a space, as the template's range prints them. */
    private static String words(JsonNode array) {
        StringBuilder b = new StringBuilder();
        array.forEach(a -> b.append(a.asText()).append(' '));
        return b.toString();
    }

    private static String joined(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(a -> out.add(a.asText()));
        return String.join(", ", out);
    }

    /** A float as Go's %v prints it: shortest form, no trailing zeros. */
    static String goFloat(double v) {
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    /** docker's units.BytesSize: binary units, four significant digits ({@code 10MiB}, {@code 1.5GiB}). */
    static String bytesSize(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double size = bytes;
        int i = 0;
        while (size >= 1024 && i < units.length - 1) {
            size /= 1024;
            i++;
        }
        BigDecimal rounded = new BigDecimal(size).round(new java.math.MathContext(4));
        return rounded.stripTrailingZeros().toPlainString() + units[i];
    }
}
