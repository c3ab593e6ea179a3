package dev.vigil.app.cli;

import java.io.PrintStream;

import dev.vigil.app.replay.Replay;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code vigil <command>}: Vigil's command-line tools behind one entry point, each a picocli command of this package.
 * {@code --help} works on the tool and on every command (exit 0); a usage error prints the error and the usage on
 * stderr and exits 2. The launcher script runs the platform itself ({@code ./vigil demo | run | cluster}) and hands
 * every other command to this class; an installed copy runs it without Maven
 * ({@code java -cp 'app/*:lib/main/*' dev.vigil.app.cli.VigilCli}).
 */
@Command(name = "vigil", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Vigil's command-line tools. The launcher script also runs the platform: "
                + "./vigil demo (embedded brokers and sample data), ./vigil run, ./vigil cluster.",
        subcommands = {ReplayCli.class, AlertQualityCli.class, ParseLogsCli.class, ScoreModelCli.class,
                FeedbackCli.class, ReportCli.class, ExportFeaturesCli.class, DeliveriesCli.class,
                CommandLine.HelpCommand.class})
public final class VigilCli implements Runnable {

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        Replay.quietLibraries();
        System.exit(new CommandLine(new VigilCli()).execute(args));
    }

    /** Runs {@code vigil args} printing to {@code out} and {@code err}, and returns the exit code; for tests. */
    static int execute(String[] args, PrintStream out, PrintStream err) {
        return CliCommand.printingTo(new VigilCli(), out, err).execute(args);
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command");
    }
}
