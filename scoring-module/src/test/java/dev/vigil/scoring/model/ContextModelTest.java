package dev.vigil.scoring.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Score;
import dev.vigil.scoring.Detector;
import dev.vigil.scoring.Feed;
import dev.vigil.scoring.model.context.ContextKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contextual-novelty model ({@link ContextKind}) on hand-made series: alone (its raw surprise) and as the one member of a detector judged
 * by its likelihood.
 */
class ContextModelTest {

    private static final String DETECTOR = """
            detectors:
              context:
                stream: metrics
                feature: mean
                scorers:
                  robust-z: {threshold: 3.5}
                models:
                  context: {levels: 8, order: 4}
                likelihood: {scorers: [], long: 5000, min-values: 100, threshold: 4, refractory: 100,
                             refractory-from: alarm}
            """;

    private static Detector detector() {
        return ModelBackedDetectorTest.load(DETECTOR);
    }

    /** A swing between 0 and 100 over a period of 40 windows, with a little noise. */
    private static double swing(int i, Random noise) {
        return 50 + 50 * Math.sin(2 * Math.PI * i / 40.0) + noise.nextGaussian();
    }

    private static List<Integer> alarms(double[] values, int from) {
        return ModelBackedDetectorTest.alarms(ModelBackedDetectorTest.minutes(detector()), values, from);
    }

    /** The model's raw scores of the values, each scored before it is learned. */
    private static double[] raw(EntityModel model, double[] values) {
        double[] raw = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            raw[i] = model.score(new double[] {values[i]});
            model.learn(new double[] {values[i]});
        }
        return raw;
    }

    @Test
    void aValueBeyondEverythingSeenIsNewAfterEveryContextAndAlarmsAtOnce() {
        Random noise = new Random(21);
        double[] values = new double[1200];
        for (int i = 0; i < values.length; i++) {
            values[i] = swing(i, noise) + (i == 1000 ? 90 : 0);
        }
        double[] raw = raw(ContextKind.defaults().create(1, 0), values);

        double usual = java.util.Arrays.stream(raw, 600, 1000).max().orElseThrow();
        assertThat(raw[1000]).as("the spike against the largest surprise of the 400 windows before it")
                .isGreaterThan(usual);
        // the alarm and the window after it are scored as they are (hold 2), then the refractory period holds it
        assertThat(alarms(values, 300)).startsWith(1000).allMatch(i -> i <= 1001);
    }

    @Test
    void aFlatStretchInsideTheUsualRangeIsNewInItsContextThoughNoValueIs() {
        Random noise = new Random(22);
        double[] values = new double[1200];
        for (int i = 0; i < values.length; i++) {
            // from minute 1000 the swing stops part-way up for 30 windows: every value is one the series passes through
            values[i] = i >= 1000 && i < 1030 ? 60 + noise.nextGaussian() : swing(i, noise);
        }

        List<Integer> alarms = alarms(values, 300);
        double[] raw = raw(ContextKind.defaults().create(1, 0), values);
        assertThat(alarms).isNotEmpty().allMatch(i -> i >= 1000 && i < 1030);
        Score first = firstAlarm(values);
        Finding decision = first.explanation().findings().get(0);
        assertThat(decision.scorer()).isEqualTo(Ensemble.LIKELIHOOD);
        assertThat(decision.description()).contains("context: 1 in ").contains("% new after its last 0 to 4 windows");
    }

    @Test
    void aLevelShiftAlarmsOnceAndTheNewLevelIsLearned() {
        Random noise = new Random(23);
        double[] values = new double[2000];
        for (int i = 0; i < values.length; i++) {
            values[i] = swing(i, noise) + (i >= 1000 ? 60 : 0);
        }

        List<Integer> alarms = alarms(values, 300);

        assertThat(alarms).isNotEmpty().allMatch(i -> i >= 1000 && i <= 1003);
        double[] raw = raw(ContextKind.defaults().create(1, 0), values);
        assertThat(raw[1900]).as("after 900 windows at the new level it is routine").isLessThan(raw[1000] / 2);
    }

    @Test
    void aModelReadBackFromItsSnapshotScoresExactlyAsTheOneWritten() throws IOException {
        Random noise = new Random(24);
        double[] values = new double[900];
        for (int i = 0; i < values.length; i++) {
            values[i] = swing(i, noise) + (i == 800 ? 60 : 0);
        }
        ContextKind kind = ContextKind.defaults();
        EntityModel before = kind.create(1, 0);
        raw(before, java.util.Arrays.copyOf(values, 500));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        before.write(new DataOutputStream(bytes));
        EntityModel after = kind.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 1);

        double[] rest = java.util.Arrays.copyOfRange(values, 500, values.length);
        assertThat(raw(after, rest)).containsExactly(raw(before, rest));
        assertThat(bytes.size()).as("fixed memory: two tables of 4096 cells").isLessThan(40_000);
    }

    private static Score firstAlarm(double[] values) {
        Feed feed = ModelBackedDetectorTest.minutes(detector());
        for (double value : values) {
            Optional<Score> score = feed.next(value);
            if (score.isPresent() && score.get().anomalous() && feed.nextStart().isAfter(Feed.START.plusSeconds(60 * 300))) {
                return score.get();
            }
        }
        throw new AssertionError("no alarm");
    }
}
