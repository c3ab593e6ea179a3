package dev.vigil.scoring;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Score;
import dev.vigil.scoring.cusum.CusumScorer;
import dev.vigil.scoring.percentile.PercentileScorer;
import dev.vigil.scoring.robustz.RobustZScorer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CalibrationTest {

    private static final Calibration CALIBRATION = new Calibration(1000, 1, 100, 4);

    private static Detector detector(Calibration calibration) {
        return new Detector("calibrated", List.of("mean"), FeatureKind.GAUGE, BaselineSettings.defaults(10),
                List.of(new RobustZScorer(3.5), new CusumScorer(0.5, 5), new PercentileScorer(0.01, 0.99, 2)),
                Combination.max(), calibration);
    }

    /** Heavy-tailed noise: mostly small, every so often a jump of several sigmas, as NAB's noisy series are. */
    private static double[] noisy(int n, long seed) {
        Random random = new Random(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = 100 + random.nextGaussian() + (random.nextInt(15) == 0 ? 8 * random.nextGaussian() : 0);
        }
        return values;
    }

    @Test
    void aNoisySeriesRoutineDeviationsScoreLowAfterLearningWhileRawTheyAlarm() {
        double[] values = noisy(3000, 1);
        Feed calibrated = Feed.hourly(detector(CALIBRATION));
        Feed raw = Feed.hourly(detector(null));
        int rawAlarms = 0;
        int calibratedAlarms = 0;
        for (int i = 0; i < values.length; i++) {
            Optional<Score> c = calibrated.next(values[i]);
            Optional<Score> r = raw.next(values[i]);
            if (i >= 1000) {
                rawAlarms += r.orElseThrow().anomalous() ? 1 : 0;
                calibratedAlarms += c.orElseThrow().anomalous() ? 1 : 0;
            }
        }
        // the raw detector calls many of the routine jumps anomalies; calibrated, most of them are this series' normal
        // (the largest of a heavy tail stay unusual)
        assertThat(rawAlarms).isGreaterThan(50);
        assertThat(calibratedAlarms).as("calibrated alarms, raw %d", rawAlarms).isLessThan(rawAlarms / 2);
    }

    @Test
    void aBreakStillScoresHighAndSaysHowUnusualItIsForThisSeries() {
        double[] values = noisy(2000, 2);
        Feed feed = Feed.hourly(detector(CALIBRATION));
        feed.all(values);

        Score score = feed.next(300).orElseThrow();

        assertThat(score.anomalous()).isTrue();
        assertThat(score.score()).isGreaterThan(0.6);
        Finding lead = score.explanation().findings().get(0);
        assertThat(lead.scorer()).isEqualTo(Calibration.NAME);
        assertThat(score.explanation().summary())
                .contains("is unusual even for this series", "σ above its own history", "its deviations are usually",
                        "(calibrate, limit 4.0σ)", "strongest raw finding: ")
                .contains("robust z");
        // the raw findings stay in the explanation, after the one that decided
        assertThat(score.explanation().findings()).extracting(Finding::scorer)
                .contains("robust-z", "cusum", "percentile");
    }

    @Test
    void aYoungSeriesPassesItsRawFindingsThrough() {
        Feed calibrated = Feed.hourly(detector(CALIBRATION));
        Feed raw = Feed.hourly(detector(null));
        double[] quiet = Feed.noisy(20, 30);
        calibrated.all(quiet);
        raw.all(quiet);

        Score spike = calibrated.next(40).orElseThrow();

        assertThat(spike).isEqualTo(raw.next(40).orElseThrow());
        assertThat(spike.anomalous()).isTrue();
        assertThat(spike.explanation().summary()).contains("robust z");
    }

    @Test
    void calibrationDecidesOnceItHasLearnedMinValuesFindings() {
        Feed feed = Feed.hourly(detector(new Calibration(1000, 1, 20, 4)));
        List<Optional<Score>> scores = feed.all(noisy(10 + 21, 3));

        assertThat(scores.get(10 + 19).orElseThrow().explanation().findings().get(0).scorer())
                .isNotEqualTo(Calibration.NAME);
        assertThat(scores.get(10 + 20).orElseThrow().explanation().findings().get(0).scorer())
                .isEqualTo(Calibration.NAME);
    }

    @Test
    void aRestoredSnapshotScoresExactlyAsTheUninterruptedRun() throws IOException {
        Calibration calibration = new Calibration(500, 3, 50, 4, 10, 2, Calibration.Refractory.END);
        double[] values = noisy(600, 4);
        values[297] = 200; // an alarm just before the stop: its refractory period is carried across the restart
        values[450] = 200;
        Detector uninterrupted = detector(calibration);
        Feed before = Feed.hourly(uninterrupted);
        for (int i = 0; i < 300; i++) {
            before.next(values[i]);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        uninterrupted.states().writeSnapshot(new DataOutputStream(bytes));

        Detector restarted = detector(calibration);
        restarted.states().readSnapshot(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        Feed after = new Feed(restarted, Duration.ofHours(1));
        after.gap(Duration.between(Feed.START, before.nextStart()));

        for (int i = 300; i < values.length; i++) {
            assertThat(after.next(values[i])).as("value %d", i).isEqualTo(before.next(values[i]));
        }
    }

    @Test
    void aRefractoryPeriodLetsTheAlarmAndItsHoldStandThenHoldsTheIncidentBelowTheLimit() {
        Feed feed = Feed.hourly(detector(new Calibration(1000, 1, 100, 4, 5, 2, Calibration.Refractory.ALARM)));
        feed.all(noisy(1000, 5));

        List<Optional<Score>> incident = feed.all(300, 310, 320, 330, 340, 350, 360, 370, 380);

        assertThat(incident.subList(0, 2)).allSatisfy(s -> assertThat(s.orElseThrow().anomalous()).isTrue());
        assertThat(incident.subList(2, 7)).allSatisfy(s -> {
            assertThat(s.orElseThrow().anomalous()).isFalse();
            assertThat(s.orElseThrow().score()).isCloseTo(Score.normalise(Calibration.HELD), within(1e-12));
            assertThat(s.orElseThrow().explanation().summary()).startsWith("held below the limit, ")
                    .contains("refractory period after an alarm", "robust z");
        });
        // the refractory period is over: a lasting incident alarms again
        assertThat(incident.get(7).orElseThrow().anomalous()).isTrue();
    }

    @Test
    void fromTheEndOfAnIncidentItAlarmsAsLongAsTheIncidentLastsAndHoldsOnlyARelapse() {
        Feed feed = Feed.hourly(detector(new Calibration(1000, 1, 100, 4, 5, 2, Calibration.Refractory.END)));
        double[] quiet = noisy(1000, 5);
        feed.all(quiet);

        List<Optional<Score>> incident = feed.all(300, 310, 320, 330, 340, 350);
        feed.all(100, 100);
        Optional<Score> relapse = feed.next(300);
        feed.all(100, 100, 100, 100);
        Optional<Score> later = feed.next(300);

        assertThat(incident).allSatisfy(s -> assertThat(s.orElseThrow().anomalous()).isTrue());
        assertThat(relapse.orElseThrow().anomalous()).isFalse();
        assertThat(relapse.orElseThrow().explanation().summary())
                .startsWith("held below the limit, 4 more values of refractory period after an incident: ");
        assertThat(later.orElseThrow().anomalous()).isTrue();
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new Calibration(1, 1, 100, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Calibration(100, 200, 100, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Calibration(100, 1, 100, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Calibration(100, 1, 100, 4, -1, 2, Calibration.Refractory.END)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Calibration(100, 1, 100, 4, 10, 0, Calibration.Refractory.ALARM)).isInstanceOf(IllegalArgumentException.class);
    }
}
