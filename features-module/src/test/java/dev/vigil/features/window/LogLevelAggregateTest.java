package dev.vigil.features.window;

import java.time.Instant;
import java.util.Map;

import dev.vigil.contracts.LogEvent;
import dev.vigil.contracts.LogLevel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogLevelAggregateTest {

    private static LogEvent line(LogLevel level) {
        return new LogEvent("kafka", "checkout", Instant.parse("2024-01-01T00:00:00Z"), level, "msg", Map.of());
    }

    @Test
    void countsEventsErrorsIncludingFatalAndWarnings() {
        LogLevelAggregate aggregate = new LogLevelAggregate();
        for (LogLevel level : new LogLevel[] {LogLevel.INFO, LogLevel.ERROR, LogLevel.FATAL, LogLevel.WARN,
                LogLevel.WARN, LogLevel.DEBUG, LogLevel.TRACE, LogLevel.ERROR}) {
            aggregate.add(line(level));
        }

        assertThat(aggregate.features()).containsOnlyKeys("events", LogLevelAggregate.ERROR_COUNT, "warn_count");
        assertThat(aggregate.features().get("events")).isEqualTo(8.0);
        assertThat(aggregate.features().get("error_count")).isEqualTo(3.0);
        assertThat(aggregate.features().get("warn_count")).isEqualTo(2.0);
    }

    @Test
    void infoDebugAndTraceCountOnlyAsEvents() {
        LogLevelAggregate aggregate = new LogLevelAggregate();
        aggregate.add(line(LogLevel.INFO));
        aggregate.add(line(LogLevel.DEBUG));
        aggregate.add(line(LogLevel.TRACE));

        assertThat(aggregate.features()).containsEntry("events", 3.0).containsEntry("error_count", 0.0)
                .containsEntry("warn_count", 0.0);
    }

    @Test
    void emptyAggregateYieldsZeros() {
        assertThat(new LogLevelAggregate().features()).containsEntry("events", 0.0)
                .containsEntry("error_count", 0.0).containsEntry("warn_count", 0.0);
    }
}
