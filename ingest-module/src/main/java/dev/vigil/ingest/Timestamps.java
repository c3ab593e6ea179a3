package dev.vigil.ingest;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** Parses event times as sources write them: ISO-8601 instants or offsets, local ISO times (taken as UTC), epoch seconds or millis. */
public final class Timestamps {

    /** Numbers above this are epoch milliseconds, below it epoch seconds (the boundary is in 1973 as millis, 5138 as seconds). */
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;
    private static final Pattern OFFSET = Pattern.compile("T.*[+-]\\d{2}:\\d{2}$");
    /** {@code +0200}, which ISO-8601's basic format allows and OffsetDateTime does not parse. */
    private static final Pattern OFFSET_WITHOUT_COLON = Pattern.compile("(T.*[+-]\\d{2})(\\d{2})$");

    private Timestamps() {
    }

    public static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("timestamp is missing");
        }
        String trimmed = text.trim();
        try {
            if (trimmed.chars().allMatch(Character::isDigit) && trimmed.length() <= 15) {
                return fromEpochNumber(Long.parseLong(trimmed));
            }
            if (trimmed.endsWith("Z") || trimmed.endsWith("z")) {
                return Instant.parse(trimmed.toUpperCase());
            }
            Matcher basicOffset = OFFSET_WITHOUT_COLON.matcher(trimmed);
            if (basicOffset.find()) {
                return OffsetDateTime.parse(basicOffset.replaceFirst("$1:$2")).toInstant();
            }
            if (OFFSET.matcher(trimmed).find()) {
                return OffsetDateTime.parse(trimmed).toInstant();
            }
            return LocalDateTime.parse(trimmed.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new InvalidInputException("timestamp '" + InputRules.printable(trimmed, 40)
                    + "' is not ISO-8601 or epoch seconds/millis");
        }
    }

    /**
     * A JSON timestamp field: an epoch number (seconds or millis) or a string {@link #parse} reads.
     *
     * @throws InvalidInputException naming the field when it is neither, or a number beyond any instant
     */
    public static Instant fromJson(String field, JsonNode node) {
        if (node.isIntegralNumber()) {
            if (!node.canConvertToLong()) {
                throw new InvalidInputException("field '" + field + "' is out of range: "
                        + InputRules.printable(node.asText(), 40));
            }
            return fromEpochNumber(node.asLong());
        }
        if (!node.isTextual()) {
            throw new InvalidInputException("field '" + field + "' must be an ISO-8601 string or epoch number");
        }
        return parse(node.asText());
    }

    public static Instant fromEpochNumber(long number) {
        return number >= MILLIS_THRESHOLD ? Instant.ofEpochMilli(number) : Instant.ofEpochSecond(number);
    }
}
