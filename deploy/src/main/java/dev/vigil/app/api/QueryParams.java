package dev.vigil.app.api;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.vigil.app.access.Rejection;
import jakarta.ws.rs.WebApplicationException;

/**
 * The query parameters the read endpoints share, checked: a bad one is answered 400 with
 * {@code {"status": 400, "reason": "..."}} naming the parameter.
 */
final class QueryParams {

    private static final Pattern AGO = Pattern.compile("(\\d+)\\s*(s|m|h|d)");

    private QueryParams() {
    }

    /** {@code since}: an ISO-8601 instant ({@code 2026-11-22T10:00:00Z}) or how long ago ({@code 90s}, {@code 30m}, {@code 2h}, {@code 7d}). */
    static Instant since(String value, Instant fallback, Instant now) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        Matcher ago = AGO.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (ago.matches()) {
            long n = Long.parseLong(ago.group(1));
            Duration back = switch (ago.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return now.minus(back);
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw bad("since '" + value + "' is neither an ISO-8601 instant (2026-11-22T10:00:00Z) nor a time ago (30m, 2h, 7d)");
        }
    }

    static int limit(Integer value, int fallback, int max) {
        int limit = value == null ? fallback : value;
        if (limit < 1 || limit > max) {
            throw bad("limit must be between 1 and " + max + ", got " + limit);
        }
        return limit;
    }

    /** An enum constant by name, any case; empty when the parameter is absent. */
    static <E extends Enum<E>> Optional<E> named(String parameter, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw bad(parameter + " '" + value + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants())
                    .toLowerCase(Locale.ROOT));
        }
    }

    static Optional<String> text(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    static WebApplicationException bad(String reason) {
        return new WebApplicationException(Rejection.of(400, reason));
    }
}
