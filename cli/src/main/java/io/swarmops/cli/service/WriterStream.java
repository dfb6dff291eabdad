package io.swarmops.cli.service;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A command's output bytes onto one of swarmops' writers, as UTF-8 (what the daemon's containers
 * write), a character split across two frames kept whole. With a prefix, each line is written
 * whole with it, so that the lines of several tasks running at once never mix.
 */
final class WriterStream extends OutputStream {
    private final PrintWriter out;
    private final String prefix;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer pending = ByteBuffer.allocate(8);
    private final StringBuilder line = new StringBuilder();

    /** @param prefix put before every line, or null to pass the text through as it comes */
    WriterStream(PrintWriter out, String prefix) {
        this.out = out;
        this.prefix = prefix;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        ByteBuffer in = ByteBuffer.allocate(pending.position() + len);
        in.put(pending.flip()).put(b, off, len).flip();
        pending.clear();
        CharBuffer chars = CharBuffer.allocate(in.remaining() + 1);
        decoder.decode(in, chars, false);
        pending.put(in); // an incomplete character waits for its next bytes
        chars.flip();
        if (prefix == null) {
            emit(chars.toString());
            return;
        }
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.charAt(i);
            if (c == '\n') {
                emit(prefix + line + "\n");
                line.setLength(0);
            } else {
                line.append(c);
            }
        }
    }

    private void emit(String text) {
        synchronized (out) {
            out.print(text);
            out.flush();
        }
    }

    @Override
    public synchronized void flush() {
        if (prefix == null) {
            out.flush();
        }
    }

    /** The last line without its newline, if any. */
    @Override
    public synchronized void close() {
        if (prefix != null && line.length() > 0) {
            emit(prefix + line + "\n");
            line.setLength(0);
        }
        out.flush();
    }
}
