package io.swarmops.cli;

import io.swarmops.ops.opts.GoDuration;
import io.swarmops.ops.opts.InvalidSyntax;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli's side of {@link GoDuration}: {@code 300ms}, {@code 10s}, {@code 1m30s}, {@code 2h}, as
 * docker takes them; a negative one is refused as docker's PositiveDurationOpt refuses it (no
 * option of swarmops' wants one, and the daemon refuses those docker passes on).
 */
public final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        Duration d;
        try {
            d = GoDuration.duration(value);
        } catch (InvalidSyntax e) {
            throw new TypeConversionException(e.getMessage());
        }
        if (d.isNegative()) {
            throw new TypeConversionException("duration cannot be negative");
        }
        return d;
    }
}
