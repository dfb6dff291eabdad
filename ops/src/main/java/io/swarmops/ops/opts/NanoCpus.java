package io.swarmops.ops.opts;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPUs as docker reads {@code --limit-cpu} and compose's {@code cpus}: {@code opts.ParseCPUs}, a
 * rational number ({@code 1.5}, {@code 1/2}, {@code 1e-3}, as Go's {@code big.Rat} reads it) in
 * nano CPUs, refused when finer than one nano CPU.
 */
public final class NanoCpus {
    private static final Pattern FRACTION = Pattern.compile("([+-]?\\d+)/(\\d+)");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final BigInteger NANO = BigInteger.valueOf(1_000_000_000L);

    private NanoCpus() {
    }

    public static long parse(String value) {
        Matcher f = FRACTION.matcher(value);
        if (f.matches()) {
            BigInteger den = new BigInteger(f.group(2));
            if (den.signum() == 0) {
                throw notRational(value);
            }
            BigInteger[] qr = new BigInteger(f.group(1)).multiply(NANO).divideAndRemainder(den);
            if (qr[1].signum() != 0) {
                throw new InvalidSyntax("value is too precise");
            }
            return qr[0].longValue();
        }
        if (!DECIMAL.matcher(value).matches()) {
            throw notRational(value);
        }
        BigDecimal nano = new BigDecimal(value).movePointRight(9);
        if (nano.signum() != 0 && nano.stripTrailingZeros().scale() > 0) {
            throw new InvalidSyntax("value is too precise");
        }
        return nano.longValue();
    }

    private static InvalidSyntax notRational(String value) {
        return new InvalidSyntax("failed to parse " + value + " as a rational number");
    }
}
