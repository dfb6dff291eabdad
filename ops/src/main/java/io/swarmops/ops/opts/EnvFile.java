package io.swarmops.ops.opts;

import io.swarmops.ops.CappedFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code KEY=value} file as docker reads {@code service create --env-file} and compose's
 * {@code env_file} (docker/cli's pkg/kvfile): leading blanks and {@code #} comment lines skipped,
 * values kept as written, a bare {@code KEY} taken from the environment when set there and left
 * out when not.
 */
public final class EnvFile {
    private EnvFile() {
    }

    /** The {@code KEY=value} lines in file order; bare names resolved against {@code environment}. */
    public static List<String> parse(Path file, Map<String, String> environment) {
        List<String> out = new ArrayList<>();
        String[] lines = lines(file);
        for (int number = 1; number <= lines.length; number++) {
            String line = lines[number - 1];
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (number == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            int start = 0;
            while (start < line.length() && isSpace(line.charAt(start))) {
                start++;
            }
            line = line.substring(start);
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? line : line.substring(0, eq);
            if (key.isEmpty()) {
                throw invalid(file, "no variable name on line '" + line + "'");
            }
            if (key.contains(" ") || key.contains("\t")) {
                throw invalid(file, "variable '" + key + "' contains whitespaces");
            }
            if (eq >= 0) {
                out.add(line);
            } else if (environment.containsKey(key)) {
                out.add(key + "=" + environment.get(key));
            }
        }
        return out;
    }

    /** {@link #parse} as a map in file order, a later line for a key replacing an earlier one (ConvertKVStringsToMap). */
    public static Map<String, String> variables(Path file, Map<String, String> environment) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String kv : parse(file, environment)) {
            int eq = kv.indexOf('=');
            out.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return out;
    }

    private static String[] lines(Path file) {
        byte[] bytes;
        try {
            bytes = CappedFile.read(file, CappedFile.ENV_FILE);
        } catch (CappedFile.TooLarge e) {
            throw new InvalidSyntax(e.getMessage());
        } catch (NoSuchFileException e) {
            throw new InvalidSyntax("open " + file + ": no such file or directory");
        } catch (AccessDeniedException e) {
            throw new InvalidSyntax("open " + file + ": permission denied");
        } catch (IOException e) {
            throw new InvalidSyntax("open " + file + ": " + e.getMessage());
        }
        String[] lines = new String(bytes, StandardCharsets.ISO_8859_1).split("\n", -1);
        if (lines.length > 0 && lines[lines.length - 1].isEmpty()) {
            lines = java.util.Arrays.copyOf(lines, lines.length - 1);
        }
        for (int i = 0; i < lines.length; i++) {
            try {
                lines[i] = StandardCharsets.UTF_8.newDecoder()
                        .decode(ByteBuffer.wrap(lines[i].getBytes(StandardCharsets.ISO_8859_1))).toString();
            } catch (CharacterCodingException e) {
                throw invalid(file, "invalid utf8 bytes at line " + (i + 1) + ": " + goBytes(lines[i]));
            }
        }
        return lines;
    }

    /** Go's {@code %v} of a line's bytes, {@code [65 61 255]}, without the CR that bufio.ScanLines drops. */
    private static String goBytes(String latin1) {
        String line = latin1.endsWith("\r") ? latin1.substring(0, latin1.length() - 1) : latin1;
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < line.length(); i++) {
            b.append(i == 0 ? "" : " ").append((int) line.charAt(i));
        }
        return b.append(']').toString();
    }

    private static InvalidSyntax invalid(Path file, String why) {
        return new InvalidSyntax("invalid env file (" + file + "): " + why);
    }

    /** Go's unicode.IsSpace. */
    private static boolean isSpace(char c) {
        return c <= 0xFF ? "\t\n\u000B\f\r \u0085\u00A0".indexOf(c) >= 0 : Character.isSpaceChar(c);
    }
}
