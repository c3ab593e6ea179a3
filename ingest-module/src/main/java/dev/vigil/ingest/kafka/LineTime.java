package dev.vigil.ingest.kafka;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;

import dev.vigil.contracts.InputRules;
import dev.vigil.contracts.InvalidInputException;

/**
 * A source's own time layout, for line formats whose time is not ISO-8601 (the loghub ones: HDFS writes
 * {@code 081109 203518}, Linux {@code Jun 14 15:16:01}): the line's {@code date}, {@code month}, {@code day} and
 * {@code time} groups that exist, joined by one space in that order, read with a {@link DateTimeFormatter} pattern
 * ({@code yyMMdd HHmmss}, {@code MMM d HH:mm:ss}) as UTC. A layout without a year takes the clock's current year.
 */
public final class LineTime {

    private static final String[] GROUPS = {"date", "month", "day", "time"};

    private final String pattern;
    private final DateTimeFormatter formatter;

    private LineTime(String pattern, DateTimeFormatter formatter) {
        this.pattern = pattern;
        this.formatter = formatter;
    }

    /** @throws IllegalArgumentException for a pattern java.time cannot read */
    public static LineTime of(String pattern, Clock clock) {
        DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern);
        if (!pattern.replaceAll("'[^']*'", "").matches(".*[yuY].*")) {
            builder.parseDefaulting(ChronoField.YEAR, Year.now(clock).getValue());
        }
        return new LineTime(pattern, builder.toFormatter(Locale.ROOT));
    }

    /**
     * The time of a matched line, or {@code null} when the line has none of the groups.
     *
     * @throws InvalidInputException when the groups do not read with the pattern
     */
    Instant of(Matcher line, Set<String> groups) {
        StringJoiner text = new StringJoiner(" ");
        for (String group : GROUPS) {
            String value = groups.contains(group) ? line.group(group) : null;
            if (value != null && !value.isBlank()) {
                text.add(value.strip());
            }
        }
        if (text.length() == 0) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.toString(), formatter).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("time '" + InputRules.printable(text.toString(), 40)
                    + "' does not read with the time format '" + pattern + "'");
        }
    }
}
