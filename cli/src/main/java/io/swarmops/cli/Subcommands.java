package io.swarmops.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A command's subcommands, in the order help lists them. Used instead of picocli's
 * {@code @Command(subcommands = ...)}, which builds every subcommand at start: {@link CommandTree}
 * builds only the one the command line names (all of them for help and for the shell's completion).
 * To add a verb, add its class here, on its noun.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Subcommands {
    Class<?>[] value();
}
