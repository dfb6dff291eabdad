package io.swarmops.cli.format;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A table as docker prints one: Go's tabwriter with minimum cell width 10 and padding 3
 * ({@code tabwriter.NewWriter(out, 10, 1, 3, ' ', 0)} in docker/cli's formatter); the last column
 * is not padded.
 */
public final class Table {
    private static final int MIN_WIDTH = 10;
    private static final int PADDING = 3;

    private final List<String[]> rows = new ArrayList<>();

    private Table(String... header) {
        rows.add(header);
    }

    public static Table of(String... header) {
        return new Table(header);
    }

    public Table row(Object... cells) {
        String[] r = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            r[i] = cells[i] == null ? "" : cells[i].toString();
        }
        rows.add(r);
        return this;
    }

    public void print(PrintWriter out) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < columns - 1 && i < r.length; i++) {
                width[i] = Math.max(width[i], Math.max(MIN_WIDTH, r[i].codePointCount(0, r[i].length()) + PADDING));
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) {
            b.setLength(0);
            for (int i = 0; i < r.length; i++) {
                b.append(r[i]);
                if (i < r.length - 1) {
                    b.append(" ".repeat(width[i] - r[i].codePointCount(0, r[i].length())));
                }
            }
            out.println(b.toString().stripTrailing());
        }
        out.flush();
    }
}
