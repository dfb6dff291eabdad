package io.swarmops.compose;

import io.swarmops.ops.CappedFile;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code KEY=value} file as docker reads {@code env_file} (and swarmops' {@code --env-file}):
 * {@code #} comments and blank lines skipped, values passed through untrimmed, a bare {@code KEY}
 * taken from the environment when set there (else left out).
 */
public final class EnvFile {
    private EnvFile() {
    }

    /** The variables in file order; bare names resolved against {@code env}. */
    public static Map<String, String> parse(Path file, Map<String, String> env) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(CappedFile.read(file, CappedFile.ENV_FILE))).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("env file " + file + " contains invalid utf8 bytes");
        } catch (CappedFile.TooLarge e) {
            throw new IllegalArgumentException(e.getMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("open " + file + ": no such file or directory");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String raw : text.split("\\r?\\n", -1)) {
            String line = raw.stripLeading();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String variable = (eq < 0 ? line : line.substring(0, eq)).replaceFirst("^[ \\t\\n\\x0B\\f\\r]+", "");
            if (variable.matches(".*[ \\t\\n\\x0B\\f\\r].*")) {
                throw new IllegalArgumentException("variable '" + variable + "' contains whitespaces");
            }
            if (variable.isEmpty()) {
                throw new IllegalArgumentException("no variable name on line '" + line + "'");
            }
            if (eq >= 0) {
                out.put(variable, line.substring(eq + 1));
            } else if (env.containsKey(variable)) {
                out.put(variable.strip(), env.get(variable));
            }
        }
        return out;
    }
}
