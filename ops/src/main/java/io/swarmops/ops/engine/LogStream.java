package io.swarmops.ops.engine;

import io.swarmops.ops.SwarmGateway.LogLine;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads a log stream: raw lines for a TTY, else the Engine's multiplexed frames (one byte stream
 * type, three zero bytes, a big-endian length, the payload), split back into lines per stream.
 */
final class LogStream {
    private LogStream() {
    }

    /** The multiplexed frames as they come, each to its stream: exec output, bytes kept as they are. */
    static void demultiplex(InputStream in, OutputStream stdout, OutputStream stderr) throws IOException {
        frames(in, (isStderr, payload) -> {
            OutputStream to = isStderr ? stderr : stdout;
            to.write(payload);
            to.flush();
        });
    }

    /** What to do with one frame's payload. */
    private interface FrameSink {
        void accept(boolean stderr, byte[] payload) throws IOException;
    }

    private static void frames(InputStream in, FrameSink sink) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] header = new byte[8];
        while (true) {
            try {
                data.readFully(header);
            } catch (EOFException end) {
                return;
            }
            int length = ((header[4] & 0xff) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8) | (header[7] & 0xff);
            byte[] payload = new byte[length];
            data.readFully(payload);
            sink.accept(header[0] == 2, payload);
        }
    }

    static void read(InputStream in, boolean tty, Consumer<LogLine> out) throws IOException {
        if (tty) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                out.accept(new LogLine(false, line));
            }
            return;
        }
        ByteArrayOutputStream[] partial = {new ByteArrayOutputStream(), new ByteArrayOutputStream()};
        frames(in, (stderr, payload) -> {
            ByteArrayOutputStream buf = partial[stderr ? 1 : 0];
            for (byte b : payload) {
                if (b == '\n') {
                    out.accept(new LogLine(stderr, buf.toString(StandardCharsets.UTF_8)));
                    buf.reset();
                } else {
                    buf.write(b);
                }
            }
        });
        for (int i = 0; i < 2; i++) {
            if (partial[i].size() > 0) {
                out.accept(new LogLine(i == 1, partial[i].toString(StandardCharsets.UTF_8)));
            }
        }
    }
}
