package io.swarmops.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The processes of one sandbox node: everything in its network namespace (dockerd, containerd,
 * the shims) and all their descendants (the containers, which live in namespaces of their own).
 */
final class NodeProcesses {
    private NodeProcesses() {
    }

    static Set<Long> of(String namespace) {
        HostCommands.Result r = HostCommands.run(List.of("ip", "netns", "pids", namespace));
        Set<Long> roots = new HashSet<>();
        if (r.ok()) {
            for (String line : r.out().split("\\s+")) {
                if (!line.isBlank()) {
                    roots.add(Long.parseLong(line.trim()));
                }
            }
        }
        return withDescendants(roots, parents());
    }

    static Set<Long> withDescendants(Set<Long> roots, Map<Long, Long> parentOf) {
        Map<Long, List<Long>> children = new HashMap<>();
        parentOf.forEach((pid, ppid) -> children.computeIfAbsent(ppid, k -> new ArrayList<>()).add(pid));
        Set<Long> all = new HashSet<>();
        List<Long> todo = new ArrayList<>(roots);
        while (!todo.isEmpty()) {
            long p = todo.remove(todo.size() - 1);
            if (all.add(p)) {
                todo.addAll(children.getOrDefault(p, List.of()));
            }
        }
        return all;
    }

    /** pid → parent pid, from /proc. */
    private static Map<Long, Long> parents() {
        Map<Long, Long> parentOf = new HashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    // pid (comm) state ppid ...: comm may hold spaces and parentheses
                    String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    parentOf.put(Long.parseLong(p.getFileName().toString()), Long.parseLong(rest[1]));
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we looked
                }
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return parentOf;
    }

    static boolean alive(long pid) {
        return Files.exists(Path.of("/proc/" + pid));
    }
}
