package io.swarmops.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void columnsAsDockersTabwriterLaysThemOut() {
        StringWriter s = new StringWriter();
        Table.of("ID", "HOSTNAME", "STATUS").row("abc", "n1", "Ready").row("abcdefghijkl", "x", "Down").print(new PrintWriter(s));
        // min width 10, padding 3; the last column is not padded
        assertEquals(
                "ID             HOSTNAME   STATUS\n"
                + "abc            n1         Ready\n"
                + "abcdefghijkl   x          Down\n", s.toString());
    }

    @Test
    void humanDurationsAsDockerPrintsThem() {
        assertEquals("Less than a second", Times.human(java.time.Duration.ZERO));
        assertEquals("5 seconds", Times.human(java.time.Duration.ofSeconds(5)));
        assertEquals("About a minute", Times.human(java.time.Duration.ofSeconds(61)));
        assertEquals("About an hour", Times.human(java.time.Duration.ofMinutes(61)));
        assertEquals("3 days", Times.human(java.time.Duration.ofHours(72)));
    }
}
