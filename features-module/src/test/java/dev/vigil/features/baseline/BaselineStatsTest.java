package dev.vigil.features.baseline;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BaselineStatsTest {

    @Test
    void robustScaleIsMadTimes1Point4826WhenAboveTheFloor() {
        BaselineStats stats = new BaselineStats(10, 0, 0, 0, 2.0);

        assertThat(stats.robustScale(0.5)).isCloseTo(2.9652, within(1e-12));
    }

    @Test
    void robustScaleNeverDropsBelowTheFloor() {
        BaselineStats stats = new BaselineStats(10, 0, 0, 0, 0.0);

        assertThat(stats.robustScale(0.25)).isEqualTo(0.25);
    }
}
