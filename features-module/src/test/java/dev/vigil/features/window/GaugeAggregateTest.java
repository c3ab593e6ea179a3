package dev.vigil.features.window;

import java.time.Instant;
import java.util.TreeMap;

import dev.vigil.contracts.Observation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GaugeAggregateTest {

    private static Observation point(double value) {
        return new Observation("file", "temp", new TreeMap<>(), Instant.parse("2024-01-01T00:00:00Z"), value);
    }

    @Test
    void yieldsMeanMinMaxLastAndCountOfThePoints() {
        GaugeAggregate aggregate = new GaugeAggregate();
        for (double v : new double[] {4, -2, 10, 3}) {
            aggregate.add(point(v));
        }

        assertThat(aggregate.features()).containsOnlyKeys("mean", "min", "max", "last", "count");
        assertThat(aggregate.features().get(GaugeAggregate.MEAN)).isCloseTo(3.75, within(1e-12));
        assertThat(aggregate.features().get("min")).isEqualTo(-2.0);
        assertThat(aggregate.features().get("max")).isEqualTo(10.0);
        assertThat(aggregate.features().get("last")).isEqualTo(3.0);
        assertThat(aggregate.features().get("count")).isEqualTo(4.0);
    }

    @Test
    void lastIsTheMostRecentlyAddedPointNotTheLargest() {
        GaugeAggregate aggregate = new GaugeAggregate();
        aggregate.add(point(9));
        aggregate.add(point(1));

        assertThat(aggregate.features().get("last")).isEqualTo(1.0);
        assertThat(aggregate.features().get("max")).isEqualTo(9.0);
    }

    @Test
    void singlePointIsItsOwnMeanMinMaxAndLast() {
        GaugeAggregate aggregate = new GaugeAggregate();
        aggregate.add(point(-7.5));

        assertThat(aggregate.features()).containsEntry("mean", -7.5).containsEntry("min", -7.5)
                .containsEntry("max", -7.5).containsEntry("last", -7.5).containsEntry("count", 1.0);
    }
}
