package io.swarmops.compose;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Compose files from the corpus, mangled (characters dropped, inserted, replaced, lines swapped):
 * loading and converting them either works or fails with one {@link ComposeException}, never with
 * any other exception.
 */
class MangledComposePropertyTest {
    private static final List<String> TEXTS = corpusTexts();
    private static final String NOISE = ":-{}[]\"'$&*<>|#!%@`\n\t ,.0123456789yesnoabc~\\";

    private static List<String> corpusTexts() {
        try (Stream<Path> files = Files.walk(Path.of(MangledComposePropertyTest.class.getResource("/corpus").toURI()))) {
            List<String> out = new ArrayList<>();
            for (Path p : files.filter(f -> f.toString().endsWith(".yml") && f.getFileName().toString().contains("compose")).toList()) {
                out.add(Files.readString(p));
            }
            return out;
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    record Mutation(int kind, int position, int length, char c) {
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 100_000),
                        Arbitraries.integers().between(1, 40), Arbitraries.of(NOISE.toCharArray()))
                .as(Mutation::new).list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 400)
    void mangledFilesFailOnlyWithAComposeException(@ForAll("mutations") List<Mutation> mutations,
            @ForAll("texts") String original) {
        String text = original;
        for (Mutation m : mutations) {
            text = apply(text, m);
        }
        try {
            ComposeProject p = ComposeLoader.load(Path.of("/nonexistent-dir"),
                    List.of(new ComposeLoader.Source("mangled.yml", text)), Map.of("IMAGE_REPO", "x", "REQUIRED_VAR", "y"));
            new StackConverter("st").convert(p.config());
        } catch (ComposeException expected) {
            if (expected.getMessage() == null || expected.getMessage().contains("\n") && !expected.getMessage().startsWith("Ignoring")) {
                fail("not one line: " + expected.getMessage());
            }
        } catch (RuntimeException | StackOverflowError e) {
            fail("unhandled " + e + " for:\n" + text, e);
        }
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.of(TEXTS);
    }

    private static String apply(String text, Mutation m) {
        if (text.isEmpty()) {
            return String.valueOf(m.c());
        }
        int pos = m.position() % text.length();
        int end = Math.min(text.length(), pos + m.length());
        return switch (m.kind()) {
            case 0 -> text.substring(0, pos) + text.substring(end);
            case 1 -> text.substring(0, pos) + m.c() + text.substring(pos);
            case 2 -> text.substring(0, pos) + m.c() + text.substring(Math.min(text.length(), pos + 1));
            case 3 -> {
                String[] lines = text.split("\n", -1);
                int a = pos % lines.length;
                int b = (pos / 7) % lines.length;
                String t = lines[a];
                lines[a] = lines[b];
                lines[b] = t;
                yield String.join("\n", lines);
            }
            default -> text.substring(0, pos) + text.substring(pos, end).replace(" ", "") + text.substring(end);
        };
    }
}
