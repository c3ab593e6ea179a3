package dev.vigil.scoring;

import java.time.Instant;

import dev.vigil.features.state.SeriesState;
import dev.vigil.features.state.StateSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FeatureKindTest {

    /** A real series state that has learned only {@code median}, so its median is that value. */
    private static SeriesState median(double median) {
        SeriesState state = new SeriesState(new StateSpec(10, 0.1, false, StateSpec.Seasonality.NONE, 0));
        for (int i = 0; i < 3; i++) {
            state.learn(Instant.parse("2024-01-01T00:00:00Z").plusSeconds(60L * i), median);
        }
        return state;
    }

    @Test
    void gaugeFloorIsAThousandthOfTheMediansMagnitudePlusEpsilon() {
        assertThat(FeatureKind.GAUGE.scaleFloor(median(200))).isCloseTo(0.2 + 1e-9, within(1e-15));
        assertThat(FeatureKind.GAUGE.scaleFloor(median(-200))).isCloseTo(0.2 + 1e-9, within(1e-15));
    }

    @Test
    void gaugeFloorStaysPositiveForAZeroMedian() {
        assertThat(FeatureKind.GAUGE.scaleFloor(median(0))).isEqualTo(1e-9);
    }

    @Test
    void countFloorIsPoissonNoiseOfTheMedian() {
        assertThat(FeatureKind.COUNT.scaleFloor(median(16))).isEqualTo(4.0);
        assertThat(FeatureKind.COUNT.scaleFloor(median(2))).isCloseTo(Math.sqrt(2), within(1e-15));
    }

    @Test
    void countFloorIsAtLeastOneForMediansBelowOne() {
        assertThat(FeatureKind.COUNT.scaleFloor(median(0))).isEqualTo(1.0);
        assertThat(FeatureKind.COUNT.scaleFloor(median(0.25))).isEqualTo(1.0);
    }
}
