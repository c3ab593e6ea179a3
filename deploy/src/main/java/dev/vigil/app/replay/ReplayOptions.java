package dev.vigil.app.replay;

import java.nio.file.Path;
import java.util.Set;

/**
 * What a replay is asked to do, as {@code ./vigil replay} reads it ({@link dev.vigil.app.cli.ReplayCli} documents each
 * option); {@code null} where an option was not given and has no default.
 *
 * @param format      {@code csv} or {@code nab}
 * @param nabScore    {@code score} or {@code alert}: what NAB's {@code anomaly_score} column holds
 * @param confirm     {@code N/M/R}
 * @param carry       columns carried to the output, never scored
 * @param window      a span ({@code 1m}) re-windowing raw points into live windows, with its lateness and idle timeout
 * @param models      the models folder of detectors with a {@code model:} block, {@code null} for Vigil's default
 */
public record ReplayOptions(Path input, Path output, String format, String detector, Path config, Path alerting,
        Path labels, String confirm, String nabScore, Set<String> carry, String window, String lateness,
        String idleTimeout, Path models) {

    public ReplayOptions {
        carry = Set.copyOf(carry);
    }
}
