import io.swarmops.cli.CommandTree;
import io.swarmops.cli.SwarmopsCommand;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.asciidoctor.Asciidoctor;
import org.asciidoctor.Options;
import org.asciidoctor.SafeMode;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * The man pages, at build time: swarmops(1) and one page per command (swarmops-node-ls(1), ...),
 * from the whole picocli tree, as AsciiDoc by picocli-codegen's ManPageGenerator, then as roff by
 * Asciidoctor's manpage backend. Run as a source file with the cli's compile classpath:
 * {@code java -cp CP ManPages.java ADOC_DIR MAN_DIR}.
 */
public final class ManPages {
    public static void main(String[] args) throws Exception {
        File adoc = new File(args[0]);
        Path man = Path.of(args[1]);
        CommandLine tree = CommandTree.full(new SwarmopsCommand(), CommandLine.defaultFactory());
        int code = ManPageGenerator.generateManPage(adoc, null, new boolean[0], true, tree.getCommandSpec());
        if (code != 0) {
            throw new IllegalStateException("ManPageGenerator exited " + code);
        }
        Files.createDirectories(man);
        try (Asciidoctor asciidoctor = Asciidoctor.Factory.create(); Stream<Path> pages = Files.list(adoc.toPath())) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".adoc")).sorted().toList()) {
                asciidoctor.convertFile(page.toFile(), Options.builder().backend("manpage").safe(SafeMode.UNSAFE)
                        .toDir(man.toFile()).mkDirs(true).attributes(Map.of("reproducible", "")).build());
            }
        }
        try (Stream<Path> out = Files.list(man)) {
            System.out.println("man pages: " + out.count() + " in " + man);
        }
    }
}
