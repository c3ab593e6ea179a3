package dev.vigil.scoring;

import java.time.Instant;
import java.util.List;

import dev.vigil.features.state.DecayingQuantiles;
import dev.vigil.features.state.Seasonality;
import dev.vigil.features.state.SeriesState;
import dev.vigil.features.state.StateSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FeatureKindTest {

    /** A real series state that has learned only {@code median}, so its median is that value. */
    private static SeriesState median(double median) {
        SeriesState state = new SeriesState(new StateSpec(10, 0.1, 0));
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

    /** A series with a quantile sketch that learned {@code history} and then sat at {@code level} for its whole window. */
    private static SeriesState flatAfter(double[] history, double level, int window) {
        SeriesState state = new SeriesState(new StateSpec(window, 0.1, List.of(DecayingQuantiles.KIND), 0));
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        for (double v : history) {
            state.learn(t, v);
            t = t.plusSeconds(60);
        }
        for (int i = 0; i < window; i++) {
            state.learn(t, level);
            t = t.plusSeconds(60);
        }
        return state;
    }

    @Test
    void withASketchTheFloorIsFourTenthsOfTheLongRunSigma() {
        double[] history = new double[1000];
        for (int i = 0; i < history.length; i++) {
            history[i] = i % 100; // uniform 0..99: q0.5 ~ 0, q99.5 ~ 99
        }
        SeriesState state = flatAfter(history, 50, 20);
        assertThat(state.mad()).isZero();
        DecayingQuantiles quantiles = state.statistic(DecayingQuantiles.KIND);
        double expected = 0.4 * (quantiles.quantile(0.995) - quantiles.quantile(0.005)) / 5.1517;
        assertThat(FeatureKind.longRunFloor(state)).isCloseTo(expected, within(1e-12)).isBetween(7.2, 8.0);
        assertThat(FeatureKind.GAUGE.scaleFloor(state)).isEqualTo(FeatureKind.longRunFloor(state)); // not 0.05
        assertThat(FeatureKind.COUNT.scaleFloor(state)).isEqualTo(FeatureKind.longRunFloor(state)); // not sqrt(50)
    }

    @Test
    void aCountStuckAtZeroIsJudgedByHowMuchItUsuallyMoves() {
        double[] history = new double[500];
        for (int i = 0; i < history.length; i++) {
            history[i] = i % 10 == 0 ? 20 : 0; // a spike of 20 every tenth value
        }
        SeriesState state = flatAfter(history, 0, 30);
        assertThat(state.median()).isZero();
        assertThat(FeatureKind.GAUGE.scaleFloor(state)).isGreaterThan(1.0); // not 1e-9: a spike of 20 is not infinite
    }

    @Test
    void withoutASketchOrMovementTheLongRunFloorIsZero() {
        assertThat(FeatureKind.longRunFloor(median(5))).isZero();
        assertThat(FeatureKind.longRunFloor(flatAfter(new double[0], 7, 10))).isZero();
    }
}
