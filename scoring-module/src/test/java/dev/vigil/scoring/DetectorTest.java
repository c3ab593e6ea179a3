package dev.vigil.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.vigil.features.FeatureVector;
import dev.vigil.features.baseline.BaselineStats;
import dev.vigil.scoring.robustz.RobustZScorer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DetectorTest {

    private static final Instant START = Instant.parse("2024-05-01T10:00:00Z");
    private static final Instant END = START.plusSeconds(60);

    private static FeatureVector window(String feature, double value) {
        TreeMap<String, String> labels = new TreeMap<>(Map.of("service", "checkout"));
        return new FeatureVector("kafka", "checkout", labels, START, END, Map.of(feature, value));
    }

    /** A baseline with the given median and MAD; mean and std are deliberately absurd so nothing relies on them. */
    private static BaselineStats baseline(int count, double median, double mad) {
        return new BaselineStats(count, -1e9, 1e9, median, mad);
    }

    /** A scorer that always reports the same statistic and limit and remembers what it was asked. */
    private static final class FixedScorer implements Scorer {
        final String name;
        final double statistic;
        final double limit;
        final List<ScoringInput> inputs = new ArrayList<>();

        FixedScorer(String name, double statistic, double limit) {
            this.name = name;
            this.statistic = statistic;
            this.limit = limit;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Finding score(ScoringInput input) {
            inputs.add(input);
            return new Finding(name, statistic, limit, name + " says " + statistic + "/" + limit);
        }
    }

    @Test
    void staysSilentWhileTheBaselineHasFewerThanMinBaselineWindowsAndDoesNotCallScorers() {
        FixedScorer scorer = new FixedScorer("s", 100, 1);
        Detector detector = new Detector("errors", "error_count", FeatureKind.COUNT, 10, List.of(scorer));

        assertThat(detector.evaluate(window("error_count", 500), baseline(0, 0, 0))).isEmpty();
        assertThat(detector.evaluate(window("error_count", 500), baseline(9, 5, 1))).isEmpty();
        assertThat(scorer.inputs).isEmpty();

        assertThat(detector.evaluate(window("error_count", 500), baseline(10, 5, 1))).isPresent();
        assertThat(scorer.inputs).hasSize(1);
    }

    @Test
    void scoreIsRatioOverOnePlusRatioOfTheStrongestFinding() {
        // COUNT, median 100, MAD 0: scale is the Poisson floor sqrt(100) = 10; value 170 -> z = 7 -> r = 7 / 3.5 = 2
        Detector detector = new Detector("errors", "error_count", FeatureKind.COUNT, 5, List.of(new RobustZScorer(3.5)));

        Score score = detector.evaluate(window("error_count", 170), baseline(20, 100, 0)).orElseThrow();

        assertThat(score.score()).isCloseTo(2.0 / 3.0, within(1e-12));
        assertThat(score.threshold()).isEqualTo(0.5);
        assertThat(score.anomalous()).isTrue();
        assertThat(score.detector()).isEqualTo("errors");
        assertThat(score.source()).isEqualTo("kafka");
        assertThat(score.entity()).isEqualTo("checkout");
        assertThat(score.labels()).containsEntry("service", "checkout").hasSize(1);
        assertThat(score.timestamp()).isEqualTo(END);
        Explanation why = score.explanation();
        assertThat(why.feature()).isEqualTo("error_count");
        assertThat(why.observed()).isEqualTo(170.0);
        assertThat(why.expected()).isEqualTo(100.0);
        assertThat(why.scale()).isCloseTo(10.0, within(1e-12));
        assertThat(why.findings()).singleElement().satisfies(f -> {
            assertThat(f.scorer()).isEqualTo(RobustZScorer.NAME);
            assertThat(f.statistic()).isCloseTo(7.0, within(1e-12));
            assertThat(f.limit()).isEqualTo(3.5);
        });
    }

    @Test
    void windowExactlyAtTheLimitIsAnomalousWithScoreOneHalf() {
        Detector detector = new Detector("errors", "error_count", FeatureKind.COUNT, 5, List.of(new RobustZScorer(3.5)));

        Score atLimit = detector.evaluate(window("error_count", 135), baseline(20, 100, 0)).orElseThrow();
        Score below = detector.evaluate(window("error_count", 134.9), baseline(20, 100, 0)).orElseThrow();

        assertThat(atLimit.anomalous()).isTrue();
        assertThat(atLimit.score()).isCloseTo(0.5, within(1e-12));
        assertThat(below.anomalous()).isFalse();
        assertThat(below.score()).isCloseTo(3.49 / 3.5 / (1 + 3.49 / 3.5), within(1e-9)).isLessThan(0.5);
    }

    @Test
    void normalWindowScoresBelowTheThreshold() {
        Detector detector = new Detector("errors", "error_count", FeatureKind.COUNT, 5, List.of(new RobustZScorer(3.5)));

        Score score = detector.evaluate(window("error_count", 100), baseline(20, 100, 0)).orElseThrow();

        assertThat(score.score()).isZero();
        assertThat(score.anomalous()).isFalse();
    }

    @Test
    void findingsAreSortedStrongestFirstAndTheStrongestDecidesScoreAndSummary() {
        FixedScorer weak = new FixedScorer("weak", 1, 4);      // ratio 0.25
        FixedScorer strong = new FixedScorer("strong", 3, 2);  // ratio 1.5
        FixedScorer middle = new FixedScorer("middle", 2, 4);  // ratio 0.5
        Detector detector = new Detector("d", "mean", FeatureKind.GAUGE, 1, List.of(weak, strong, middle));

        Score score = detector.evaluate(window("mean", 1), baseline(3, 1, 1)).orElseThrow();

        assertThat(score.explanation().findings()).extracting(Finding::scorer).containsExactly("strong", "middle", "weak");
        assertThat(score.score()).isCloseTo(1.5 / 2.5, within(1e-12));
        assertThat(score.anomalous()).isTrue();
        assertThat(score.explanation().summary()).isEqualTo("strong says 3.0/2.0");
    }

    @Test
    void allScorersBelowTheirLimitGiveANormalScore() {
        Detector detector = new Detector("d", "mean", FeatureKind.GAUGE, 1,
                List.of(new FixedScorer("a", 0.9, 1), new FixedScorer("b", 1, 4)));

        Score score = detector.evaluate(window("mean", 1), baseline(3, 1, 1)).orElseThrow();

        assertThat(score.anomalous()).isFalse();
        assertThat(score.score()).isCloseTo(0.9 / 1.9, within(1e-12));
        assertThat(score.explanation().findings()).extracting(Finding::scorer).containsExactly("a", "b");
    }

    @Test
    void everyScorerGetsTheSameInputWithTheFlooredRobustScale() {
        FixedScorer a = new FixedScorer("a", 0, 1);
        FixedScorer b = new FixedScorer("b", 0, 1);
        Detector detector = new Detector("d", "mean", FeatureKind.GAUGE, 1, List.of(a, b));

        // GAUGE, median 1000, MAD 0: the floor 0.001 * 1000 + 1e-9 applies
        detector.evaluate(window("mean", 1005), baseline(30, 1000, 0));

        assertThat(a.inputs).singleElement().satisfies(in -> {
            assertThat(in.feature()).isEqualTo("mean");
            assertThat(in.value()).isEqualTo(1005.0);
            assertThat(in.entity()).isEqualTo("checkout");
            assertThat(in.timestamp()).isEqualTo(END);
            assertThat(in.scale()).isCloseTo(1.0 + 1e-9, within(1e-15));
            assertThat(in.robustZ()).isCloseTo(5.0, within(1e-6));
        });
        assertThat(b.inputs).containsExactlyElementsOf(a.inputs);
    }

    @Test
    void madAboveTheFloorSetsTheScale() {
        Detector detector = new Detector("d", "error_count", FeatureKind.COUNT, 1, List.of(new RobustZScorer(3.5)));

        // MAD 20 -> 1.4826 * 20 = 29.652 > sqrt(100) = 10
        Score score = detector.evaluate(window("error_count", 100 + 4 * 29.652), baseline(30, 100, 20)).orElseThrow();

        assertThat(score.explanation().scale()).isCloseTo(29.652, within(1e-9));
        assertThat(score.explanation().findings().get(0).statistic()).isCloseTo(4.0, within(1e-9));
        assertThat(score.score()).isCloseTo((4 / 3.5) / (1 + 4 / 3.5), within(1e-9));
    }

    @Test
    void windowWithoutTheDetectorsFeatureIsRejected() {
        Detector detector = new Detector("d", "error_count", FeatureKind.COUNT, 1, List.of(new RobustZScorer(3.5)));

        assertThatThrownBy(() -> detector.evaluate(window("mean", 1), baseline(30, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("error_count");
    }

    @Test
    void detectorWithoutScorersIsRejected() {
        assertThatThrownBy(() -> new Detector("empty", "mean", FeatureKind.GAUGE, 1, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }

    @Test
    void exposesNameAndFeature() {
        Detector detector = new Detector("temp-spike", "mean", FeatureKind.GAUGE, 1, List.of(new RobustZScorer(3.5)));

        assertThat(detector.name()).isEqualTo("temp-spike");
        assertThat(detector.feature()).isEqualTo("mean");
    }

    @Test
    void normaliseMapsTwiceAndThreeTimesTheLimitOntoTheDocumentedScale() {
        assertThat(Score.normalise(0)).isZero();
        assertThat(Score.normalise(1)).isEqualTo(0.5);
        assertThat(Score.normalise(2)).isCloseTo(0.6667, within(1e-4));
        assertThat(Score.normalise(3)).isEqualTo(0.75);
    }

    @Test
    void emptyResultIsOptionalEmptyNotNull() {
        Detector detector = new Detector("d", "mean", FeatureKind.GAUGE, 2, List.of(new RobustZScorer(3.5)));

        Optional<Score> result = detector.evaluate(window("mean", 1), baseline(1, 1, 0));

        assertThat(result).isNotNull().isEmpty();
    }
}
