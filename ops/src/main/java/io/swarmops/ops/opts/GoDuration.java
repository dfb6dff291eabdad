package io.swarmops.ops.opts;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;

/**
 * Go's durations as docker takes them ({@code --update-delay 1m30s}, compose's
 * {@code stop_grace_period}): {@code time.ParseDuration} and {@code time.Duration.String()}. A bare
 * number other than {@code 0} has no unit and is refused, as docker refuses it.
 */
public final class GoDuration {
    private GoDuration() {
    }

    private static final Map<String, Long> UNITS = Map.of(
            "ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    /** Go's {@code time.ParseDuration}, in nanoseconds. */
    public static long parse(String orig) {
        String s = orig;
        boolean neg = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            neg = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return 0;
        }
        if (s.isEmpty()) {
            throw new InvalidSyntax("time: invalid duration \"" + orig + "\"");
        }
        BigInteger total = BigInteger.ZERO;
        while (!s.isEmpty()) {
            char c0 = s.charAt(0);
            if (!(c0 == '.' || c0 >= '0' && c0 <= '9')) {
                throw new InvalidSyntax("time: invalid duration \"" + orig + "\"");
            }
            int i = 0;
            while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
                i++;
            }
            boolean pre = i > 0;
            BigInteger v = pre ? new BigInteger(s.substring(0, i)) : BigInteger.ZERO;
            s = s.substring(i);
            long f = 0;
            double scale = 1;
            boolean post = false;
            if (!s.isEmpty() && s.charAt(0) == '.') {
                s = s.substring(1);
                int j = 0;
                boolean overflow = false;
                while (j < s.length() && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
                    if (!overflow) {
                        if (f > (Long.MAX_VALUE - 9) / 10) {
                            overflow = true;
                        } else {
                            f = f * 10 + (s.charAt(j) - '0');
                            scale *= 10;
                        }
                    }
                    j++;
                }
                post = j > 0;
                s = s.substring(j);
            }
            if (!pre && !post) {
                throw new InvalidSyntax("time: invalid duration \"" + orig + "\"");
            }
            int k = 0;
            while (k < s.length() && s.charAt(k) != '.' && !(s.charAt(k) >= '0' && s.charAt(k) <= '9')) {
                k++;
            }
            if (k == 0) {
                throw new InvalidSyntax("time: missing unit in duration \"" + orig + "\"");
            }
            String u = s.substring(0, k);
            s = s.substring(k);
            Long unit = UNITS.get(u);
            if (unit == null) {
                throw new InvalidSyntax("time: unknown unit \"" + u + "\" in duration \"" + orig + "\"");
            }
            v = v.multiply(BigInteger.valueOf(unit));
            if (f > 0) {
                v = v.add(BigInteger.valueOf((long) (f * (unit / scale))));
            }
            total = total.add(v);
            if (total.bitLength() > 63) {
                throw new InvalidSyntax("time: invalid duration \"" + orig + "\"");
            }
        }
        return neg ? -total.longValue() : total.longValue();
    }

    /** Go's {@code time.Duration.String()}: {@code 1m30s}, {@code 1h0m0s}, {@code 500ms}. */
    public static String format(long d) {
        if (d == 0) {
            return "0s";
        }
        boolean neg = d < 0;
        BigInteger u = BigInteger.valueOf(d).abs();
        StringBuilder b = new StringBuilder();
        if (u.compareTo(BigInteger.valueOf(1_000_000_000L)) < 0) {
            long v = u.longValue();
            int prec;
            String unit;
            if (v < 1_000) {
                prec = 0;
                unit = "ns";
            } else if (v < 1_000_000) {
                prec = 3;
                unit = "\u00b5s";
            } else {
                prec = 6;
                unit = "ms";
            }
            b.append(fraction(v, prec)).append(unit);
            return (neg ? "-" : "") + b;
        }
        long v = u.longValue();
        String frac = fraction(v, 9);
        long secs = v / 1_000_000_000L;
        long mins = secs / 60;
        long hours = mins / 60;
        if (hours > 0) {
            b.append(hours).append('h');
        }
        if (mins > 0) {
            b.append(mins % 60).append('m');
        }
        String secPart = frac.contains(".") ? (secs % 60) + frac.substring(frac.indexOf('.')) : String.valueOf(secs % 60);
        b.append(secPart).append('s');
        return (neg ? "-" : "") + b;
    }

    /** {@code v / 10^prec} with the remainder as trailing-zero-free decimals. */
    private static String fraction(long v, int prec) {
        long pow = 1;
        for (int i = 0; i < prec; i++) {
            pow *= 10;
        }
        long whole = v / pow;
        long rem = v % pow;
        if (rem == 0) {
            return String.valueOf(whole);
        }
        String digits = String.format("%0" + prec + "d", rem).replaceAll("0+$", "");
        return whole + "." + digits;
    }

    /** {@link #parse} as a {@link Duration}. */
    public static Duration duration(String value) {
        return Duration.ofNanos(parse(value));
    }

    /** {@link #format(long)} of a {@link Duration}. */
    public static String format(Duration d) {
        return format(d.toNanos());
    }
}
