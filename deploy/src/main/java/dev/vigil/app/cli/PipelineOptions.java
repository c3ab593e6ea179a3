package dev.vigil.app.cli;

import java.nio.file.Path;

import dev.vigil.app.replay.Replay;
import picocli.CommandLine.Option;

/**
 * The options of the commands that run history through the live pipeline ({@code replay}, {@code alert-quality}):
 * which detector of which detectors file, which alerting file, and the confirmation; one place for their names,
 * defaults and help.
 */
final class PipelineOptions {

    @Option(names = "--detector", paramLabel = "NAME",
            description = "the detector (default: " + Replay.DEFAULT_DETECTOR + ", or the first of --config)")
    String detector;
    @Option(names = "--config", paramLabel = "detectors.yaml", description = "a detectors file (default: the shipped one)")
    Path config;
    @Option(names = "--alerting", paramLabel = "alerting.yaml", description = "an alerting file (default: the shipped one)")
    Path alerting;
    @Option(names = "--confirm", defaultValue = "2/3/3", paramLabel = "N/M/R",
            description = "fire after N anomalous of the last M windows, resolve after R normal (default: ${DEFAULT-VALUE})")
    String confirm;
}
