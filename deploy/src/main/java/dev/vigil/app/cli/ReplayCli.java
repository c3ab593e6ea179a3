package dev.vigil.app.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import dev.vigil.app.replay.Replay;
import dev.vigil.app.replay.ReplayOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vigil replay}: historical CSV through the live detectors and alert lifecycle ({@link Replay} says how).
 * Exit 0 when every file was replayed; 2 for bad usage, a bad configuration or a file that cannot be read, with the
 * file, row and reason on stderr.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs historical CSV through the same detector, metric stream and alert lifecycle as the live "
                + "pipeline and writes each row with anomaly_score (0..1, 0.5 the boundary) and alert (1 where one fired).",
                "Files are streamed: any length replays in the same memory. Nothing is written unless every file replays."})
public final class ReplayCli extends CliCommand {

    @Option(names = "--input", required = true, paramLabel = "FILE|DIR", description = "a CSV file, or a folder of them")
    Path input;
    @Option(names = "--output", required = true, paramLabel = "DIR", description = "where the scored files go")
    Path output;
    @Option(names = "--format", defaultValue = "csv", paramLabel = "csv|nab",
            description = "csv: each input file under DIR, same name; nab: NAB's results layout (default: ${DEFAULT-VALUE})")
    String format;
    @Mixin
    PipelineOptions pipeline = new PipelineOptions();
    @Option(names = "--labels", paramLabel = "combined_windows.json", description = "NAB's windows, for --format nab")
    Path labels;
    @Option(names = "--nab-score", defaultValue = "score", paramLabel = "score|alert",
            description = "what NAB's anomaly_score holds: the score, or 1 where an alert fired (default: ${DEFAULT-VALUE})")
    String nabScore;
    @Option(names = "--carry", split = ",", paramLabel = "COLUMN", description = "columns carried to the output, never scored")
    List<String> carry = List.of();
    @Option(names = "--window", paramLabel = "SPAN",
            description = "re-window raw points into live windows of SPAN (1m, 10s); without it each row is one window")
    String window;
    @Option(names = "--lateness", paramLabel = "SPAN", description = "allowed lateness with --window (default: Vigil's)")
    String lateness;
    @Option(names = "--idle-timeout", paramLabel = "SPAN", description = "idle timeout with --window (default: Vigil's)")
    String idleTimeout;
    @Option(names = "--models", paramLabel = "DIR",
            description = "the models folder of detectors with a model: block (default: Vigil's, models/)")
    Path models;

    /** Runs the command as {@code vigil replay} would and returns its exit code; for tests. */
    public static int run(String[] args, PrintStream err) {
        return execute(new ReplayCli(), args, Map.of(), err, err);
    }

    @Override
    public Integer call() {
        return Replay.run(new ReplayOptions(input, output, format, pipeline.detector, pipeline.config,
                pipeline.alerting, labels, pipeline.confirm, nabScore, new LinkedHashSet<>(carry), window, lateness,
                idleTimeout, models), err, terminal);
    }
}
