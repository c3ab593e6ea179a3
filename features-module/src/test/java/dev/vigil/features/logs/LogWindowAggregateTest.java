package dev.vigil.features.logs;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import dev.vigil.contracts.FeatureVector;
import dev.vigil.contracts.LogEvent;
import dev.vigil.contracts.LogLevel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LogWindowAggregateTest {

    private static final Instant T0 = Instant.parse("2026-01-06T10:00:00Z");

    private static MinedLine line(String template, LogLevel level, boolean newTemplate) {
        return new MinedLine(new LogEvent("kafka", "api", T0, level, "m", Map.of()),
                new Template(template, template + " <*>", 1, template, false), newTemplate);
    }

    @Test
    void countsLevelsRatiosNewTemplatesAndEachTemplate() {
        LogWindowAggregate window = new LogWindowAggregate();
        window.add(line("a", LogLevel.INFO, false));
        window.add(line("a", LogLevel.INFO, false));
        window.add(line("b", LogLevel.ERROR, true));
        window.add(line("b", LogLevel.FATAL, false));
        window.add(line("c", LogLevel.WARN, true));

        Map<String, Double> features = window.features();
        FeatureVector closed = new FeatureVector("kafka", "api", new TreeMap<>(), T0, T0.plusSeconds(60), features);

        assertThat(features).containsEntry("events", 5.0).containsEntry("error_count", 2.0).containsEntry("warn_count", 1.0)
                .containsEntry("new_templates", 2.0);
        assertThat(features.get("error_ratio")).isCloseTo(0.4, within(1e-12));
        assertThat(features.get("warn_ratio")).isCloseTo(0.2, within(1e-12));
        assertThat(LogWindowAggregate.templates(closed)).containsExactly("a", "b", "c");
        assertThat(LogWindowAggregate.count(closed, "a")).isEqualTo(2);
        assertThat(LogWindowAggregate.errors(closed, "a")).isZero();
        assertThat(LogWindowAggregate.errors(closed, "b")).isEqualTo(2);
        assertThat(LogWindowAggregate.count(closed, "absent")).isZero();
    }
}
