package dev.vigil.app.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

import dev.vigil.app.replay.AlertQualityOptions;
import dev.vigil.app.replay.AlertQualityRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vigil alert-quality}: how many alerts people would have had ({@link AlertQualityRun} says how). Exit 0, or 2
 * with the reason for bad usage or input.
 */
@Command(name = "alert-quality", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replays NAB's files of one category and a generated incident storm through the live detectors, "
                + "lifecycle and routing tree, and prints per scenario the anomalous windows, the alerts fired, the "
                + "notifications sent and the labelled incidents covered; then the cut in alert volume."})
public final class AlertQualityCli extends CliCommand {

    @Option(names = "--nab", paramLabel = "DIR", description = "NAB's folder (data/ and labels/)")
    Path nab;
    @Option(names = "--category", defaultValue = "realKnownCause", paramLabel = "NAME",
            description = "the NAB category (default: ${DEFAULT-VALUE})")
    String category;
    @Option(names = "--storm", defaultValue = "50", paramLabel = "SENSORS",
            description = "sensors of the generated storm, 0 for none (default: ${DEFAULT-VALUE})")
    int storm;
    @Mixin
    PipelineOptions pipeline = new PipelineOptions();

    /** Runs the command as {@code vigil alert-quality} would and returns its exit code; for tests. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return execute(new AlertQualityCli(), args, Map.of(), out, err);
    }

    @Override
    public Integer call() {
        return AlertQualityRun.run(new AlertQualityOptions(nab, category, storm, pipeline.alerting, pipeline.detector,
                pipeline.config, pipeline.confirm),
                out, err, terminal);
    }
}
