package dev.vigil.app.replay;

import java.time.Duration;

import io.quarkus.runtime.configuration.DurationConverter;

/**
 * Spans of time as Vigil's configuration writes them ({@code 500ms}, {@code 10s}, {@code 1m}, {@code 2h}, {@code 7d},
 * or ISO-8601 {@code PT1M}), read by the converter Quarkus reads {@code vigil.detection.*} with, so a replay option
 * means what the same text means in {@code application.properties}.
 */
final class Spans {

    private Spans() {
    }

    /** @throws IllegalArgumentException for text that is not a span, or a negative one */
    static Duration parse(String text) {
        Duration span;
        try {
            span = text == null ? null : DurationConverter.parseDuration(text.strip());
        } catch (IllegalArgumentException e) {
            span = null;
        }
        if (span == null || span.isNegative()) {
            throw new IllegalArgumentException("'" + text + "' is not a span of time such as 500ms, 10s, 1m, 2h, 7d or PT1M");
        }
        return span;
    }

    /** A span as {@link #parse} reads it, in its largest whole unit: {@code 90s}, {@code 2m}, {@code 1d}. */
    static String text(Duration span) {
        long millis = span.toMillis();
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] names = {"d", "h", "m", "s"};
        for (int u = 0; u < units.length; u++) {
            if (millis != 0 && millis % units[u] == 0) {
                return millis / units[u] + names[u];
            }
        }
        return millis + "ms";
    }
}
