package dev.vigil.ingest.kafka;

import java.time.Clock;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A named log line format: a regex whose named groups take the parts of a line, and how the line's time reads. The
 * groups {@link LogRecordParser} gives a meaning to are {@code message} (the free text, always present; what template
 * mining reads), {@code ts} (an ISO-8601 or epoch time), {@code level}, {@code service} and {@code pri} (a syslog
 * priority, read as the level when there is no {@code level}); every other group (host, pid, component...) is kept as
 * a field of the event. Times in other layouts are kept in groups named {@code date}, {@code month}, {@code day} and
 * {@code time} (or {@code epoch}), read with {@link #timeFormat()}.
 *
 * @param name        what configuration and {@code parse-logs --format} call it (matched ignoring case)
 * @param description where the format comes from, with an example layout
 * @param pattern     the compiled regex; a line must match it whole
 * @param timeFormat  how the line's time groups read ({@link LineTime}): a java.time pattern such as {@code yyMMdd
 *                    HHmmss}, or {@code epoch}; null when the line has an ISO {@code ts} group or no time (timed at
 *                    receipt)
 */
public record LogFormat(String name, String description, Pattern pattern, String timeFormat) {

    private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

    /** @throws IllegalArgumentException without a {@code message} group, or for a time format java.time cannot read */
    public LogFormat {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        if (!groupNames(pattern.pattern()).contains("message")) {
            throw new IllegalArgumentException("log format '" + name + "' needs a named group 'message'");
        }
        if (timeFormat != null) {
            LineTime.of(timeFormat, Clock.systemUTC());
        }
    }

    /** A format of a regex, its lines' time in an ISO {@code ts} group or none. */
    public static LogFormat of(String name, String description, String regex) {
        return of(name, description, regex, null);
    }

    public static LogFormat of(String name, String description, String regex, String timeFormat) {
        return new LogFormat(name, description, Pattern.compile(regex), timeFormat);
    }

    /**
     * A format written the way loghub and logparser write them, {@code <date> <time> <pid> <level> <component>:
     * <message>}: each {@code <name>} becomes the lazy named group {@code (?<name>.*?)}, a run of spaces matches any
     * run of whitespace, and everything else is regex text as it stands (so {@code \[<pid>\]} and optional parts such
     * as {@code (\[<pid>\])?} work as in logparser). The line must match from start to end.
     */
    public static LogFormat loghub(String name, String description, String layout, String timeFormat) {
        StringBuilder regex = new StringBuilder("^");
        var m = Pattern.compile("<([A-Za-z][A-Za-z0-9]*)>").matcher(layout);
        int last = 0;
        while (m.find()) {
            regex.append(layout.substring(last, m.start()).replaceAll(" +", "\\\\s+"));
            regex.append("(?<").append(m.group(1)).append(">.*?)");
            last = m.end();
        }
        regex.append(layout.substring(last).replaceAll(" +", "\\\\s+")).append('$');
        return of(name, description, regex.toString(), timeFormat);
    }

    /** The names of the regex's named groups (Java 17 has no accessor, so they are read from its text). */
    public Set<String> groups() {
        return groupNames(pattern.pattern());
    }

    static Set<String> groupNames(String regex) {
        return NAMED_GROUP.matcher(regex).results().map(r -> r.group(1)).collect(Collectors.toUnmodifiableSet());
    }
}
