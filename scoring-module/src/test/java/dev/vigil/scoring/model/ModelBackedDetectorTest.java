package dev.vigil.scoring.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

import dev.vigil.contracts.FeatureVector;
import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Score;
import dev.vigil.scoring.Detector;
import dev.vigil.scoring.Feed;
import dev.vigil.scoring.config.DetectorConfigLoader;
import dev.vigil.scoring.config.DetectorFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Model-backed detectors on hand-made series, through a real {@link Detector} built from a detectors file: its
 * scorers' statistics and a Random Cut Forest per entity, each turned into a likelihood and combined.
 */
class ModelBackedDetectorTest {

    /** A scorer and a forest, judged by their likelihood; one alarm per incident, a refractory period after it. */
    private static final String ENSEMBLE = """
            detectors:
              host:
                stream: metrics
                %s
                scorers:
                  percentile: {low: 0.005, high: 0.995, threshold: 2}
                models:
                  rcf: {trees: 30, sample-size: 256, shingle: 16}
                likelihood: {long: 5000, min-values: 100, threshold: 4, refractory: 100, refractory-from: alarm}
            """;

    private static Detector detector(String selection) {
        return load(ENSEMBLE.formatted(selection));
    }

    static Detector load(String yaml) {
        return DetectorFactory.create(new DetectorConfigLoader()
                .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "detectors.yaml").get(0));
    }

    private static Detector series() {
        return detector("feature: mean");
    }

    /** Minutes of a noisy wave around 100 (period 50, amplitude 10, noise 1). */
    private static double wave(int minute, Random noise) {
        return 100 + 10 * Math.sin(2 * Math.PI * minute / 50.0) + noise.nextGaussian();
    }

    /** Feeds values from {@code from} on; returns the minutes whose window was anomalous. */
    static List<Integer> alarms(Feed feed, double[] values, int from) {
        List<Integer> alarms = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            Optional<Score> score = feed.next(values[i]);
            if (i >= from && score.isPresent() && score.get().anomalous()) {
                alarms.add(i);
            }
        }
        return alarms;
    }

    static Feed minutes(Detector detector) {
        return new Feed(detector, Duration.ofMinutes(1));
    }

    @Test
    void aSpikeInANoisyWaveAlarmsWithinAFewWindowsAndNowhereElse() {
        Random noise = new Random(11);
        double[] values = new double[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = wave(i, noise) + (i == 800 ? 15 : 0);
        }
        Feed feed = minutes(series());

        List<Integer> alarms = alarms(feed, values, 300);

        // the spike is one of the forest's 16 shingled steps: the score rises at once and crosses within a few windows;
        // the alarm and the window after it are scored as they are (hold 2), then the refractory period holds it
        assertThat(alarms).isNotEmpty().hasSizeLessThanOrEqualTo(2).allMatch(i -> i >= 800 && i <= 805);
    }

    @Test
    void theShippedDefaultJudgesAYoungSeriesByRobustZUntilItsMembersHaveAHistory() {
        Detector shipped = DetectorFactory.create(new DetectorConfigLoader().loadDefault().get(0));
        Feed feed = minutes(shipped);
        Random noise = new Random(14);
        for (int i = 0; i < 40; i++) {
            feed.next(100 + noise.nextGaussian());
        }

        Score drop = feed.next(12).orElseThrow();

        // forty windows old: no member has a history to be judged against, so the non-member robust z decides
        assertThat(drop.anomalous()).isTrue();
        assertThat(drop.explanation().findings().get(0).scorer()).isEqualTo("robust-z");
        assertThat(shipped.ensemble()).as("the default is judged by its likelihood once its members are old enough")
                .isNotNull();
    }

    @Test
    void aLevelShiftAlarmsWithinThreeWindowsAndTheLikelihoodDecides() {
        Random noise = new Random(12);
        Feed feed = minutes(series());
        for (int i = 0; i < 800; i++) {
            feed.next(50 + noise.nextGaussian());
        }
        List<Score> after = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            after.add(feed.next(56 + noise.nextGaussian()).orElseThrow());
        }

        assertThat(after.subList(0, 3)).anyMatch(Score::anomalous);
        Score first = after.stream().filter(Score::anomalous).findFirst().orElseThrow();
        Finding decision = first.explanation().findings().get(0);
        assertThat(decision.scorer()).isEqualTo(Ensemble.LIKELIHOOD);
        assertThat(decision.description()).startsWith("mean is 1 in ").contains("for this entity");
        assertThat(first.explanation().findings()).extracting(Finding::scorer)
                .contains("rcf", "percentile");
        assertThat(first.explanation().expected()).isCloseTo(50, org.assertj.core.api.Assertions.within(1.0));
    }

    @Test
    void aSlowDriftIsCaughtBeforeItLeavesTheUsualBand() {
        Random noise = new Random(13);
        double[] values = new double[1400];
        for (int i = 0; i < values.length; i++) {
            // 0.02 sigmas a window from minute 1000: 4 sigmas after 200 windows
            values[i] = 20 + noise.nextGaussian() + (i >= 1000 ? 0.02 * (i - 1000) : 0);
        }
        Feed feed = minutes(series());

        List<Integer> alarms = alarms(feed, values, 300);

        assertThat(alarms).isNotEmpty();
        assertThat(alarms.get(0)).isBetween(1000, 1200);
    }

    @Test
    void aJointShiftOfThreeMetricsNoneBeyondTwoSigmaAloneAlarmsAndNamesAllThree() {
        // a host's cpu, latency and load, each with noise of its own; then all three shift by 1.8 of their sigmas
        String forest = """
                detectors:
                  host:
                    stream: metrics
                    %s
                    models: {rcf: {shingle: 16}}
                    likelihood: {long: 5000, threshold: 4, refractory: 100, refractory-from: alarm}
                """;
        List<String> metrics = List.of("cpu", "latency", "load");
        Feed together = minutes(load(forest.formatted("group: [cpu, latency, load]")));
        List<Feed> alone = metrics.stream().map(m -> minutes(load(forest.formatted("feature: mean")))).toList();
        Random noise = new Random(7);
        Score first = null;
        int firstAt = -1;
        List<Integer> aloneAlarms = new ArrayList<>();
        for (int i = 0; i < 1420 && first == null; i++) {
            double shift = i >= 1400 ? 1.8 : 0;
            Map<String, Double> values = new HashMap<>();
            for (int m = 0; m < metrics.size(); m++) {
                double value = 50 + 5 * (noise.nextGaussian() + shift);
                values.put(metrics.get(m), value);
                Optional<Score> single = alone.get(m).next(value);
                if (i >= 1400 && single.isPresent() && single.get().anomalous()) {
                    aloneAlarms.add(i);
                }
            }
            Optional<Score> score = together.next(values);
            if (i >= 1400 && score.isPresent() && score.get().anomalous()) {
                first = score.get();
                firstAt = i;
            }
        }

        assertThat(first).as("an alarm within 20 windows of the shift").isNotNull();
        assertThat(firstAt).isLessThan(1410);
        assertThat(aloneAlarms).as("each metric judged alone by the same forest and likelihood").isEmpty();
        assertThat(first.explanation().summary()).contains("rcf").contains("cpu +").contains("latency +")
                .contains("load +").contains("% of the anomaly");
    }

    @Test
    void aDailyPatternIsLearnedAndOnlyItsBreakAlarms() {
        Random noise = new Random(14);
        double[] values = new double[24 * 40];
        for (int i = 0; i < values.length; i++) {
            int hour = i % 24;
            boolean dayShift = hour >= 8 && hour < 18;
            // busy during the day, quiet at night; on day 36 the day never comes
            boolean broken = i / 24 == 36;
            values[i] = (dayShift && !broken ? 80 : 20) + 2 * noise.nextGaussian();
        }
        Feed feed = Feed.hourly(series());

        List<Integer> alarms = alarms(feed, values, 24 * 14);

        assertThat(alarms).isNotEmpty().allMatch(i -> i / 24 == 36);
    }

    @Test
    void aForestRestoredFromASnapshotScoresExactlyAsTheOneSaved() throws IOException {
        Random noise = new Random(15);
        double[] values = new double[700];
        for (int i = 0; i < values.length; i++) {
            values[i] = wave(i, noise) + (i == 650 ? 15 : 0);
        }
        Detector before = series();
        Feed feed = minutes(before);
        for (int i = 0; i < 500; i++) {
            feed.next(values[i]);
        }
        Detector after = series();
        restore(after, snapshot(before));
        Feed restored = new Feed(after, Duration.ofMinutes(1));
        restored.gap(Duration.ofMinutes(500));

        for (int i = 500; i < values.length; i++) {
            Optional<Score> original = feed.next(values[i]);
            Optional<Score> again = restored.next(values[i]);
            assertThat(again.map(Score::score)).as("minute %d", i).isEqualTo(original.map(Score::score));
        }
        assertThat(after.ensemble().size()).isEqualTo(1);
    }

    @Test
    void entitiesBeyondTheBoundAreJudgedByTheirScorersAlone() {
        Detector detector = load("""
                detectors:
                  few:
                    stream: metrics
                    scorers: {robust-z: {threshold: 3.5}}
                    models: {rcf: {}}
                    likelihood: {min-values: 2, max-entities: 1}
                """);
        minutes(detector).all(Feed.noisy(10, 30)); // pump-1 takes the one place
        List<Score> scores = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            detector.evaluate(new FeatureVector("mqtt", "pump-2", new TreeMap<>(), Feed.START.plusSeconds(60L * i),
                    Feed.START.plusSeconds(60L * i + 60), Map.of("mean", 10.0 + i % 3))).ifPresent(scores::add);
        }

        assertThat(detector.ensemble().size()).isEqualTo(1);
        assertThat(detector.ensemble().refusals()).isPositive();
        assertThat(scores).isNotEmpty().allSatisfy(s -> assertThat(s.explanation().findings())
                .extracting(Finding::scorer).doesNotContain(Ensemble.LIKELIHOOD));
    }

    private static byte[] snapshot(Detector detector) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            detector.states().writeSnapshot(out);
            detector.ensemble().writeSnapshot(out);
        }
        return bytes.toByteArray();
    }

    private static void restore(Detector detector, byte[] snapshot) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
            detector.states().readSnapshot(in);
            detector.ensemble().readSnapshot(in);
        }
    }
}
