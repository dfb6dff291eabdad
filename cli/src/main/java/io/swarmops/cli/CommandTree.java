package io.swarmops.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Builds the picocli tree for one command line: at each level only the subcommand the arguments
 * name (found by its {@code @Command} name or alias, skipping the options before it and their
 * values), or where the arguments name none (help, a typo, a noun alone) every one of them without
 * their own subcommands, which is all that picocli's help and suggestions need; so
 * {@code swarmops node ls} builds three commands, not a hundred. Subcommands come from
 * {@link Subcommands}.
 */
public final class CommandTree {
    private CommandTree() {
    }

    /** The tree for {@code args}. */
    static CommandLine forArgs(Object root, CommandLine.IFactory factory, List<String> args) {
        CommandLine cl = new CommandLine(root, factory);
        addFor(cl, factory, args);
        return cl;
    }

    /** The whole tree, for completion and generated docs. */
    public static CommandLine full(Object root, CommandLine.IFactory factory) {
        CommandLine cl = new CommandLine(root, factory);
        addAll(cl, factory);
        return cl;
    }

    private static void addFor(CommandLine cl, CommandLine.IFactory factory, List<String> args) {
        Class<?>[] children = children(cl);
        if (children.length == 0) {
            return;
        }
        int at = firstPositional(cl, args);
        String name = at < 0 ? null : args.get(at);
        for (Class<?> c : children) {
            Command command = c.getAnnotation(Command.class);
            if (name != null && (command.name().equals(name) || List.of(command.aliases()).contains(name))) {
                CommandLine child = add(cl, c, factory);
                addFor(child, factory, args.subList(at + 1, args.size()));
                return;
            }
        }
        // help, a typo, a noun alone: picocli lists (or suggests) the names, one level deep
        for (Class<?> c : children) {
            add(cl, c, factory);
        }
    }

    private static void addAll(CommandLine cl, CommandLine.IFactory factory) {
        for (Class<?> c : children(cl)) {
            addAll(add(cl, c, factory), factory);
        }
    }

    private static CommandLine add(CommandLine parent, Class<?> c, CommandLine.IFactory factory) {
        CommandLine child = new CommandLine(c, factory);
        parent.addSubcommand(child);
        return parent.getSubcommands().get(child.getCommandName());
    }

    private static Class<?>[] children(CommandLine cl) {
        Subcommands s = cl.getCommandSpec().userObject().getClass().getAnnotation(Subcommands.class);
        return s == null ? new Class<?>[0] : s.value();
    }

    /** The index of the first argument that is not an option or an option's value, or -1. */
    private static int firstPositional(CommandLine cl, List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                return -1;
            }
            if (!a.startsWith("-") || a.equals("-")) {
                return i;
            }
            OptionSpec o = cl.getCommandSpec().findOption(a);
            if (o != null && !a.contains("=") && takesValue(o, i + 1 < args.size() ? args.get(i + 1) : null)) {
                i++;
            }
        }
        return -1;
    }

    private static boolean takesValue(OptionSpec o, String next) {
        if (o.arity().max() == 0 || next == null) {
            return false;
        }
        if (o.arity().min() == 0) {
            // --tlsverify [true|false]: a value only where one is written
            return next.equalsIgnoreCase("true") || next.equalsIgnoreCase("false");
        }
        return true;
    }
}
