package io.swarmops.ops.opts;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Sizes as docker reads {@code --limit-memory}, {@code tmpfs-size} and compose's {@code memory}:
 * go-units' {@code RAMInBytes} (v0.5.0, the version docker 28 builds with). {@code 64M}, {@code 64mb}
 * and {@code 64MiB} are all 64 × 2^20; one space may stand before the unit; a fraction is cut off.
 */
public final class MemBytes {
    /** What Go's strconv.ParseFloat takes in decimal form. */
    private static final Pattern GO_FLOAT = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private MemBytes() {
    }

    /** go-units' parseSize with binary multiples. */
    public static long parse(String size) {
        int sep = lastIndexOfAny(size, "0123456789. ");
        if (sep < 0) {
            throw new InvalidSyntax("invalid size: '" + size + "'");
        }
        String num = size.charAt(sep) != ' ' ? size.substring(0, sep + 1) : size.substring(0, sep);
        String sfx = size.substring(sep + 1);
        if (!GO_FLOAT.matcher(num).matches()) {
            throw new InvalidSyntax("strconv.ParseFloat: parsing " + InvalidSyntax.quote(num) + ": invalid syntax");
        }
        double value = Double.parseDouble(num);
        if (Double.isInfinite(value)) {
            throw new InvalidSyntax("strconv.ParseFloat: parsing " + InvalidSyntax.quote(num) + ": value out of range");
        }
        if (value < 0) {
            throw new InvalidSyntax("invalid size: '" + size + "'");
        }
        if (sfx.isEmpty()) {
            return (long) value;
        }
        String s = sfx.toLowerCase(Locale.ROOT);
        if (s.length() > 3) {
            throw badSuffix(s);
        }
        if (s.charAt(0) == 'b') {
            if (s.length() > 1) {
                throw badSuffix(s);
            }
            return (long) value;
        }
        int power = "kmgtp".indexOf(s.charAt(0)) + 1;
        if (power == 0 || s.length() == 2 && s.charAt(1) != 'b' || s.length() == 3 && !s.substring(1).equals("ib")) {
            throw badSuffix(s);
        }
        return (long) (value * Math.pow(1024, power));
    }

    private static InvalidSyntax badSuffix(String sfx) {
        return new InvalidSyntax("invalid suffix: '" + sfx + "'");
    }

    private static int lastIndexOfAny(String s, String chars) {
        for (int i = s.length() - 1; i >= 0; i--) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
