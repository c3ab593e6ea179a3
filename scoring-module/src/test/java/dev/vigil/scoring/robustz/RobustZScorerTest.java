package dev.vigil.scoring.robustz;

import java.time.Instant;
import java.util.TreeMap;

import dev.vigil.features.baseline.BaselineStats;
import dev.vigil.scoring.Finding;
import dev.vigil.scoring.ScoringInput;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RobustZScorerTest {

    private final RobustZScorer scorer = new RobustZScorer(3.5);

    private static ScoringInput input(double value, double median, double scale) {
        return new ScoringInput("mqtt", "temp", new TreeMap<>(), Instant.parse("2024-01-01T00:01:00Z"), "mean", value,
                new BaselineStats(30, median, 1, median, scale / BaselineStats.MAD_TO_SIGMA), scale);
    }

    @Test
    void statisticIsTheAbsoluteRobustZAndLimitIsTheThreshold() {
        Finding finding = scorer.score(input(130, 100, 10));

        assertThat(finding.scorer()).isEqualTo(RobustZScorer.NAME).isEqualTo(scorer.name()).isEqualTo("robust-z");
        assertThat(finding.statistic()).isCloseTo(3.0, within(1e-12));
        assertThat(finding.limit()).isEqualTo(3.5);
        assertThat(finding.anomalous()).isFalse();
    }

    @Test
    void valueAboveTheMedianIsDescribedAsAbove() {
        Finding finding = scorer.score(input(140, 100, 10));

        assertThat(finding.statistic()).isCloseTo(4.0, within(1e-12));
        assertThat(finding.anomalous()).isTrue();
        assertThat(finding.description()).contains("mean").contains("above").doesNotContain("below");
    }

    @Test
    void valueBelowTheMedianGivesAPositiveStatisticDescribedAsBelow() {
        Finding finding = scorer.score(input(60, 100, 10));

        assertThat(finding.statistic()).isCloseTo(4.0, within(1e-12));
        assertThat(finding.anomalous()).isTrue();
        assertThat(finding.description()).contains("mean").contains("below").doesNotContain("above");
    }

    @Test
    void valueOnTheMedianScoresZero() {
        Finding finding = scorer.score(input(100, 100, 10));

        assertThat(finding.statistic()).isZero();
        assertThat(finding.ratio()).isZero();
        assertThat(finding.anomalous()).isFalse();
    }

    @Test
    void zIsMeasuredInUnitsOfTheGivenScale() {
        assertThat(scorer.score(input(103, 100, 0.5)).statistic()).isCloseTo(6.0, within(1e-12));
        assertThat(scorer.score(input(103, 100, 6)).statistic()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void isStatelessSoTheSameInputAlwaysScoresTheSame() {
        ScoringInput in = input(150, 100, 10);

        assertThat(scorer.score(in)).isEqualTo(scorer.score(in));
    }

    @Test
    void thresholdIsConfigurable() {
        Finding finding = new RobustZScorer(2.0).score(input(125, 100, 10));

        assertThat(finding.limit()).isEqualTo(2.0);
        assertThat(finding.ratio()).isCloseTo(1.25, within(1e-12));
        assertThat(finding.anomalous()).isTrue();
    }
}
