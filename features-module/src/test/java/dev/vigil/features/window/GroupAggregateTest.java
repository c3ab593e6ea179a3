package dev.vigil.features.window;

import java.time.Instant;
import java.util.Map;

import dev.vigil.contracts.Observation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GroupAggregateTest {

    private static Observation point(String metric, double value) {
        return Observation.of("mqtt", metric, Map.of("host", "a"), Instant.parse("2024-01-01T00:00:00Z"), value);
    }

    @Test
    void yieldsTheMeanOfEachMemberMetricThatHadPoints() {
        GroupAggregate aggregate = new GroupAggregate();
        aggregate.add(point("requests", 100));
        aggregate.add(point("requests", 120));
        aggregate.add(point("latency", 0.25));

        assertThat(aggregate.features()).containsExactlyInAnyOrderEntriesOf(Map.of("requests", 110.0, "latency", 0.25));
    }

    @Test
    void readsTheMetricNameOfASeries() {
        assertThat(GroupAggregate.metric("temperature{device=d7,site=plant-1}")).isEqualTo("temperature");
        assertThat(GroupAggregate.metric("orders")).isEqualTo("orders");
    }
}
