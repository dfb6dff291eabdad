package io.swarmops.cli;

import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.engine.EngineGateway;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** The entry point. Only {@link #main} exits the JVM; {@link #run} is what tests call. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = run(out, err, EngineGateway::connect, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line; returns its exit code (see {@link ExitCodes}). */
    public static int run(PrintWriter out, PrintWriter err, GatewayFactory factory, String... args) {
        return run(out, err, factory, new TerminalPrompter(), args);
    }

    /** As {@link #run(PrintWriter, PrintWriter, GatewayFactory, String...)}, with the operator's answers from {@code prompter}. */
    public static int run(PrintWriter out, PrintWriter err, GatewayFactory factory, Prompter prompter, String... args) {
        SwarmopsCommand root = new SwarmopsCommand();
        try (CommandContext context = new CommandContext(factory, root, out, err, prompter)) {
            CommandLine cl = CommandTree.forArgs(root, new ContextFactory(context), java.util.List.of(args));
            cl.setOut(out);
            cl.setErr(err);
            cl.setExecutionExceptionHandler(new ErrorPrinter(root));
            cl.setParameterExceptionHandler(new UsagePrinter());
            stopAtImage(cl);
            return cl.execute(args);
        } catch (SwarmOpsException e) {
            // from closing the gateway: the command's own result was already printed
            return ExitCodes.FAILED;
        } catch (OutOfMemoryError e) {
            // the stack is unwound and what filled the heap is garbage: one line, never the trace
            err.println("error: out of memory (the JVM's heap is " + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                    + " MB; JAVA_OPTS=-Xmx... raises it)");
            return ExitCodes.FAILED;
        } catch (StackOverflowError e) {
            err.println("error: stack overflow (input nested too deep?)");
            return ExitCodes.FAILED;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static void stopAtImage(CommandLine cl) {
        if (cl.getCommand() instanceof ArgumentsAfterImage) {
            cl.setStopAtPositional(true);
        }
        cl.getSubcommands().values().forEach(Main::stopAtImage);
    }

    /** Domain failures: one line on stderr, a stack trace only with --debug. */
    private record ErrorPrinter(SwarmopsCommand root) implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
            PrintWriter err = cl.getErr();
            if (ex instanceof SwarmOpsException e) {
                err.println("error: " + e.getMessage());
                if (root.debug) {
                    e.printStackTrace(err);
                }
                return ExitCodes.of(e);
            }
            if (ex instanceof ParameterException p) {
                err.println("error: " + p.getMessage());
                return ExitCodes.USAGE;
            }
            err.println("error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            if (root.debug) {
                ex.printStackTrace(err);
            } else {
                err.println("(an unexpected " + ex.getClass().getSimpleName() + "; run with --debug for the stack trace)");
            }
            return ExitCodes.FAILED;
        }
    }

    /** Usage errors: the message and a pointer to help, as docker prints them. */
    private static final class UsagePrinter implements IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException ex, String[] args) {
            CommandLine cl = ex.getCommandLine();
            PrintWriter err = cl.getErr();
            err.println("error: " + ex.getMessage());
            err.println("See '" + cl.getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.USAGE;
        }
    }

    /** Hands every command the run's {@link CommandContext}. */
    private record ContextFactory(CommandContext context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            K k = CommandLine.defaultFactory().create(cls);
            if (k instanceof ContextAware aware) {
                aware.setContext(context);
            }
            return k;
        }
    }
}
