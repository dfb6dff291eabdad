package io.swarmops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandTreeTest {
    private static CommandLine tree(String... args) {
        return CommandTree.forArgs(new SwarmopsCommand(), CommandLine.defaultFactory(), List.of(args));
    }

    private static Set<String> names(CommandLine cl) {
        return cl.getSubcommands().keySet();
    }

    @Test
    void buildsOnlyTheNounAndVerbNamed() {
        CommandLine cl = tree("-H", "unix:///x.sock", "--tlsverify", "node", "--debug", "ls", "-q");
        assertEquals(Set.of("node"), names(cl));
        assertEquals(Set.of("ls", "list"), names(cl.getSubcommands().get("node")));
    }

    @Test
    void anAliasAndAnOptionWithItsValueBeforeTheNoun() {
        CommandLine cl = tree("--context", "node", "node", "list");
        assertEquals(Set.of("node"), names(cl));
        assertEquals(Set.of("ls", "list"), names(cl.getSubcommands().get("node")));
    }

    @Test
    void helpATypoOrANounAloneBuildTheLevelBelow() {
        CommandLine full = CommandTree.full(new SwarmopsCommand(), CommandLine.defaultFactory());
        CommandLine help = tree("--help");
        assertEquals(names(full), names(help));
        assertEquals(Set.of(), names(help.getSubcommands().get("node")), "one level deep");
        assertEquals(names(full), names(tree("nodes", "ls")));
        CommandLine node = tree("node").getSubcommands().get("node");
        assertEquals(names(full.getSubcommands().get("node")), names(node));
        assertEquals(Set.of("plan"), names(full.getSubcommands().get("rebalance")));
    }

    @Test
    void inheritedOptionsReachTheVerb() {
        CommandLine cl = tree("node", "ls", "-H", "unix:///y.sock");
        cl.parseArgs("node", "ls", "-H", "unix:///y.sock");
        assertEquals("unix:///y.sock", ((SwarmopsCommand) cl.getCommand()).connectionOptions().host());
    }
}
