package io.swarmops.cli.format;

import io.swarmops.ops.model.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table as docker prints one: Go's tabwriter with minimum cell width 10 and padding 3
 * ({@code tabwriter.NewWriter(out, 10, 1, 3, ' ', 0)} in docker/cli's formatter); the last column
 * is not padded.
 */
public final class Table {
    private static final int MIN_WIDTH = 10;
    private static final int PADDING = 3;

    private final List<String[]> rows = new ArrayList<>();
    /** The cells as given, for JSON: a boolean stays a boolean. */
    private final List<Object[]> values = new ArrayList<>();

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
        values.add(cells.clone());
        return this;
    }

    public void print(PrintWriter out) {
        layout(out, rows);
    }

    /** The same table less its last {@code n} columns (ones that only templates and JSON show). */
    public Table withoutLastColumns(int n) {
        Table t = new Table(java.util.Arrays.copyOf(rows.get(0), rows.get(0).length - n));
        rows.subList(1, rows.size()).forEach(r -> t.rows.add(java.util.Arrays.copyOf(r, r.length - n)));
        values.forEach(v -> t.values.add(java.util.Arrays.copyOf(v, v.length - n)));
        return t;
    }

    /**
     * {@code --format json} of a list, as docker 28 prints it ({@code {{json .}}} of each row): one
     * JSON object per line, the columns' template field names as keys in Go's order (sorted), and
     * Go's escaping of {@code < > &}.
     */
    public void printJson(PrintWriter out) {
        String[] header = rows.get(0);
        for (Object[] v : values) {
            var o = Json.MAPPER.createObjectNode();
            java.util.TreeMap<String, Object> sorted = new java.util.TreeMap<>();
            for (int i = 0; i < header.length; i++) {
                sorted.put(field(header[i]), i < v.length && v[i] != null ? v[i] : "");
            }
            sorted.forEach((k, x) -> {
                if (x instanceof Boolean b) {
                    o.put(k, b);
                } else {
                    o.put(k, x.toString());
                }
            });
            // these three never stand outside a string in JSON: replacing them in the text is exact
            out.println(o.toString().replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"));
        }
        out.flush();
    }

    /** As {@code --format} asks: docker's one JSON object per line, a template, or the table. */
    public void print(PrintWriter out, io.swarmops.cli.OutputOptions output) {
        if (output.json()) {
            printJson(out);
        } else {
            print(out, output.template());
        }
    }

    /**
     * Prints through a {@code --format} template when one is given: each row's fields are named
     * after the headers as docker names them ("MANAGER STATUS" is {@code .ManagerStatus}).
     */
    public void print(PrintWriter out, GoTemplate template) {
        if (template == null) {
            print(out);
            return;
        }
        String[] header = rows.get(0);
        Map<String, String> titles = new LinkedHashMap<>();
        for (String h : header) {
            titles.put(field(h), h);
        }
        List<String> lines = new ArrayList<>();
        if (template.table()) {
            lines.add(template.header(titles));
        }
        for (String[] r : rows.subList(1, rows.size())) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                fields.put(field(header[i]), i < r.length ? r[i] : "");
            }
            lines.add(template.render(fields));
        }
        if (template.table()) {
            layout(out, lines.stream().map(l -> l.split("\t", -1)).toList());
        } else {
            lines.forEach(out::println);
            out.flush();
        }
    }

    /** docker's field name for a column title: "MANAGER STATUS" → "ManagerStatus", "ID" → "ID", "TLS STATUS" → "TLSStatus". */
    static String field(String title) {
        StringBuilder b = new StringBuilder();
        for (String word : title.trim().split("\\s+")) {
            if (word.equals("ID") || word.equals("TLS")) {
                b.append(word);
            } else if (!word.isEmpty()) {
                b.append(word.charAt(0)).append(word.substring(1).toLowerCase());
            }
        }
        return b.toString();
    }

    private static void layout(PrintWriter out, List<String[]> rows) {
        int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < r.length - 1; i++) {
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
            out.println(b);
        }
        out.flush();
    }
}
