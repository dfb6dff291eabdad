package io.swarmops.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Output pinned by a golden file, compared byte for byte: {@code src/test/resources/golden/NAME.golden}
 * (as docker/cli's testdata/*.golden). {@code -Dgolden.update=true} writes the files instead, to
 * review with git diff.
 */
public final class Golden {
    private Golden() {
    }

    public static void assertGolden(String name, String actual) {
        String file = "golden/" + name + ".golden";
        if (Boolean.getBoolean("golden.update")) {
            try {
                Path p = Path.of("src/test/resources", file);
                Files.createDirectories(p.getParent());
                Files.writeString(p, actual);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        try (InputStream in = Golden.class.getClassLoader().getResourceAsStream(file)) {
            assertNotNull(in, file + " is missing (-Dgolden.update=true writes it)");
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), actual, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
