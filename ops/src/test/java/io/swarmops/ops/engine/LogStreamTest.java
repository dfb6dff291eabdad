package io.swarmops.ops.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.swarmops.ops.SwarmGateway.LogLine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogStreamTest {
    private static void frame(ByteArrayOutputStream out, int stream, String payload) {
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(new byte[] {(byte) stream, 0, 0, 0, (byte) (p.length >>> 24), (byte) (p.length >>> 16), (byte) (p.length >>> 8), (byte) p.length});
        out.writeBytes(p);
    }

    @Test
    void demultiplexesFramesIntoLinesPerStream() throws Exception {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        frame(raw, 1, "hello\nwor");
        frame(raw, 2, "oops\n");
        frame(raw, 1, "ld\nlast without newline");
        List<LogLine> lines = new ArrayList<>();
        LogStream.read(new ByteArrayInputStream(raw.toByteArray()), false, lines::add);
        assertEquals(List.of(new LogLine(false, "hello"), new LogLine(true, "oops"), new LogLine(false, "world"),
                new LogLine(false, "last without newline")), lines);
    }

    @Test
    void ttyStreamsAreRawLines() throws Exception {
        List<LogLine> lines = new ArrayList<>();
        LogStream.read(new ByteArrayInputStream("a\nb\n".getBytes(StandardCharsets.UTF_8)), true, lines::add);
        assertEquals(List.of(new LogLine(false, "a"), new LogLine(false, "b")), lines);
    }
}
