package dev.vigil.scoring;

import dev.vigil.features.baseline.BaselineStats;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FeatureKindTest {

    private static BaselineStats median(double median) {
        return new BaselineStats(10, median, 0, median, 0);
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
