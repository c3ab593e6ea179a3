package dev.vigil.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.contracts.InputRules;
import dev.vigil.contracts.InvalidInputException;

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
        Instant canonical = canonicalUtc(trimmed);
        if (canonical != null) {
            return canonical;
        }
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

    /**
     * The form nearly every producer writes, {@code 2026-11-22T10:00:00Z} with 0 to 9 fraction digits, read without
     * java.time's formatter (which costs a large share of parsing an event); null for anything else, which the general
     * path reads (or rejects) as before. Leap seconds, hour 24 and out-of-range fields are left to it too.
     */
    private static Instant canonicalUtc(String s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28 && day > YearMonth.of(year, month).lengthOfMonth()
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int fraction = n - 21; // between the '.' and the 'Z'
            if (s.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            int value = digits(s, 20, n - 1);
            if (value < 0) {
                return null;
            }
            nanos = value;
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second, nanos);
    }

    /** The decimal number in {@code s[from, to)}, or -1 when any of its characters is not an ASCII digit. */
    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    public static Instant fromEpochNumber(long number) {
        return number >= MILLIS_THRESHOLD ? Instant.ofEpochMilli(number) : Instant.ofEpochSecond(number);
    }
}
