package io.swarmops.cli.service;

import io.swarmops.ops.SwarmOpsException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The user's terminal for {@code service exec -t}: raw mode while the command runs (keys go to the
 * container's TTY as typed, ^C included), its size and size changes, and the mode put back after.
 */
final class ExecTerminal implements AutoCloseable {
    private final Terminal terminal;
    private final Attributes saved;

    private ExecTerminal(Terminal terminal, Attributes saved) {
        this.terminal = terminal;
        this.saved = saved;
    }

    static ExecTerminal open() {
        try {
            Terminal t = TerminalBuilder.builder().system(true).dumb(false).build();
            return new ExecTerminal(t, t.enterRawMode());
        } catch (IOException | IllegalStateException e) {
            throw SwarmOpsException.invalid("the input device is not a TTY: " + e.getMessage());
        }
    }

    InputStream input() {
        return terminal.input();
    }

    OutputStream output() {
        return terminal.output();
    }

    int height() {
        return terminal.getHeight();
    }

    int width() {
        return terminal.getWidth();
    }

    /** Runs {@code r} whenever the window changes size (SIGWINCH). */
    void onResize(Runnable r) {
        terminal.handle(Terminal.Signal.WINCH, s -> r.run());
    }

    @Override
    public void close() {
        terminal.setAttributes(saved);
        try {
            terminal.close();
        } catch (IOException ignored) {
            // the mode is back; nothing else to lose
        }
    }
}
