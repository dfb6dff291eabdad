package io.swarmops.compose.yaml;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain scalar that go-yaml v3 decodes as a {@code time.Time} ({@code 2001-12-14}): docker then
 * prints it as Go prints a time ({@code 2001-12-14 00:00:00 +0000 UTC}) where it wants a string.
 *
 * @param text     as written
 * @param goString as {@code fmt.Sprint} prints the decoded time
 */
public record YamlTimestamp(String text, String goString) {
    private static final Pattern TS = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:(?:[Tt]|[ ])(\\d{1,2}):(\\d{1,2}):(\\d{1,2})(?:\\.(\\d{1,9}))?(Z|[+-]\\d{2}:\\d{2})?)?");

    /** The timestamp go-yaml would decode, or null when {@code text} is not one. */
    public static YamlTimestamp parse(String text) {
        Matcher m = TS.matcher(text);
        if (!m.matches()) {
            return null;
        }
        int month = Integer.parseInt(m.group(2));
        int day = Integer.parseInt(m.group(3));
        if (month < 1 || month > 12 || day < 1 || day > 31) {
            return null;
        }
        boolean space = m.group(4) != null && text.charAt(text.indexOf(m.group(4), 8) - 1) == ' ';
        if (space && m.group(8) != null) {
            return null; // go-yaml's space-separated form carries no zone
        }
        StringBuilder b = new StringBuilder();
        b.append(m.group(1)).append('-').append(two(m.group(2))).append('-').append(two(m.group(3))).append(' ');
        if (m.group(4) == null) {
            b.append("00:00:00");
        } else {
            int h = Integer.parseInt(m.group(4));
            int mi = Integer.parseInt(m.group(5));
            int s = Integer.parseInt(m.group(6));
            if (h > 23 || mi > 59 || s > 59) {
                return null;
            }
            b.append(two(m.group(4))).append(':').append(two(m.group(5))).append(':').append(two(m.group(6)));
            if (m.group(7) != null) {
                String frac = m.group(7).replaceAll("0+$", "");
                if (!frac.isEmpty()) {
                    b.append('.').append(frac);
                }
            }
        }
        String zone = m.group(8);
        if (zone == null || zone.equals("Z")) {
            b.append(" +0000 UTC");
        } else {
            String off = zone.replace(":", "");
            b.append(' ').append(off).append(' ').append(off);
        }
        return new YamlTimestamp(text, b.toString());
    }

    private static String two(String s) {
        return s.length() == 1 ? "0" + s : s;
    }

    @Override
    public String toString() {
        return goString;
    }
}
