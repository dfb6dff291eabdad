package io.swarmops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
    @Test
    void goDurations() {
        assertEquals(Duration.ofSeconds(90), DurationConverter.parse("1m30s"));
        assertEquals(Duration.ofMillis(300), DurationConverter.parse("300ms"));
        assertEquals(Duration.ofHours(2), DurationConverter.parse("2h"));
        assertEquals(Duration.ofSeconds(10), DurationConverter.parse("10"));
        assertEquals(Duration.ofMillis(1500), DurationConverter.parse("1.5s"));
    }

    @Test
    void garbageIsRefused() {
        assertThrows(TypeConversionException.class, () -> DurationConverter.parse("ten seconds"));
        assertThrows(TypeConversionException.class, () -> DurationConverter.parse("10s garbage"));
    }

    @Test
    void formatsAsGoPrints() {
        assertEquals("1m30s", DurationConverter.format(Duration.ofSeconds(90)));
        assertEquals("300ms", DurationConverter.format(Duration.ofMillis(300)));
        assertEquals("1h0m5s", DurationConverter.format(Duration.ofSeconds(3605)));
    }
}
