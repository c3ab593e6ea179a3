package dev.vigil.scoring.cusum;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Score;
import dev.vigil.scoring.Detector;
import dev.vigil.scoring.FeatureKind;
import dev.vigil.scoring.Feed;
import dev.vigil.scoring.robustz.RobustZScorer;
import org.junit.jupiter.api.Test;

import static dev.vigil.scoring.Feed.finding;
import static dev.vigil.scoring.Feed.noisy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CusumScorerTest {

    private static final double SIGMA = 1.4826; // robust sigma of Feed.noisy

    private static Feed feed(CusumScorer cusum) {
        return Feed.hourly(new Detector("shift", "mean", FeatureKind.GAUGE, 10,
                List.of(new RobustZScorer(3.5), cusum)));
    }

    private static List<Finding> cusum(List<Optional<Score>> scores) {
        List<Finding> findings = new ArrayList<>();
        scores.forEach(s -> findings.add(finding(s.orElseThrow(), CusumScorer.NAME)));
        return findings;
    }

    private static double[] constant(double value, int n) {
        double[] values = new double[n];
        java.util.Arrays.fill(values, value);
        return values;
    }

    @Test
    void constructorRejectsNegativeDriftAllowanceNonPositiveDecisionIntervalAndNegativeWarmUp() {
        assertThatThrownBy(() -> new CusumScorer(-0.1, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k=-0.1");
        assertThatThrownBy(() -> new CusumScorer(0.5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CusumScorer(0.5, 4, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatCode(() -> new CusumScorer(0, 4, 0)).doesNotThrowAnyException();
    }

    @Test
    void levelShiftAccumulatesZMinusKPerValueAlarmsWithinAFewValuesAndResets() {
        Feed feed = feed(new CusumScorer(0.5, 5, 0));
        feed.all(noisy(100, 31)); // ends on 99, so both sums are 0 when the shift starts

        // 103 is 2.02 robust sigmas above the median 100: below robust z's limit, 1.52σ accumulated per value
        List<Optional<Score>> shifted = feed.all(constant(103, 5));

        double step = 3 / SIGMA - 0.5;
        List<Finding> findings = cusum(shifted);
        assertThat(findings).extracting(Finding::statistic).satisfies(s -> {
            assertThat(s.get(0)).isCloseTo(step, within(1e-9));
            assertThat(s.get(1)).isCloseTo(2 * step, within(1e-9));
            assertThat(s.get(2)).isCloseTo(3 * step, within(1e-9));
            assertThat(s.get(3)).isCloseTo(4 * step, within(1e-9)).as("past h=5").isGreaterThan(5);
        });
        assertThat(findings).extracting(Finding::anomalous).containsExactly(false, false, false, true, false);
        assertThat(findings.get(4).statistic()).as("restarted from zero after the alarm").isLessThan(2 * step);
        assertThat(findings.get(3).description()).contains("mean upward shift", "observed 103.0", "above expected 100.0",
                "limit 5.0σ");
        assertThat(shifted).allSatisfy(s -> assertThat(finding(s.orElseThrow(), RobustZScorer.NAME).anomalous()).isFalse());
        assertThat(shifted.get(3).orElseThrow().explanation().summary()).contains("CUSUM");
    }

    @Test
    void downwardShiftAlarmsOnTheLowerSum() {
        Feed feed = feed(new CusumScorer(0.5, 5, 0));
        feed.all(noisy(100, 30));

        List<Finding> findings = cusum(feed.all(constant(97, 4)));

        assertThat(findings.get(3).anomalous()).isTrue();
        assertThat(findings.get(3).description()).contains("downward", "below").doesNotContain("upward");
    }

    @Test
    void slowDriftIsFlaggedWhereRobustZNeverIs() {
        Feed feed = feed(new CusumScorer(0.5, 5, 0));
        feed.all(noisy(100, 30));

        // 0.05 per value: the rolling median follows close enough that no single value is ever 3.5σ off
        double[] drift = new double[120];
        for (int i = 0; i < drift.length; i++) {
            drift[i] = 100 + 0.05 * (i + 1) + (i % 3) - 1;
        }
        List<Optional<Score>> scores = feed.all(drift);

        List<Finding> robust = scores.stream().map(s -> finding(s.orElseThrow(), RobustZScorer.NAME)).toList();
        assertThat(robust).extracting(Finding::statistic).allSatisfy(z -> assertThat(z).isLessThan(3.5));
        List<Finding> alarms = cusum(scores).stream().filter(Finding::anomalous).toList();
        assertThat(alarms).isNotEmpty().allSatisfy(f -> assertThat(f.description()).contains("upward"));
    }

    @Test
    void noiseWithinTheDriftAllowanceNeverAccumulatesToAnAlarm() {
        Feed feed = feed(new CusumScorer(0.5, 5, 0));

        List<Optional<Score>> scores = feed.all(noisy(100, 200));

        assertThat(scores.subList(10, 200)).extracting(s -> s.orElseThrow().anomalous()).containsOnly(false);
    }

    @Test
    void warmUpOnlyCountsTheFirstValuesSoAShiftThereIsNotSummed() {
        Feed feed = feed(new CusumScorer(0.5, 5, 3));
        feed.all(noisy(100, 10)); // 10 values: the detector scores from the next one

        List<Finding> findings = cusum(feed.all(constant(103, 5)));

        assertThat(findings.subList(0, 3)).extracting(Finding::statistic).containsOnly(0.0);
        assertThat(findings.get(3).statistic()).isGreaterThan(0);
        assertThat(findings.get(0).description()).contains("warming up, 1 of 3");
        assertThat(findings.subList(0, 3)).noneMatch(Finding::anomalous);
    }

    @Test
    void keepsItsSumsInThreeSlotsOfTheSeries() {
        assertThat(new CusumScorer(0.5, 5).stateSlots()).isEqualTo(3);
    }
}
