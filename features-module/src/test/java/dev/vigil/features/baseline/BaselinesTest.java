package dev.vigil.features.baseline;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BaselinesTest {

    @Test
    void firstValueIsScoredAgainstAnEmptyBaseline() {
        Baselines baselines = new Baselines(10);

        BaselineStats before = baselines.statsThenLearn("mqtt", "temp", "mean", 5.0);

        assertThat(before.count()).isZero();
        assertThat(before.median()).isNaN();
        assertThat(baselines.size()).isEqualTo(1);
    }

    @Test
    void returnsTheStatisticsBeforeLearningTheValue() {
        Baselines baselines = new Baselines(10);
        baselines.statsThenLearn("mqtt", "temp", "mean", 10.0);
        baselines.statsThenLearn("mqtt", "temp", "mean", 20.0);

        BaselineStats before = baselines.statsThenLearn("mqtt", "temp", "mean", 1_000_000.0);

        assertThat(before.count()).isEqualTo(2);
        assertThat(before.mean()).isCloseTo(15.0, within(1e-12));
        assertThat(before.median()).isEqualTo(15.0);

        BaselineStats after = baselines.statsThenLearn("mqtt", "temp", "mean", 0.0);
        assertThat(after.count()).isEqualTo(3);
        assertThat(after.median()).isEqualTo(20.0);
    }

    @Test
    void keepsOneBaselinePerEntityAndFeature() {
        Baselines baselines = new Baselines(10);
        baselines.statsThenLearn("mqtt", "a", "mean", 1.0);
        baselines.statsThenLearn("mqtt", "a", "mean", 3.0);

        assertThat(baselines.statsThenLearn("mqtt", "a", "max", 100.0).count()).isZero();
        assertThat(baselines.statsThenLearn("mqtt", "b", "mean", 100.0).count()).isZero();
        assertThat(baselines.statsThenLearn("mqtt", "a", "mean", 0.0).mean()).isCloseTo(2.0, within(1e-12));
        assertThat(baselines.size()).isEqualTo(3);
    }

    @Test
    void eachBaselineHoldsAtMostCapacityValues() {
        Baselines baselines = new Baselines(2);
        baselines.statsThenLearn("mqtt", "a", "mean", 1.0);
        baselines.statsThenLearn("mqtt", "a", "mean", 2.0);
        baselines.statsThenLearn("mqtt", "a", "mean", 3.0);

        BaselineStats before = baselines.statsThenLearn("mqtt", "a", "mean", 4.0);

        assertThat(before.count()).isEqualTo(2);
        assertThat(before.mean()).isCloseTo(2.5, within(1e-12));
    }
}
