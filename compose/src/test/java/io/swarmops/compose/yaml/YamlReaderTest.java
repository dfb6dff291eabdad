package io.swarmops.compose.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmops.compose.ComposeException;
import io.swarmops.compose.yaml.YamlNode.YamlMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class YamlReaderTest {
    /** Billion laughs: nine levels of nine aliases, 9^9 strings from 420 bytes. */
    static String billionLaughs() {
        StringBuilder b = new StringBuilder("x-a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char prev = 'a';
        for (char n = 'b'; n <= 'i'; n++) {
            b.append("x-").append(n).append(": &").append(n).append(" [").append(String.join(",", java.util.Collections.nCopies(9, "*" + prev)))
                    .append("]\n");
            prev = n;
        }
        return b.append("services:\n  web:\n    image: busybox\n    command: *i\n").toString();
    }

    /** A million strings under one service's extension field from 344 bytes: heap exhausted at 256 MB before the fix. */
    static String millionUnderAnExtension() {
        StringBuilder b = new StringBuilder("version: \"3.8\"\nservices:\n  web:\n    image: busybox\n");
        b.append("    x-a: &a [").append(String.join(",", java.util.Collections.nCopies(10, "\"lol\""))).append("]\n");
        char prev = 'a';
        for (char n = 'b'; n <= 'e'; n++) {
            b.append("    x-").append(n).append(": &").append(n).append(" [")
                    .append(String.join(",", java.util.Collections.nCopies(10, "*" + prev))).append("]\n");
            prev = n;
        }
        return b.append("    x-foo: [").append(String.join(",", java.util.Collections.nCopies(10, "*e"))).append("]\n").toString();
    }

    @Test
    void billionLaughsIsRefusedAsDockersParserRefusesIt() {
        ComposeException e = assertThrows(ComposeException.class, () -> YamlReader.read("bomb.yml", billionLaughs()));
        assertTrue(e.getMessage().endsWith("yaml: document contains excessive aliasing"), e.getMessage());
        assertTrue(e.getMessage().startsWith("bomb.yml:"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void aMillionValuesFromAFewHundredBytesAreRefused() {
        ComposeException e = assertThrows(ComposeException.class, () -> YamlReader.read("bomb.yml", millionUnderAnExtension()));
        assertTrue(e.getMessage().endsWith("yaml: document contains excessive aliasing"), e.getMessage());
    }

    @Test
    void longTextAliasedAHundredTimesIsRefused() {
        // few values, so the ratio allows it; the text reached through aliases does not
        String big = "x".repeat(200_000);
        StringBuilder b = new StringBuilder("x-big: &big \"" + big + "\"\nservices:\n  web:\n    image: busybox\n    environment:\n");
        for (int i = 0; i < 90; i++) {
            b.append("      V").append(i).append(": *big\n");
        }
        ComposeException e = assertThrows(ComposeException.class, () -> YamlReader.read("big.yml", b.toString()));
        assertTrue(e.getMessage().endsWith("yaml: document contains excessive aliasing"), e.getMessage());
    }

    @Test
    void aFileThatMergesOneBlockIntoManyServicesLoadsAsDockerLoadsIt() {
        // docker stack config accepts this (1,800 merged values from 30): a hundredfold is allowed
        StringBuilder b = new StringBuilder("x-common: &common\n");
        for (int i = 0; i < 30; i++) {
            b.append("  FOO").append(i).append(": bar").append(i).append('\n');
        }
        b.append("services:\n");
        for (int s = 0; s < 60; s++) {
            b.append("  s").append(s).append(":\n    image: busybox\n    environment:\n      <<: *common\n      X: \"1\"\n");
        }
        YamlMap m = YamlReader.read("many.yml", b.toString());
        YamlMap services = (YamlMap) m.entries().get("services").value();
        assertEquals(60, services.entries().size());
        YamlMap env = (YamlMap) ((YamlMap) services.entries().get("s59").value()).entries().get("environment").value();
        assertEquals(31, env.entries().size());
    }

    @Test
    void everyFileOfTheCorpusStillReads() throws Exception {
        Path corpus = Path.of(YamlReaderTest.class.getResource("/corpus").toURI());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus)) {
            files = walk.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
                    .filter(p -> p.getFileName().toString().contains("compose") || p.getFileName().toString().equals("override.yml"))
                    .toList();
        }
        assertTrue(files.size() >= 14, files.toString());
        for (Path f : files) {
            YamlMap m = YamlReader.read(f.toString(), Files.readString(f));
            assertTrue(m.entries().containsKey("services"), f.toString());
        }
    }
}
