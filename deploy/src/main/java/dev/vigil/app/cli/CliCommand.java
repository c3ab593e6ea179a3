package dev.vigil.app.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;

/**
 * What every command of {@link VigilCli} shares: where it prints and which environment it reads, the process's own
 * when {@code vigil} runs it, a test's when {@link #execute} does. Picocli reads the options into the command's fields
 * and answers {@code --help} (exit 0) and usage errors (the error and the usage on stderr, exit 2) before
 * {@link #call} runs; {@code call} returns the command's own exit code.
 */
abstract class CliCommand implements Callable<Integer> {

    Map<String, String> env = System.getenv();
    PrintStream out = System.out;
    PrintStream err = System.err;
    /** Whether stderr is a terminal, where a progress bar redraws itself. */
    boolean terminal = System.console() != null;

    /** Runs {@code command} on {@code args} as {@code vigil <command>} would, printing to {@code out} and {@code err}. */
    static int execute(CliCommand command, String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        command.env = env;
        command.out = out;
        command.err = err;
        command.terminal = false;
        return printingTo(command, out, err).execute(args);
    }

    /** A command line for {@code command} whose help, usage and errors go to {@code out} and {@code err}. */
    static CommandLine printingTo(Object command, PrintStream out, PrintStream err) {
        return new CommandLine(command)
                .setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true))
                .setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
    }
}
