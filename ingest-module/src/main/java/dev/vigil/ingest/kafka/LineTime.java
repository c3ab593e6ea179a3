package dev.vigil.ingest.kafka;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;

import dev.vigil.contracts.InputRules;
import dev.vigil.contracts.InvalidInputException;

/**
 * A format's own time layout, for lines whose time is not ISO-8601 (the loghub ones: HDFS writes {@code 081109
 * 203518}, Linux {@code Jun 14 15:16:01}): the line's {@code date}, {@code month}, {@code day} and {@code time} groups
 * that exist, joined by one space in that order (runs of spaces inside a group read as one), read with a
 * {@link DateTimeFormatter} pattern ({@code yyMMdd HHmmss}, {@code MMM d HH:mm:ss}) as UTC unless the pattern reads an
 * offset or zone ({@code dd/MMM/yyyy:HH:mm:ss Z}). A layout without a year takes the clock's current year. The layout
 * {@value #EPOCH} reads the line's {@code epoch} group: seconds since 1970 (milliseconds when it has 13 digits or
 * more), with an optional fraction.
 */
public final class LineTime {

    /** The layout of lines that carry their time as seconds since 1970 in an {@code epoch} group. */
    public static final String EPOCH = "epoch";
    private static final String[] GROUPS = {"date", "month", "day", "time"};
    private static final int MILLISECOND_DIGITS = 13;

    private final String pattern;
    private final DateTimeFormatter formatter;

    private LineTime(String pattern, DateTimeFormatter formatter) {
        this.pattern = pattern;
        this.formatter = formatter;
    }

    /** @throws IllegalArgumentException for a pattern java.time cannot read */
    public static LineTime of(String pattern, Clock clock) {
        if (pattern.equals(EPOCH)) {
            return new LineTime(pattern, null);
        }
        DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern);
        if (!letters(pattern).matches(".*[yuY].*")) {
            builder.parseDefaulting(ChronoField.YEAR, Year.now(clock).getValue());
        }
        return new LineTime(pattern, builder.toFormatter(Locale.ROOT));
    }

    /** The pattern's letters outside quoted literals. */
    private static String letters(String pattern) {
        return pattern.replaceAll("'[^']*'", "");
    }

    /**
     * The time of a matched line, or {@code null} when the line has none of the groups.
     *
     * @throws InvalidInputException when the groups do not read with the pattern
     */
    Instant of(Matcher line, Set<String> groups) {
        if (formatter == null) {
            String epoch = groups.contains(EPOCH) ? line.group(EPOCH) : null;
            return epoch == null || epoch.isBlank() ? null : epoch(epoch.strip());
        }
        StringJoiner text = new StringJoiner(" ");
        for (String group : GROUPS) {
            String value = groups.contains(group) ? line.group(group) : null;
            if (value != null && !value.isBlank()) {
                text.add(value.strip().replaceAll("\\s+", " "));
            }
        }
        if (text.length() == 0) {
            return null;
        }
        try {
            TemporalAccessor parsed = formatter.parseBest(text.toString(), ZonedDateTime::from, LocalDateTime::from);
            return parsed instanceof ZonedDateTime zoned ? zoned.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("time '" + InputRules.printable(text.toString(), 40)
                    + "' does not read with the time format '" + pattern + "'");
        }
    }

    private Instant epoch(String value) {
        try {
            BigDecimal number = new BigDecimal(value);
            int digits = value.indexOf('.') < 0 ? value.length() : value.indexOf('.');
            BigDecimal nanos = number.movePointRight(digits >= MILLISECOND_DIGITS ? 6 : 9);
            return Instant.EPOCH.plusNanos(nanos.longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidInputException("time '" + InputRules.printable(value, 40)
                    + "' does not read with the time format '" + EPOCH + "': not a number of seconds");
        }
    }
}
