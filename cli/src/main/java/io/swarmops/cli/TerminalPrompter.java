package io.swarmops.cli;

import java.io.IOException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** Asks on the controlling terminal through JLine; not interactive when stdin is not a terminal (cron, pipes, CI). */
final class TerminalPrompter implements Prompter {
    @Override
    public boolean interactive() {
        return System.console() != null;
    }

    @Override
    public String ask(String prompt) {
        try (Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
            return reader.readLine(prompt);
        } catch (EndOfFileException | UserInterruptException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
