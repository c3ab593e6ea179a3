package dev.vigil.app.replay;

import java.nio.file.Path;

/**
 * What {@code ./vigil alert-quality} is asked to replay ({@link dev.vigil.app.cli.AlertQualityCli} documents each
 * option); {@code null} where an option was not given and has no default.
 *
 * @param nab      NAB's folder (its {@code data/} and {@code labels/}), or {@code null} for the storm alone
 * @param category the NAB category replayed
 * @param storm    sensors of the generated incident storm, 0 for none
 * @param confirm  {@code N/M/R}
 */
public record AlertQualityOptions(Path nab, String category, int storm, Path alerting, String detector, Path config,
        String confirm) {
}
