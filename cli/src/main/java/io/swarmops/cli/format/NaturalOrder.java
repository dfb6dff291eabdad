package io.swarmops.cli.format;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;

/**
 * Names as docker sorts them ({@code sortorder.NaturalLess}, which docker's node, service and stack
 * lists use): "node2" before "node10"; runs of digits by value, then the one with fewer leading
 * zeros first; a digit before any other character; the rest byte by byte in UTF-8.
 */
public final class NaturalOrder implements Comparator<String> {
    public static final NaturalOrder INSTANCE = new NaturalOrder();

    private NaturalOrder() {
    }

    @Override
    public int compare(String a, String b) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        return less(x, y) ? -1 : less(y, x) ? 1 : 0;
    }

    /** sortorder.NaturalLess, line by line. */
    private static boolean less(byte[] a, byte[] b) {
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            boolean da = digit(a[i]);
            boolean db = digit(b[j]);
            if (da != db) {
                return da;
            }
            if (!da) {
                if (a[i] != b[j]) {
                    return (a[i] & 0xff) < (b[j] & 0xff);
                }
                i++;
                j++;
                continue;
            }
            while (i < a.length && a[i] == '0') {
                i++;
            }
            while (j < b.length && b[j] == '0') {
                j++;
            }
            int si = i;
            int sj = j;
            while (i < a.length && digit(a[i])) {
                i++;
            }
            while (j < b.length && digit(b[j])) {
                j++;
            }
            if (i - si != j - sj) {
                return i - si < j - sj;
            }
            int c = java.util.Arrays.compareUnsigned(a, si, i, b, sj, j);
            if (c != 0) {
                return c < 0;
            }
            if (si != sj) {
                return si < sj;
            }
        }
        return a.length < b.length;
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }
}
