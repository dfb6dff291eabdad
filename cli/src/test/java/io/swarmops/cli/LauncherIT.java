package io.swarmops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/swarmops over the jar and the startup cache that {@code mvn package} made: the cache is used
 * while the jar is the one it was trained on, never after the jar changed, and no JVM message ever
 * reaches stdout.
 */
class LauncherIT {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path JAR = ROOT.resolve("cli/target/swarmops.jar");
    @TempDir
    static Path dir;
    static Path jar;

    @BeforeAll
    static void copy() throws Exception {
        // a JDK 17 AppCDS archive holds its jar's path: the copy gets its own cache, as the build trains it
        jar = dir.resolve("swarmops.jar");
        Files.copy(JAR, jar, StandardCopyOption.COPY_ATTRIBUTES);
        Process p = new ProcessBuilder("sh", ROOT.resolve("cli/src/build/train-cache").toString(), jar.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("train.log").toFile()).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "train-cache did not end");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("train.log")));
    }

    record Run(int code, String out, String err) {
    }

    static Run launch(String javaOpts, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(ROOT.resolve("bin/swarmops").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("SWARMOPS_JAR", jar.toString());
        env.put("JAVA_OPTS", javaOpts);
        env.remove("JAVA_HOME");
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "bin/swarmops did not end");
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static final String LOADS = "-Xlog:class+load=info:stderr";

    @Test
    void theCacheIsUsedForItsJarOnlyAndStdoutHasTheResultAlone() throws Exception {
        Run fresh = launch(LOADS, "--version");
        assertEquals(0, fresh.code(), fresh.err());
        assertTrue(fresh.out().matches("swarmops \\S+\n"), fresh.out());
        assertTrue(fresh.err().contains("io.swarmops.cli.Main source: shared objects file"), "the cache was not used");

        // the same jar touched (as a rebuild or an upgrade leaves it): the stamp no longer matches
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 10_000));
        try {
            Run stale = launch(LOADS, "--version");
            assertEquals(0, stale.code(), stale.err());
            assertEquals(fresh.out(), stale.out());
            assertTrue(stale.err().contains("io.swarmops.cli.Main source: file:"), "a stale cache was used");
        } finally {
            Files.setLastModifiedTime(jar, Files.getLastModifiedTime(JAR));
        }
    }

    /** JDK 25 warns of a broken AOT cache on stderr; JDK 17 falls back on a broken archive in silence. */
    @Test
    void aBrokenCacheIsNotUsedAndStdoutStaysClean() throws Exception {
        Path cache = dir.resolve("swarmops.jar.cache");
        Path broken = Files.createTempDirectory(dir, "saved");
        try (Stream<Path> files = Files.list(cache)) {
            for (Path f : files.filter(f -> !f.getFileName().toString().equals("stamp")).toList()) {
                Files.move(f, broken.resolve(f.getFileName()));
                Files.writeString(f, "not a cache");
            }
        }
        try {
            Run r = launch(LOADS, "--version");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().matches("swarmops \\S+\n"), "stdout: " + r.out());
            assertTrue(r.err().contains("io.swarmops.cli.Main source: file:"), "a broken cache was used: " + r.err());
        } finally {
            try (Stream<Path> files = Files.list(broken)) {
                for (Path f : files.toList()) {
                    Files.move(f, cache.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
