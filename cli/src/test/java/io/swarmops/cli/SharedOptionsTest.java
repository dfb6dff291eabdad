package io.swarmops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The options many commands share are declared once, in their mixin, and nowhere again. */
class SharedOptionsTest {
    /** The class declaring {@code option} of each command in the full tree that has it, by the command's qualified name. */
    private static Map<String, Class<?>> declarers(String option) {
        Map<String, Class<?>> out = new TreeMap<>();
        walk(CommandTree.full(new SwarmopsCommand(), CommandLine.defaultFactory()), option, out);
        return out;
    }

    private static void walk(CommandLine cl, String option, Map<String, Class<?>> out) {
        OptionSpec o = cl.getCommandSpec().findOption(option);
        if (o != null && o.userObject() instanceof Field f) {
            out.put(cl.getCommandSpec().qualifiedName(" "), f.getDeclaringClass());
        }
        cl.getSubcommands().values().stream().distinct().forEach(sub -> walk(sub, option, out));
    }

    @Test
    void dryRunIsDeclaredOnce() {
        Map<String, Class<?>> dryRun = declarers("--dry-run");
        assertTrue(dryRun.keySet().containsAll(java.util.List.of("swarmops stack deploy", "swarmops service move",
                "swarmops restore", "swarmops emergency reboot")), dryRun.toString());
        dryRun.forEach((command, declarer) -> assertEquals(DryRunOption.class, declarer, command));
    }

    @Test
    void secretDataIsDeclaredOnce() {
        Map<String, Class<?>> secret = declarers("--secret");
        assertEquals(SecretDataOptions.class, secret.get("swarmops restore"));
        assertEquals(SecretDataOptions.class, secret.get("swarmops emergency reboot"));
    }
}
