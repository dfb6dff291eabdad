package io.swarmops.cli;

import io.swarmops.ops.ConnectionOptions;
import io.swarmops.ops.SwarmGateway;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code swarmops __complete INDEX WORD...}: the candidates for word INDEX of the command line
 * WORD... (without "swarmops"), one per line: what the bash and zsh completion scripts call.
 * Names come from the daemon that the line's own {@code -H}/{@code --context} (or the environment)
 * names, with a 2 s read timeout, so a TAB never waits long.
 */
@Command(name = "__complete", hidden = true, description = "Completion candidates (for the shell completion scripts)")
public final class Complete extends SwarmopsVerb implements ArgumentsAfterImage {
    @Parameters(index = "0", paramLabel = "INDEX")
    int index;

    @Parameters(index = "1..*", paramLabel = "WORD")
    List<String> words = new ArrayList<>();

    @Override
    protected int execute() {
        CommandLine tree = CommandTree.full(new SwarmopsCommand(), CommandLine.defaultFactory());
        List<String> line = new ArrayList<>(words);
        while (line.size() <= index) {
            line.add("");
        }
        String host = null;
        String dockerContext = null;
        for (int i = 0; i + 1 < line.size(); i++) {
            String w = line.get(i);
            if (w.equals("-H") || w.equals("--host")) {
                host = line.get(i + 1);
            } else if (w.startsWith("--host=")) {
                host = w.substring("--host=".length());
            } else if (w.equals("--context") || w.equals("-c") && i == 0) {
                dockerContext = line.get(i + 1);
            }
        }
        ConnectionOptions o = context().connectionOptions();
        ConnectionOptions lineOptions = new ConnectionOptions(host != null ? host : o.host(),
                dockerContext != null ? dockerContext : o.context(), o.tls(), o.tlsVerify(), o.tlsCaCert(), o.tlsCert(),
                o.tlsKey(), Duration.ofSeconds(2), Duration.ofSeconds(2));
        SwarmGateway[] opened = new SwarmGateway[1];
        try {
            LiveNames names = new LiveNames(tree.getCommandSpec(), () -> opened[0] = context().factory().open(lineOptions),
                    Instant::now);
            names.complete(line, index).forEach(out()::println);
        } finally {
            if (opened[0] != null) {
                opened[0].close();
            }
        }
        out().flush();
        return ExitCodes.OK;
    }
}
