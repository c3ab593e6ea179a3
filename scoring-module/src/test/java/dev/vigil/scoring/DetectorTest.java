package dev.vigil.scoring;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.vigil.contracts.Contribution;
import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Score;
import dev.vigil.contracts.ThresholdFactors;
import dev.vigil.features.state.DecayingQuantiles;
import dev.vigil.features.state.SeasonalProfile;
import dev.vigil.features.state.Seasonality;
import dev.vigil.features.state.StateSpec;
import dev.vigil.scoring.cusum.CusumScorer;
import dev.vigil.scoring.ewma.EwmaScorer;
import dev.vigil.scoring.percentile.PercentileScorer;
import dev.vigil.scoring.robustz.RobustZScorer;
import dev.vigil.scoring.seasonal.SeasonalScorer;
import dev.vigil.scoring.z.ZScorer;
import org.junit.jupiter.api.Test;

import static dev.vigil.scoring.Feed.finding;
import static dev.vigil.scoring.Feed.noisy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DetectorTest {

    private static Detector robustZ(String feature, FeatureKind kind, int minValues) {
        return new Detector("errors", feature, kind, minValues, List.of(new RobustZScorer(3.5)));
    }

    /** A scorer that always reports the same statistic and limit and remembers what it was asked. */
    private static final class FixedScorer implements Scorer {
        final String name;
        final double statistic;
        final double limit;
        final List<ScoringInput> inputs = new ArrayList<>();
        final List<Long> countsSeen = new ArrayList<>();

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
        public Finding score(ScoringInput input, double[] slots) {
            inputs.add(input);
            countsSeen.add(input.baseline().count()); // the state itself moves on once the value is learned
            return new Finding(name, statistic, limit, name + " says " + statistic + "/" + limit);
        }
    }

    @Test
    void staysSilentWhileTheSeriesHasFewerThanMinValuesButLearnsFromThem() {
        FixedScorer scorer = new FixedScorer("s", 100, 1);
        Feed feed = Feed.hourly(new Detector("errors", "error_count", FeatureKind.COUNT, 10, List.of(scorer)));

        List<Optional<Score>> warmUp = feed.all(noisy(100, 10));
        Optional<Score> first = feed.next(100);

        assertThat(warmUp).allSatisfy(s -> assertThat(s).isNotNull().isEmpty());
        assertThat(first).isPresent();
        assertThat(scorer.countsSeen).containsExactly(10L);
    }

    @Test
    void scoreIsRatioOverOnePlusRatioOfTheStrongestFindingWithTheWindowsIdentity() {
        // COUNT, a series that never moved (MAD 0): the scale is the Poisson floor sqrt(100) = 10
        Feed feed = Feed.hourly(robustZ("error_count", FeatureKind.COUNT, 5));
        feed.all(100, 100, 100, 100, 100, 100, 100, 100, 100, 100);
        var windowStart = feed.nextStart();

        Score score = feed.next(170).orElseThrow(); // z = 7, r = 7 / 3.5 = 2

        assertThat(score.score()).isCloseTo(2.0 / 3.0, within(1e-12));
        assertThat(score.threshold()).isEqualTo(0.5);
        assertThat(score.anomalous()).isTrue();
        assertThat(score.detector()).isEqualTo("errors");
        assertThat(score.source()).isEqualTo("mqtt");
        assertThat(score.entity()).isEqualTo("pump-1");
        assertThat(score.labels()).containsEntry("site", "plant-1").hasSize(1);
        assertThat(score.timestamp()).isEqualTo(windowStart.plus(Duration.ofHours(1)));
        Explanation why = score.explanation();
        assertThat(why.feature()).isEqualTo("error_count");
        assertThat(why.observed()).isEqualTo(170.0);
        assertThat(why.expected()).isEqualTo(100.0);
        assertThat(why.scale()).isCloseTo(10.0, within(1e-12));
        assertThat(why.contributions()).containsExactly(new Contribution("error_count", 170, 100, 10, 7));
        assertThat(why.findings()).singleElement().satisfies(f -> {
            assertThat(f.scorer()).isEqualTo(RobustZScorer.NAME);
            assertThat(f.statistic()).isCloseTo(7.0, within(1e-12));
        });
    }

    @Test
    void valueExactlyAtTheLimitIsAnomalousWithScoreOneHalf() {
        Feed feed = Feed.hourly(robustZ("error_count", FeatureKind.COUNT, 5));
        feed.all(100, 100, 100, 100, 100, 100, 100, 100, 100, 100);

        Score atLimit = feed.next(135).orElseThrow();

        assertThat(atLimit.anomalous()).isTrue();
        assertThat(atLimit.score()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void findingsAreSortedStrongestFirstAndTheStrongestDecidesScoreAndSummary() {
        FixedScorer weak = new FixedScorer("weak", 1, 4);      // ratio 0.25
        FixedScorer strong = new FixedScorer("strong", 3, 2);  // ratio 1.5
        FixedScorer middle = new FixedScorer("middle", 2, 4);  // ratio 0.5
        Feed feed = Feed.hourly(new Detector("d", "mean", FeatureKind.GAUGE, 2, List.of(weak, strong, middle)));
        feed.all(1, 2);

        Score score = feed.next(1).orElseThrow();

        assertThat(score.explanation().findings()).extracting(Finding::scorer).containsExactly("strong", "middle", "weak");
        assertThat(score.score()).isCloseTo(1.5 / 2.5, within(1e-12));
        assertThat(score.anomalous()).isTrue();
        assertThat(score.explanation().summary()).isEqualTo("strong says 3.0/2.0");
        assertThat(weak.inputs).containsExactlyElementsOf(strong.inputs);
    }

    @Test
    void aThresholdFactorScalesTheDecidingLimitAndTheAlertSaysWhyWhileOtherEntitiesKeepTheDetectorsFactor() {
        FixedScorer scorer = new FixedScorer("s", 3, 2); // 1.5 times its limit
        Detector detector = new Detector("d", "mean", FeatureKind.GAUGE, 2, List.of(scorer));
        Feed feed = Feed.hourly(detector);
        feed.all(1, 2);
        assertThat(feed.next(1).orElseThrow().anomalous()).isTrue();

        detector.thresholds().setDetector(new ThresholdFactors.Factor(2, "alert budget 4/day"));
        Score stricter = feed.next(1).orElseThrow();
        assertThat(stricter.anomalous()).isFalse();
        assertThat(stricter.score()).isCloseTo(0.75 / 1.75, within(1e-12));
        assertThat(stricter.threshold()).isEqualTo(Score.THRESHOLD);
        assertThat(stricter.explanation().evidence()).isEmpty();
        assertThat(stricter.explanation().findings().get(0).limit()).isEqualTo(2.0); // the scorer's own words stay

        // pump-1 (Feed's entity) gets a factor of its own, laxer than the detector's
        detector.thresholds().setEntity("pump-1", new ThresholdFactors.Factor(1.25, "pinned by ops"));
        Score own = feed.next(1).orElseThrow();
        assertThat(own.anomalous()).isTrue();
        assertThat(own.score()).isCloseTo(1.2 / 2.2, within(1e-12));
        assertThat(own.explanation().evidence()).containsExactly("threshold ×1.25 on every limit (pinned by ops)");
        assertThat(detector.thresholds().of("pump-2").value()).isEqualTo(2.0);

        detector.thresholds().setEntity("pump-1", null);
        assertThat(feed.next(1).orElseThrow().anomalous()).isFalse();
        assertThatThrownBy(() -> new ThresholdFactors.Factor(0, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ThresholdFactors.Factor(Double.NaN, "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyScorerGetsTheFlooredRobustScaleAndTheFloorItself() {
        FixedScorer scorer = new FixedScorer("a", 0, 1);
        Feed feed = Feed.hourly(new Detector("d", "mean", FeatureKind.GAUGE, 3, List.of(scorer)));
        feed.all(1000, 1000, 1000);
        var windowStart = feed.nextStart();

        feed.next(1005);

        // GAUGE, median 1000, MAD 0: the floor 0.001 * 1000 + 1e-9 applies
        assertThat(scorer.inputs).singleElement().satisfies(in -> {
            assertThat(in.feature()).isEqualTo("mean");
            assertThat(in.value()).isEqualTo(1005.0);
            assertThat(in.timestamp()).as("the window's start decides its seasonal bucket").isEqualTo(windowStart);
            assertThat(in.floor()).isCloseTo(1.0 + 1e-9, within(1e-15));
            assertThat(in.scale()).isEqualTo(in.floor());
            assertThat(in.robustZ()).isCloseTo(5.0, within(1e-6));
        });
    }

    @Test
    void specHoldsWhatTheScorersNeedAndTheSumOfTheirSlots() {
        Detector detector = new Detector("all", List.of("mean"), FeatureKind.GAUGE, new BaselineSettings(30, 0.2, 10, 50),
                List.of(new ZScorer(3), new RobustZScorer(3.5), new EwmaScorer(3), new CusumScorer(0.5, 5),
                        new SeasonalScorer(Seasonality.HOUR_OF_DAY, 3, 3), new PercentileScorer(0.25, 0.75, 3),
                        new CusumScorer(1, 8)),
                Combination.max());

        assertThat(detector.spec()).isEqualTo(new StateSpec(30, 0.2, List.of(DecayingQuantiles.KIND, SeasonalProfile.HOUR_OF_DAY), 6));
        assertThat(robustZ("x", FeatureKind.GAUGE, 10).spec())
                .isEqualTo(new StateSpec(60, 0.1, 0));
        // two scorers reading two profiles: the series learns both, once each
        assertThat(new Detector("two-seasons", "mean", FeatureKind.GAUGE, 2,
                List.of(new SeasonalScorer(Seasonality.HOUR_OF_DAY, 3, 3), new SeasonalScorer(Seasonality.HOUR_OF_DAY, 4, 3),
                        new SeasonalScorer(Seasonality.HOUR_OF_WEEK, 3, 3))).spec().statistics())
                .containsExactly(SeasonalProfile.HOUR_OF_DAY, SeasonalProfile.HOUR_OF_WEEK);
    }

    @Test
    void twoStatefulScorersEachKeepTheirOwnSlots() {
        double[] values = noisy(100, 40);
        for (int i = 20; i < 40; i++) {
            values[i] += 2.5;
        }
        Feed both = Feed.hourly(new Detector("both", "mean", FeatureKind.GAUGE, 10,
                List.of(new CusumScorer(0.5, 5, 0), new CusumScorer(1, 8, 0))));
        Feed tight = Feed.hourly(new Detector("tight", "mean", FeatureKind.GAUGE, 10, List.of(new CusumScorer(0.5, 5, 0))));
        Feed loose = Feed.hourly(new Detector("loose", "mean", FeatureKind.GAUGE, 10, List.of(new CusumScorer(1, 8, 0))));

        for (double value : values) {
            Optional<Score> score = both.next(value);
            Optional<Score> a = tight.next(value);
            Optional<Score> b = loose.next(value);
            score.ifPresent(s -> assertThat(s.explanation().findings()).extracting(Finding::description)
                    .containsExactlyInAnyOrder(a.orElseThrow().explanation().summary(),
                            b.orElseThrow().explanation().summary()));
        }
    }

    @Test
    void windowWithNoneOfTheFeaturesOrWithANonFiniteValueIsRejectedAndTeachesNothing() {
        Detector detector = new Detector("d", List.of("requests", "errors"), FeatureKind.COUNT,
                BaselineSettings.defaults(2), List.of(new RobustZScorer(3.5)), Combination.max());
        var start = Feed.START;

        assertThatThrownBy(() -> detector.evaluate(Feed.window(start, Duration.ofMinutes(1), Map.of("latency", 1.0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("none of the features [requests, errors]");
        assertThatThrownBy(() -> detector.evaluate(Feed.window(start, Duration.ofMinutes(1),
                Map.of("requests", 1.0, "errors", Double.NaN))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-finite errors");
        assertThat(detector.states().state("mqtt", "pump-1", "requests").count()).isZero();
    }

    @Test
    void aFeatureMissingFromAWindowIsNeitherScoredNorLearnedWhileTheOthersAre() {
        Detector detector = new Detector("d", List.of("requests", "errors"), FeatureKind.COUNT,
                BaselineSettings.defaults(2), List.of(new RobustZScorer(3.5)), Combination.max());
        for (int m = 0; m < 5; m++) {
            detector.evaluate(Feed.window(Feed.START.plus(Duration.ofMinutes(m)), Duration.ofMinutes(1),
                    Map.of("requests", 100.0 + m, "errors", 2.0)));
        }

        Score score = detector.evaluate(Feed.window(Feed.START.plus(Duration.ofMinutes(5)), Duration.ofMinutes(1),
                Map.of("requests", 500.0))).orElseThrow();

        assertThat(score.explanation().contributions()).extracting(Contribution::feature).containsExactly("requests");
        assertThat(score.anomalous()).isTrue();
        assertThat(detector.states().state("mqtt", "pump-1", "errors").count()).isEqualTo(5);
        assertThat(detector.states().state("mqtt", "pump-1", "requests").count()).isEqualTo(6);
    }

    @Test
    void detectorWithoutScorersOrWithRepeatedFeaturesIsRejected() {
        assertThatThrownBy(() -> new Detector("empty", "mean", FeatureKind.GAUGE, 2, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> new Detector("twice", List.of("a", "a"), FeatureKind.GAUGE, BaselineSettings.defaults(2),
                List.of(new RobustZScorer(3.5)), Combination.max()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    }

    @Test
    void aGapOfHoursBreaksNothingAndNormalValuesStayNormal() {
        Feed feed = new Feed(new Detector("gap", "mean", FeatureKind.GAUGE, 10,
                List.of(new RobustZScorer(3.5), new CusumScorer(0.5, 5), new ZScorer(3), new EwmaScorer(3),
                        new SeasonalScorer(Seasonality.HOUR_OF_DAY, 3, 3))), Duration.ofMinutes(10));
        feed.all(noisy(100, 60));

        feed.gap(Duration.ofHours(7));
        List<Optional<Score>> after = feed.all(noisy(100, 30));

        assertThat(after).allSatisfy(s -> {
            Score score = s.orElseThrow();
            assertThat(score.score()).isBetween(0.0, 0.5).isNotNaN();
            assertThat(score.anomalous()).isFalse();
            assertThat(score.explanation().findings()).allSatisfy(f -> assertThat(f.statistic()).isFinite());
        });
    }

    @Test
    void rssCombinesThreeFeaturesEachMildlyOffIntoAnAlarmThatNoneRaisesAlone() {
        List<String> features = List.of("requests", "errors", "latency");
        Detector rss = new Detector("host", features, FeatureKind.GAUGE, BaselineSettings.defaults(10),
                List.of(new RobustZScorer(3.5)), Combination.rss(4));
        Detector max = new Detector("host", features, FeatureKind.GAUGE, BaselineSettings.defaults(10),
                List.of(new RobustZScorer(3.5)), Combination.max());
        Feed rssFeed = Feed.hourly(rss);
        Feed maxFeed = Feed.hourly(max);
        double[] requests = noisy(100, 30);
        double[] errors = noisy(10, 30);
        double[] latency = noisy(250, 30);
        for (int i = 0; i < 30; i++) {
            Map<String, Double> window = Map.of("requests", requests[i], "errors", errors[i], "latency", latency[i]);
            rssFeed.next(window);
            maxFeed.next(window);
        }
        // each 2.5 robust sigmas (1.4826 * 2.5 = 3.7065) off: rss sqrt(3) * 2.5 = 4.33 against the limit 4
        Map<String, Double> mildlyOff = Map.of("requests", 103.7065, "errors", 13.7065, "latency", 246.2935);

        Score combined = rssFeed.next(mildlyOff).orElseThrow();
        Score strongestOnly = maxFeed.next(mildlyOff).orElseThrow();

        assertThat(strongestOnly.anomalous()).isFalse();
        assertThat(strongestOnly.explanation().findings()).hasSize(3).noneMatch(Finding::anomalous);
        assertThat(combined.anomalous()).isTrue();
        Finding lead = combined.explanation().findings().get(0);
        assertThat(lead.scorer()).isEqualTo(Combination.RSS_FINDING);
        assertThat(lead.statistic()).isCloseTo(Math.sqrt(3) * 2.5, within(1e-6));
        assertThat(lead.limit()).isEqualTo(4.0);
        assertThat(combined.score()).isCloseTo(Score.normalise(Math.sqrt(3) * 2.5 / 4), within(1e-6));
        assertThat(combined.explanation().summary()).isEqualTo("3 features together 4.3σ off: "
                + "requests observed 103.7 vs expected 100.0 (+2.5σ), errors observed 13.71 vs expected 10.00 (+2.5σ), "
                + "latency observed 246.3 vs expected 250.0 (-2.5σ) (rss, limit 4.0σ)");
        assertThat(combined.explanation().contributions()).extracting(Contribution::feature)
                .containsExactly("requests", "errors", "latency");
        assertThat(combined.explanation().contributions()).allSatisfy(c ->
                assertThat(Math.abs(c.sigmas())).isCloseTo(2.5, within(1e-6)));
    }

    @Test
    void maxCombinationIsLedByTheFeatureOfTheStrongestFinding() {
        Feed feed = Feed.hourly(new Detector("host", List.of("requests", "errors"), FeatureKind.GAUGE,
                BaselineSettings.defaults(10), List.of(new RobustZScorer(3.5)), Combination.max()));
        double[] requests = noisy(100, 30);
        double[] errors = noisy(10, 30);
        for (int i = 0; i < 30; i++) {
            feed.next(Map.of("requests", requests[i], "errors", errors[i]));
        }

        Score score = feed.next(Map.of("requests", 101.0, "errors", 20.0)).orElseThrow();

        assertThat(score.anomalous()).isTrue();
        assertThat(score.explanation().feature()).isEqualTo("errors");
        assertThat(score.explanation().observed()).isEqualTo(20.0);
        assertThat(score.explanation().expected()).isEqualTo(10.0);
        assertThat(score.explanation().summary()).startsWith("errors observed 20.00 vs expected 10.00");
        assertThat(score.explanation().contributions()).extracting(Contribution::feature).containsExactly("requests", "errors");
    }

    @Test
    void aRestoredSnapshotScoresExactlyAsTheUninterruptedRunCusumSumsIncluded() throws IOException {
        Detector uninterrupted = allScorers();
        Feed before = Feed.hourly(uninterrupted);
        double[] values = noisy(100, 200);
        for (int i = 120; i < 200; i++) {
            values[i] += 0.05 * (i - 119); // a drift, so CUSUM's sums are mid-way when the process stops
        }
        double[] sums = uninterrupted.states().state("mqtt", "pump-1", "requests").scorerSlots();
        int stop = 0;
        // stop the process in the drift, at a moment when the first CUSUM has something accumulated
        while (stop < 130 || sums[0] + sums[1] == 0) {
            before.next(Map.of("requests", values[stop], "errors", values[stop] / 10));
            stop++;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        uninterrupted.states().writeSnapshot(new DataOutputStream(bytes));

        Detector restarted = allScorers();
        restarted.states().readSnapshot(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        Feed after = new Feed(restarted, Duration.ofHours(1));
        after.gap(Duration.between(Feed.START, before.nextStart()));

        assertThat(stop).isLessThan(190);
        for (int i = stop; i < 200; i++) {
            Map<String, Double> window = Map.of("requests", values[i], "errors", values[i] / 10);
            assertThat(after.next(window)).as("value %d", i).isEqualTo(before.next(window));
        }
    }

    /** Every scorer, two features, rss: a restart has every kind of state to carry. */
    private static Detector allScorers() {
        return new Detector("all", List.of("requests", "errors"), FeatureKind.GAUGE, BaselineSettings.defaults(10),
                List.of(new ZScorer(3), new RobustZScorer(3.5), new EwmaScorer(3), new CusumScorer(0.5, 5),
                        new SeasonalScorer(Seasonality.HOUR_OF_DAY, 3, 3), new PercentileScorer(0.25, 0.75, 3),
                        new CusumScorer(1, 8)),
                Combination.rss(4));
    }

    @Test
    void normaliseMapsTwiceAndThreeTimesTheLimitOntoTheDocumentedScale() {
        assertThat(Score.normalise(0)).isZero();
        assertThat(Score.normalise(1)).isEqualTo(0.5);
        assertThat(Score.normalise(2)).isCloseTo(0.6667, within(1e-4));
        assertThat(Score.normalise(3)).isEqualTo(0.75);
    }

    @Test
    void singleFeatureExplanationCarriesItselfAsItsOnlyContribution() {
        Explanation why = new Explanation("mean", 130, 100, 10, List.of(new Finding("robust-z", 3, 3.5, "x")));

        assertThat(why.contributions()).containsExactly(new Contribution("mean", 130, 100, 10, 3));
    }
}
