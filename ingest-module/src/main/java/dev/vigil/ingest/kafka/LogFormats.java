package dev.vigil.ingest.kafka;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The log line formats a source can name ({@code vigil.kafka.sources.<name>.format}), by name, matched ignoring case:
 * the formats Vigil ships and those of the formats folder, read at start from their files (features-module's format
 * catalogue). Immutable.
 */
public final class LogFormats {

    private final Map<String, LogFormat> byName = new LinkedHashMap<>();

    /** @throws IllegalArgumentException when two formats have one name (ignoring case) */
    public LogFormats(Collection<LogFormat> formats) {
        for (LogFormat format : formats) {
            if (byName.putIfAbsent(format.name().toLowerCase(Locale.ROOT), format) != null) {
                throw new IllegalArgumentException("two log formats are called '" + format.name() + "'");
            }
        }
    }

    /**
     * A format by name, ignoring case.
     *
     * @throws IllegalArgumentException naming every format when there is none of that name
     */
    public LogFormat get(String name) {
        LogFormat format = name == null ? null : byName.get(name.toLowerCase(Locale.ROOT));
        if (format == null) {
            throw new IllegalArgumentException("unknown log format '" + name + "', known formats: " + names());
        }
        return format;
    }

    /** Every format, in a fixed order. */
    public List<LogFormat> all() {
        return List.copyOf(byName.values());
    }

    /** Their names, comma-separated, for messages. */
    public String names() {
        return byName.values().stream().map(LogFormat::name).collect(Collectors.joining(", "));
    }
}
