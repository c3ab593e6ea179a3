package dev.vigil.features.baseline;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RollingBaselineTest {

    private static final double EPS = 1e-12;

    private static RollingBaseline of(int capacity, double... values) {
        RollingBaseline baseline = new RollingBaseline(capacity);
        for (double v : values) {
            baseline.add(v);
        }
        return baseline;
    }

    @Test
    void emptyBaselineHasCountZeroAndNaNStatistics() {
        BaselineStats stats = new RollingBaseline(5).stats();

        assertThat(stats.count()).isZero();
        assertThat(stats.mean()).isNaN();
        assertThat(stats.stdDev()).isNaN();
        assertThat(stats.median()).isNaN();
        assertThat(stats.mad()).isNaN();
    }

    @Test
    void oddSizeGivesMeanPopulationStdMiddleMedianAndMad() {
        // sorted 1 2 3 4 100: mean 22, median 3, |x - 3| = 2 1 0 1 97 -> MAD 1
        BaselineStats stats = of(10, 100, 3, 1, 4, 2).stats();

        assertThat(stats.count()).isEqualTo(5);
        assertThat(stats.mean()).isCloseTo(22.0, within(EPS));
        // population: (441 + 400 + 361 + 324 + 6084) / 5 = 1522
        assertThat(stats.stdDev()).isCloseTo(Math.sqrt(1522.0), within(1e-9));
        assertThat(stats.median()).isEqualTo(3.0);
        assertThat(stats.mad()).isEqualTo(1.0);
    }

    @Test
    void evenSizeMedianAndMadAverageTheTwoMiddleValues() {
        // sorted 1 3 7 9: median 5, |x - 5| = 4 2 2 4 -> sorted 2 2 4 4 -> MAD 3
        BaselineStats stats = of(10, 9, 1, 7, 3).stats();

        assertThat(stats.count()).isEqualTo(4);
        assertThat(stats.mean()).isCloseTo(5.0, within(EPS));
        assertThat(stats.stdDev()).isCloseTo(Math.sqrt(10.0), within(1e-12)); // (16+4+4+16)/4, not /3
        assertThat(stats.median()).isEqualTo(5.0);
        assertThat(stats.mad()).isEqualTo(3.0);
    }

    @Test
    void singleValueHasZeroSpread() {
        BaselineStats stats = of(3, 42).stats();

        assertThat(stats.count()).isEqualTo(1);
        assertThat(stats.mean()).isEqualTo(42.0);
        assertThat(stats.median()).isEqualTo(42.0);
        assertThat(stats.stdDev()).isZero();
        assertThat(stats.mad()).isZero();
    }

    @Test
    void constantSeriesHasZeroStdAndMad() {
        BaselineStats stats = of(4, 7, 7, 7, 7, 7, 7).stats();

        assertThat(stats.count()).isEqualTo(4);
        assertThat(stats.stdDev()).isZero();
        assertThat(stats.mad()).isZero();
        assertThat(stats.median()).isEqualTo(7.0);
    }

    @Test
    void oldestValueIsEvictedAtCapacity() {
        RollingBaseline baseline = of(3, 1000, 2, 3);
        baseline.add(4); // evicts 1000

        BaselineStats stats = baseline.stats();
        assertThat(stats.count()).isEqualTo(3);
        assertThat(stats.mean()).isCloseTo(3.0, within(EPS));
        assertThat(stats.median()).isEqualTo(3.0);
        assertThat(stats.mad()).isEqualTo(1.0);
    }

    @Test
    void ringKeepsOnlyTheLastCapacityValuesAfterWrappingSeveralTimes() {
        RollingBaseline baseline = new RollingBaseline(3);
        for (int i = 1; i <= 10; i++) {
            baseline.add(i);
        }

        BaselineStats stats = baseline.stats(); // 8 9 10
        assertThat(stats.count()).isEqualTo(3);
        assertThat(stats.mean()).isCloseTo(9.0, within(EPS));
        assertThat(stats.median()).isEqualTo(9.0);
        assertThat(stats.stdDev()).isCloseTo(Math.sqrt(2.0 / 3.0), within(1e-12));
    }

    @Test
    void statsDoNotDisturbTheRingOrder() {
        RollingBaseline baseline = of(3, 5, 1, 9);
        baseline.stats(); // sorts a copy, must not sort the ring
        baseline.add(2);  // must evict 5, the oldest, not 1 (the smallest)

        BaselineStats stats = baseline.stats(); // 1 9 2
        assertThat(stats.mean()).isCloseTo(4.0, within(EPS));
        assertThat(stats.median()).isEqualTo(2.0);
    }

    @Test
    void capacityBelowTwoIsRejected() {
        assertThatThrownBy(() -> new RollingBaseline(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2");
        assertThatThrownBy(() -> new RollingBaseline(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
