package io.swarmops.cli;

import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.SwarmObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.AutoComplete;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Completion of a command line: commands and options from the picocli tree (picocli's own
 * {@link AutoComplete#complete}), and the names of nodes, services, stacks, networks, configs and
 * secrets read live from the cluster where an argument takes one (by its label: {@code NODE},
 * {@code SERVICE}, {@code STACK}, {@code NET}/{@code NETWORK}, {@code CONFIG}, {@code SECRET}),
 * each kind cached for {@link #TTL}. Shared by the shell and the {@code __complete} verb that the
 * bash and zsh scripts call. A cluster that does not answer completes no names, silently.
 */
final class LiveNames {
    static final Duration TTL = Duration.ofSeconds(10);

    private final CommandSpec root;
    private final Supplier<SwarmGateway> gateway;
    private final Supplier<Instant> clock;
    private final Map<String, Cached> cache = new HashMap<>();

    private record Cached(Instant at, List<String> names) {
    }

    LiveNames(CommandSpec root, Supplier<SwarmGateway> gateway, Supplier<Instant> clock) {
        this.root = root;
        this.gateway = gateway;
        this.clock = clock;
    }

    /** Candidates for word {@code index} of {@code words} (the command line without "swarmops"), of which {@code prefix} is typed. */
    List<String> complete(List<String> words, int index) {
        String prefix = index < words.size() ? words.get(index) : "";
        List<CharSequence> found = new ArrayList<>();
        String[] args = words.subList(0, Math.min(index + 1, words.size())).toArray(String[]::new);
        if (index >= args.length) {
            String[] more = java.util.Arrays.copyOf(args, index + 1);
            more[index] = "";
            args = more;
        }
        AutoComplete.complete(root, args, index, prefix.length(), prefix.length(), found);
        TreeSet<String> out = new TreeSet<>();
        // options only once a dash is typed, as docker's completion offers them
        found.stream().map(c -> prefix + c).filter(c -> prefix.startsWith("-") || !c.startsWith("-")).forEach(out::add);
        String kind = kindAt(words, index);
        if (kind != null) {
            names(kind).stream().filter(n -> n.startsWith(prefix)).forEach(out::add);
        }
        return new ArrayList<>(out);
    }

    /** The kind of name word {@code index} takes, or null. */
    String kindAt(List<String> words, int index) {
        CommandSpec spec = root;
        int i = 0;
        ArgSpec arg = null;
        for (; i < index && i < words.size(); i++) {
            String w = words.get(i);
            CommandSpec sub = spec.subcommands().containsKey(w) ? spec.subcommands().get(w).getCommandSpec() : null;
            if (sub != null) {
                spec = sub;
                continue;
            }
            OptionSpec o = spec.findOption(w);
            if (o != null && o.arity().max() > 0 && i + 1 == index) {
                arg = o;
            }
        }
        String typed = index < words.size() ? words.get(index) : "";
        if (arg == null && !typed.startsWith("-")) {
            arg = spec.positionalParameters().stream().findFirst().orElse(null);
        }
        return arg == null ? null : kind(arg.paramLabel());
    }

    static String kind(String label) {
        String l = label.replaceAll("[<>\\[\\]. ]", "");
        return switch (l) {
            case "NODE" -> "node";
            case "SERVICE" -> "service";
            case "STACK" -> "stack";
            case "NET", "NETWORK" -> "network";
            case "CONFIG" -> "config";
            case "SECRET" -> "secret";
            default -> null;
        };
    }

    List<String> names(String kind) {
        Cached c = cache.get(kind);
        Instant now = clock.get();
        if (c != null && c.at().plus(TTL).isAfter(now)) {
            return c.names();
        }
        List<String> names;
        try {
            SwarmGateway g = gateway.get();
            names = switch (kind) {
                case "node" -> map(g.nodes(), Node::hostname);
                case "service" -> map(g.services(Map.of()), Service::name);
                case "stack" -> map(g.services(Map.of("label", List.of(Service.STACK_NAMESPACE_LABEL))), Service::stack);
                case "network" -> map(g.networks(Map.of()), SwarmObject::name);
                case "config" -> map(g.configs(Map.of()), SwarmObject::name);
                case "secret" -> map(g.secrets(Map.of()), SwarmObject::name);
                default -> List.of();
            };
        } catch (RuntimeException e) {
            // completion never fails a prompt: no names from a daemon that does not answer
            names = List.of();
        }
        cache.put(kind, new Cached(now, names));
        return names;
    }

    private static <T> List<String> map(List<T> items, Function<T, String> name) {
        return items.stream().map(name).filter(n -> n != null && !n.isEmpty()).distinct().sorted().toList();
    }
}
