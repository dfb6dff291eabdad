package io.swarmops.cli;

import io.swarmops.ops.AtomicFile;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmOpsException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.jline.reader.Candidate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.DumbTerminal;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine;

/**
 * The read–run loop of {@code swarmops shell}: one JVM and one connection for many commands, with
 * completion of commands, options and the cluster's names ({@link LiveNames}), and history. Lines are split as a shell would (quotes
 * respected); {@code exit}, {@code quit} or end of input leave.
 */
final class ShellSession {
    private final Terminal terminal;
    private final LineReader reader;

    ShellSession(Terminal terminal, Path history, LiveNames names) {
        this.terminal = terminal;
        LineReaderBuilder b = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("swarmops")
                .parser(new DefaultParser());
        if (names != null) {
            b.completer((reader, line, candidates) -> names.complete(line.words(), line.wordIndex())
                    .forEach(c -> candidates.add(new Candidate(c))));
        }
        if (history != null) {
            keepPrivate(history);
            b.variable(LineReader.HISTORY_FILE, history);
        }
        this.reader = b.build();
    }

    /**
     * The history holds what was typed: join tokens, {@code -e PASSWORD=...}. JLine appends to the file
     * it finds (and creates it with the umask's mode): it finds one that is 0600 already, created so
     * or tightened from an older version's 0644.
     */
    private static void keepPrivate(Path history) {
        try {
            if (!Files.exists(history, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(history.toAbsolutePath().getParent());
                Files.createFile(history, AtomicFile.ownerOnly(AtomicFile.PRIVATE));
            }
            Files.setPosixFilePermissions(history, PosixFilePermissions.fromString(AtomicFile.PRIVATE));
        } catch (IOException e) {
            throw new SwarmOpsException(SwarmOpsException.Kind.FAILED, "cannot keep the shell history " + history + " private: " + e.getMessage());
        }
    }

    /**
     * On the process's terminal, completing commands, options and the cluster's names from
     * {@code gateway}, with history in {@code $HOME/.swarmops_history}.
     */
    static ShellSession system(Supplier<SwarmGateway> gateway) throws IOException {
        String home = System.getenv("HOME");
        Path history = Path.of(home == null || home.isEmpty() ? System.getProperty("user.home") : home, ".swarmops_history");
        CommandSpec tree = CommandTree.full(new SwarmopsCommand(), CommandLine.defaultFactory()).getCommandSpec();
        return new ShellSession(TerminalBuilder.builder().system(true).build(), history,
                new LiveNames(tree, gateway, Instant::now));
    }

    /** Over given streams, as scripts and tests use it: no completion, no history. */
    static ShellSession over(InputStream in, OutputStream out) throws IOException {
        return new ShellSession(new DumbTerminal("swarmops", Terminal.TYPE_DUMB, in, out, StandardCharsets.UTF_8), null, null);
    }

    /** Runs lines until exit; returns the exit code of the last command. */
    int loop(ToIntFunction<String[]> run) {
        int last = ExitCodes.OK;
        try (terminal) {
            while (true) {
                String line;
                try {
                    line = reader.readLine("swarmops> ");
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    break;
                }
                List<String> words = reader.getParsedLine().words().stream().filter(w -> !w.isEmpty()).toList();
                if (words.isEmpty()) {
                    continue;
                }
                if (words.size() == 1 && (words.get(0).equals("exit") || words.get(0).equals("quit"))) {
                    break;
                }
                last = run.applyAsInt(words.toArray(String[]::new));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return last;
    }
}
