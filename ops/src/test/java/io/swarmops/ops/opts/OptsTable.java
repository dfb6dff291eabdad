package io.swarmops.ops.opts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.junit.jupiter.params.support.AnnotationConsumer;

/**
 * The tables of what docker 28 accepts (with the value it yields) and refuses, one file per
 * parser under {@code src/test/resources/io/swarmops/ops/opts/}: a row is
 * {@code input TAB expected [TAB docker]}, an expected value starting {@code error: } is a refusal
 * with docker's message, and {@code docker} marks the rows that cli's OptsDockerParityIT also runs
 * through the docker CLI on a sandbox, so the table cannot drift from docker unseen. In an input,
 * {@code {sp} {tab} {nl} {cr} {ff} {vt} {nbsp} {bom}} stand for the characters that a table cannot show.
 */
public final class OptsTable {
    private static final Map<String, String> CHARS = Map.of("{sp}", " ", "{tab}", "\t", "{nl}", "\n", "{cr}", "\r",
            "{ff}", "\f", "{vt}", "\u000B", "{nbsp}", "\u00A0", "{bom}", "\uFEFF");

    private OptsTable() {
    }

    /** One row: the input, what docker makes of it, and whether the parity IT runs it through docker. */
    public record Row(String input, String expected, boolean docker) {
        public boolean refused() {
            return expected.startsWith("error: ");
        }

        /** docker's message, for a refusal. */
        public String error() {
            return expected.substring("error: ".length());
        }

        @Override
        public String toString() {
            return "[" + input.replace("\n", "\\n") + "] -> " + expected;
        }
    }

    /** A parameterized test's rows: those of the named table, one {@link Row} each. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ArgumentsSource(RowsProvider.class)
    public @interface Rows {
        String value();
    }

    static final class RowsProvider implements ArgumentsProvider, AnnotationConsumer<Rows> {
        private String table;

        @Override
        public void accept(Rows rows) {
            table = rows.value();
        }

        @Override
        public Stream<? extends Arguments> provideArguments(ExtensionContext context) {
            return rows(table).stream().map(Arguments::of);
        }
    }

    public static List<Row> rows(String table) {
        try (InputStream in = OptsTable.class.getResourceAsStream(table + ".tsv")) {
            if (in == null) {
                throw new IllegalStateException("no table " + table + ".tsv");
            }
            List<Row> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length < 2 || f.length > 3 || f.length == 3 && !f[2].equals("docker")) {
                    throw new IllegalStateException(table + ".tsv: a row is input TAB expected [TAB docker]: " + line);
                }
                rows.add(new Row(decode(f[0]), decode(f[1]), f.length == 3));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows marked for the docker parity IT. */
    public static List<Row> dockerRows(String table) {
        return rows(table).stream().filter(Row::docker).toList();
    }

    private static String decode(String s) {
        for (Map.Entry<String, String> c : CHARS.entrySet()) {
            s = s.replace(c.getKey(), c.getValue());
        }
        return s;
    }
}
