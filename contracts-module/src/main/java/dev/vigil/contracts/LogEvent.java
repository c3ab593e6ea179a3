package dev.vigil.contracts;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One application log line.
 *
 * @param source    where it came from ({@code kafka} for the log topic)
 * @param service   the service that wrote it; the entity log features are kept for
 * @param timestamp event time
 * @param level     severity of the line
 * @param message   the message text
 * @param fields    any further fields of a structured event (trace ids, user ids, ...)
 */
public record LogEvent(String source, String service, Instant timestamp, LogLevel level, String message,
        Map<String, String> fields) {

    public LogEvent {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(level, "level");
        InputRules.requireName("service", service);
        message = message == null ? "" : message;
        fields = Map.copyOf(fields);
    }
}
