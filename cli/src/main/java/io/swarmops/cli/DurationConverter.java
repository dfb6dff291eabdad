package io.swarmops.cli;

import io.swarmops.ops.opts.GoDuration;
import io.swarmops.ops.opts.InvalidSyntax;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli's side of {@link GoDuration}: {@code 300ms}, {@code 10s}, {@code 1m30s}, {@code 2h}, as docker takes them. */
public final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return GoDuration.duration(value);
        } catch (InvalidSyntax e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
