package io.swarmops.compose.yaml;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Go's number syntax and printing where docker's behaviour depends on it. */
public final class GoNumbers {
    private GoNumbers() {
    }

    /**
     * {@code strconv.ParseInt(s, 0, ...)} without the range check: optional sign, then 0x/0o/0b
     * prefixes, a leading 0 for octal, else decimal. Null when the text is not such an integer.
     */
    public static BigInteger parseIntBase0(String s) {
        if (s.isEmpty()) {
            return null;
        }
        boolean neg = false;
        String t = s;
        if (t.charAt(0) == '+' || t.charAt(0) == '-') {
            neg = t.charAt(0) == '-';
            t = t.substring(1);
        }
        int radix = 10;
        if (t.length() >= 2 && t.charAt(0) == '0') {
            char p = Character.toLowerCase(t.charAt(1));
            if (p == 'x') {
                radix = 16;
                t = t.substring(2);
            } else if (p == 'o') {
                radix = 8;
                t = t.substring(2);
            } else if (p == 'b') {
                radix = 2;
                t = t.substring(2);
            } else {
                radix = 8;
                t = t.substring(1);
            }
        }
        if (t.isEmpty()) {
            return null;
        }
        for (int i = 0; i < t.length(); i++) {
            if (Character.digit(t.charAt(i), radix) < 0) {
                return null;
            }
        }
        BigInteger v = new BigInteger(t, radix);
        return neg ? v.negate() : v;
    }

    /** {@code fmt.Sprint} of a YAML scalar value: how docker turns numbers and booleans into strings. */
    public static String sprint(Object v) {
        if (v == null) {
            return "<nil>";
        }
        if (v instanceof Double d) {
            return formatFloat(d);
        }
        if (v instanceof YamlTimestamp t) {
            return t.goString();
        }
        return v.toString();
    }

    /** Go's {@code %v} for a float64: shortest digits, %e form when the exponent is < -4 or >= 6. */
    public static String formatFloat(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        BigDecimal bd = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = bd.unscaledValue().toString();
        int nd = digits.length();
        int dp = nd - bd.scale();
        int exp = dp - 1;
        String sign = d < 0 ? "-" : "";
        if (exp < -4 || exp >= 6) {
            StringBuilder b = new StringBuilder(sign).append(digits.charAt(0));
            if (nd > 1) {
                b.append('.').append(digits, 1, nd);
            }
            b.append('e').append(exp < 0 ? '-' : '+');
            int ae = Math.abs(exp);
            if (ae < 10) {
                b.append('0');
            }
            return b.append(ae).toString();
        }
        return sign + bd.toPlainString();
    }
}
