package io.swarmops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** The picocli side only: the syntax itself is GoDuration's, pinned by ops' OptsTableTest. */
class DurationConverterTest {
    private final DurationConverter converter = new DurationConverter();

    @Test
    void goDurationsAsDockerTakesThem() {
        assertEquals(Duration.ofSeconds(90), converter.convert("1m30s"));
        assertEquals(Duration.ofMillis(1500), converter.convert("1.5s"));
        assertEquals(Duration.ZERO, converter.convert("0"));
    }

    @Test
    void aBareNumberAndANegativeDurationAreRefusedInDockersWords() {
        assertEquals("time: missing unit in duration \"10\"", assertThrows(TypeConversionException.class, () -> converter.convert("10")).getMessage());
        assertEquals("duration cannot be negative", assertThrows(TypeConversionException.class, () -> converter.convert("-1s")).getMessage());
    }
}
