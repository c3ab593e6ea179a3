package dev.vigil.app.replay;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Spans of time as Vigil's configuration writes them: {@code 500ms}, {@code 10s}, {@code 1m}, {@code 2h}, {@code 7d}, or ISO-8601 ({@code PT1M}). */
final class Spans {

    private static final Pattern AMOUNT_AND_UNIT = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");

    private Spans() {
    }

    /** @throws IllegalArgumentException for text that is not a span, or a negative one */
    static Duration parse(String text) {
        String span = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        Matcher m = AMOUNT_AND_UNIT.matcher(span);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            Duration duration = Duration.parse(span.toUpperCase(Locale.ROOT));
            if (!duration.isNegative()) {
                return duration;
            }
        } catch (DateTimeParseException e) {
            // said below
        }
        throw new IllegalArgumentException("'" + text + "' is not a span of time such as 500ms, 10s, 1m, 2h, 7d or PT1M");
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
