package dev.vigil.features.window;

import java.util.Map;

import dev.vigil.contracts.LogEvent;
import dev.vigil.contracts.LogLevel;

/** Counts a service's log lines in a window: {@code events}, {@code error_count}, {@code warn_count}. */
public final class LogLevelAggregate implements WindowAggregate<LogEvent> {

    public static final String EVENTS = "events";
    public static final String ERROR_COUNT = "error_count";
    public static final String WARN_COUNT = "warn_count";

    private long events;
    private long errors;
    private long warnings;

    @Override
    public void add(LogEvent event) {
        events++;
        if (event.level().isError()) {
            errors++;
        } else if (event.level() == LogLevel.WARN) {
            warnings++;
        }
    }

    @Override
    public Map<String, Double> features() {
        return Map.of(EVENTS, (double) events, ERROR_COUNT, (double) errors, WARN_COUNT, (double) warnings);
    }
}
