package io.swarmops.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToIntFunction;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.DumbTerminal;
import picocli.CommandLine;
import picocli.shell.jline3.PicocliJLineCompleter;

/**
 * The read–run loop of {@code swarmops shell}: one JVM and one connection for many commands, with
 * completion of commands and options, and history. Lines are split as a shell would (quotes
 * respected); {@code exit}, {@code quit} or end of input leave.
 */
final class ShellSession {
    private final Terminal terminal;
    private final LineReader reader;

    private ShellSession(Terminal terminal, Path history) {
        this.terminal = terminal;
        LineReaderBuilder b = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("swarmops")
                .parser(new DefaultParser())
                .completer(new PicocliJLineCompleter(CommandTree.full(new SwarmopsCommand(), CommandLine.defaultFactory()).getCommandSpec()));
        if (history != null) {
            b.variable(LineReader.HISTORY_FILE, history);
        }
        this.reader = b.build();
    }

    /** On the process's terminal, with history in {@code ~/.swarmops_history}. */
    static ShellSession system() throws IOException {
        return new ShellSession(TerminalBuilder.builder().system(true).build(),
                Path.of(System.getProperty("user.home"), ".swarmops_history"));
    }

    /** Over given streams, as scripts and tests use it. */
    static ShellSession over(InputStream in, OutputStream out) throws IOException {
        return new ShellSession(new DumbTerminal("swarmops", Terminal.TYPE_DUMB, in, out, StandardCharsets.UTF_8), null);
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
