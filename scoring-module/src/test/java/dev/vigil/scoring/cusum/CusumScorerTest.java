package dev.vigil.scoring.cusum;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.vigil.features.FeatureVector;
import dev.vigil.features.baseline.BaselineStats;
import dev.vigil.scoring.Detector;
import dev.vigil.scoring.FeatureKind;
import dev.vigil.scoring.Finding;
import dev.vigil.scoring.Score;
import dev.vigil.scoring.ScoringInput;
import dev.vigil.scoring.robustz.RobustZScorer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CusumScorerTest {

    private static final double MEDIAN = 100;
    private static final double SCALE = 2;
    private static final double EPS = 1e-12;

    /** An input whose robust z is exactly {@code z} (median 100, scale 2). */
    private static ScoringInput z(String entity, String feature, double z) {
        return new ScoringInput("mqtt", entity, new TreeMap<>(), Instant.parse("2024-01-01T00:00:00Z"), feature,
                MEDIAN + z * SCALE, new BaselineStats(50, MEDIAN, SCALE, MEDIAN, SCALE / BaselineStats.MAD_TO_SIGMA), SCALE);
    }

    private static ScoringInput z(double z) {
        return z("temp", "mean", z);
    }

    private static List<Finding> feed(CusumScorer scorer, double... zs) {
        List<Finding> findings = new ArrayList<>();
        for (double v : zs) {
            findings.add(scorer.score(z(v)));
        }
        return findings;
    }

    @Test
    void constructorRejectsNegativeDriftAllowanceAndNonPositiveDecisionInterval() {
        assertThatThrownBy(() -> new CusumScorer(-0.1, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k=-0.1");
        assertThatThrownBy(() -> new CusumScorer(0.5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CusumScorer(0.5, -4)).isInstanceOf(IllegalArgumentException.class);
        assertThatCode(() -> new CusumScorer(0, 4)).doesNotThrowAnyException();
    }

    @Test
    void sustainedUpwardShiftAccumulatesZMinusKEachWindowAndAlarmsWhenReachingH() {
        CusumScorer cusum = new CusumScorer(0.5, 4);

        List<Finding> findings = feed(cusum, 1.5, 1.5, 1.5, 1.5);

        assertThat(findings).extracting(Finding::statistic).containsExactly(1.0, 2.0, 3.0, 4.0);
        assertThat(findings).extracting(Finding::anomalous).containsExactly(false, false, false, true);
        assertThat(findings).allSatisfy(f -> {
            assertThat(f.scorer()).isEqualTo(CusumScorer.NAME).isEqualTo("cusum");
            assertThat(f.limit()).isEqualTo(4.0);
        });
        assertThat(findings.get(3).description()).contains("mean").contains("upward").contains("above");
    }

    @Test
    void bothSumsResetAfterAnAlarmSoALastingShiftAlarmsAgainOnlyAfterReaccumulating() {
        CusumScorer cusum = new CusumScorer(0.5, 4);

        List<Finding> findings = feed(cusum, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5);

        assertThat(findings).extracting(Finding::statistic).containsExactly(1.0, 2.0, 3.0, 4.0, 1.0, 2.0, 3.0, 4.0);
        assertThat(findings).extracting(Finding::anomalous)
                .containsExactly(false, false, false, true, false, false, false, true);
    }

    @Test
    void sumRestartsFromZeroAfterAnAlarmThatOvershootsTheLimit() {
        CusumScorer cusum = new CusumScorer(0.5, 4);

        Finding alarm = cusum.score(z(4.9)); // S+ = 4.4 >= 4
        Finding next = cusum.score(z(1.5));  // from 0, not from 4.4

        assertThat(alarm.anomalous()).isTrue();
        assertThat(alarm.statistic()).isCloseTo(4.4, within(EPS));
        assertThat(next.statistic()).isCloseTo(1.0, within(EPS));
        assertThat(next.anomalous()).isFalse();
    }

    @Test
    void sustainedDownwardShiftAlarmsOnTheLowerSum() {
        CusumScorer cusum = new CusumScorer(0.5, 4);

        List<Finding> findings = feed(cusum, -1.5, -1.5, -1.5, -1.5);

        assertThat(findings).extracting(Finding::statistic).containsExactly(1.0, 2.0, 3.0, 4.0);
        assertThat(findings.get(3).anomalous()).isTrue();
        assertThat(findings.get(3).description()).contains("downward").contains("below").doesNotContain("upward");
    }

    @Test
    void deviationsBelowTheDriftAllowanceNeverAccumulate() {
        CusumScorer cusum = new CusumScorer(0.5, 4);

        List<Finding> findings = feed(cusum, 0.4, -0.4, 0.5, -0.5, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4);

        assertThat(findings).extracting(Finding::statistic).allSatisfy(s -> assertThat(s).isZero());
    }

    @Test
    void sumsDrainByKPerNormalWindowAndNeverGoNegative() {
        CusumScorer cusum = new CusumScorer(0.5, 4);

        List<Finding> findings = feed(cusum, 2, 0, 0, 0, 0);

        assertThat(findings).extracting(Finding::statistic).containsExactly(1.5, 1.0, 0.5, 0.0, 0.0);
    }

    @Test
    void tracksBothSidesIndependently() {
        CusumScorer cusum = new CusumScorer(0.5, 4);

        Finding up = cusum.score(z(3));       // S+ 2.5, S- 0
        Finding down = cusum.score(z(-3));    // S+ max(0, 2.5 - 3 - 0.5) = 0, S- 2.5

        assertThat(up.statistic()).isCloseTo(2.5, within(EPS));
        assertThat(up.description()).contains("upward");
        assertThat(down.statistic()).isCloseTo(2.5, within(EPS));
        assertThat(down.description()).contains("downward");
    }

    @Test
    void keepsStatePerEntityAndFeature() {
        CusumScorer cusum = new CusumScorer(0.5, 4);
        for (int i = 0; i < 3; i++) {
            cusum.score(z("pump-1", "mean", 1.5));
        }

        assertThat(cusum.score(z("pump-2", "mean", 1.5)).statistic()).isEqualTo(1.0);
        assertThat(cusum.score(z("pump-1", "max", 1.5)).statistic()).isEqualTo(1.0);
        Finding fourth = cusum.score(z("pump-1", "mean", 1.5));
        assertThat(fourth.statistic()).isEqualTo(4.0);
        assertThat(fourth.anomalous()).isTrue();
    }

    @Test
    void zeroDriftAllowanceAccumulatesEveryDeviation() {
        CusumScorer cusum = new CusumScorer(0, 1);

        List<Finding> findings = feed(cusum, 0.25, 0.25, 0.25, 0.25);

        assertThat(findings).extracting(Finding::statistic).containsExactly(0.25, 0.5, 0.75, 1.0);
        assertThat(findings.get(3).anomalous()).isTrue();
    }

    @Test
    void catchesASustainedOneAndAHalfSigmaShiftThatRobustZNeverFlags() {
        CusumScorer cusum = new CusumScorer(0.5, 4);
        RobustZScorer robustZ = new RobustZScorer(3.5);
        Detector detector = new Detector("level-shift", "error_count", FeatureKind.COUNT, 10, List.of(robustZ, cusum));
        // COUNT, median 100, MAD 0: scale is sqrt(100) = 10, so 115 is a shift of 1.5 sigma
        BaselineStats baseline = new BaselineStats(30, 100, 10, 100, 0);
        Instant start = Instant.parse("2024-01-01T00:00:00Z");

        List<Score> scores = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            FeatureVector window = new FeatureVector("kafka", "checkout", new TreeMap<>(), start.plusSeconds(60L * i),
                    start.plusSeconds(60L * (i + 1)), Map.of("error_count", 115.0));
            scores.add(detector.evaluate(window, baseline).orElseThrow());
            assertThat(robustZ.score(new ScoringInput("kafka", "other", new TreeMap<>(), start, "error_count", 115.0,
                    baseline, 10)).anomalous()).as("robust z alone at window %d", i).isFalse();
        }

        assertThat(scores).extracting(Score::anomalous).containsExactly(false, false, false, true);
        Score alarm = scores.get(3);
        assertThat(alarm.score()).isCloseTo(0.5, within(EPS));
        assertThat(alarm.explanation().findings()).extracting(Finding::scorer).containsExactly("cusum", "robust-z");
        assertThat(alarm.explanation().findings().get(1).statistic()).isCloseTo(1.5, within(EPS));
        // before the alarm robust z (1.5 / 3.5) is the stronger finding
        assertThat(scores.get(0).explanation().findings().get(0).scorer()).isEqualTo("robust-z");
        assertThat(scores.get(0).score()).isCloseTo((1.5 / 3.5) / (1 + 1.5 / 3.5), within(EPS));
    }
}
