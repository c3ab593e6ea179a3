package dev.vigil.bench.nab;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.vigil.bench.nab.TestSeries.STANDARD;
import static dev.vigil.bench.nab.TestSeries.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SweeperTest {

    private final DataFile file = file("cat/a.csv", 100, new int[] {40, 49}, new int[] {70, 79});

    private List<ThresholdScore> sweep(double[] scores) {
        return Sweeper.sweep(List.of(WindowScorer.score(file, scores, STANDARD)), STANDARD);
    }

    @Test
    void oneResultPerDistinctScoreHighestFirstStartingWithNothingDetected() {
        double[] s = new double[100];
        s[40] = 0.9;
        s[20] = 0.5;
        s[21] = 0.5;
        List<ThresholdScore> r = sweep(s);
        assertThat(r).extracting(ThresholdScore::threshold).containsExactly(1.1, 0.9, 0.5, 0.0);
        assertThat(r.get(0).score()).isEqualTo(-2.0);
        assertThat(r.get(0).windowsDetected()).isZero();
        assertThat(r.get(1).score()).isEqualTo(-1.0 + 1.0);
        assertThat(r.get(1).windowsDetected()).isEqualTo(1);
        assertThat(r.get(2).score()).isCloseTo(0.0 - 2 * 0.11, within(1e-12));
        assertThat(r.get(2).fp()).isEqualTo(2);
        // rows are counted after probation only: 85 scored rows
        assertThat(r).allSatisfy(t -> assertThat(t.total()).isEqualTo(85));
    }

    @Test
    void onlyTheEarliestDetectionInAWindowCounts() {
        double early = sweep(TestSeries.detections(100, 1.0, 42)).get(1).score();
        double earlyAndLater = sweep(TestSeries.detections(100, 1.0, 42, 45, 49)).get(1).score();
        assertThat(earlyAndLater).isEqualTo(early);
        double lateOnly = sweep(TestSeries.detections(100, 1.0, 47)).get(1).score();
        assertThat(lateOnly).isLessThan(early);
    }

    @Test
    void probationaryRowsAreNeitherScoredNorThresholds() {
        List<ThresholdScore> r = sweep(TestSeries.detections(100, 0.7, 3, 10));
        assertThat(r).extracting(ThresholdScore::threshold).containsExactly(1.1, 0.0);
        assertThat(r.get(0).score()).isEqualTo(-2.0);
    }

    @Test
    void atPicksTheResultCountingScoresGreaterOrEqual() {
        double[] s = new double[100];
        s[40] = 0.9;
        s[20] = 0.5;
        List<ThresholdScore> r = sweep(s);
        assertThat(Sweeper.at(r, 0.9).threshold()).isEqualTo(0.9);   // exactly: 0.9 >= 0.9 detected
        assertThat(Sweeper.at(r, 0.7).threshold()).isEqualTo(0.9);   // between: same detections as 0.9
        assertThat(Sweeper.at(r, 0.91).threshold()).isEqualTo(1.1);  // nothing detected
        assertThat(Sweeper.at(r, 0.5).threshold()).isEqualTo(0.5);
        assertThat(Sweeper.at(r, 2.0).threshold()).isEqualTo(1.1);
        assertThat(Sweeper.at(r, -1.0).threshold()).isEqualTo(0.0);  // below every score: everything detected
    }

    @Test
    void bestTakesTheHighestScoreAndOnTiesTheHighestThreshold() {
        double[] s = new double[100];
        s[40] = 0.9;   // catches window 1 at its start: +2 over nothing
        s[70] = 0.8;   // catches window 2 at its start
        s[20] = 0.3;   // a false positive
        ThresholdScore best = Sweeper.best(sweep(s));
        assertThat(best.threshold()).isEqualTo(0.8);
        assertThat(best.score()).isEqualTo(2.0);

        // a score at 0.6 inside an already detected window changes nothing: 0.8 and 0.6 tie, 0.8 wins
        s[45] = 0.6;
        List<ThresholdScore> r = sweep(s);
        assertThat(Sweeper.at(r, 0.6).score()).isEqualTo(Sweeper.at(r, 0.8).score());
        assertThat(Sweeper.best(r).threshold()).isEqualTo(0.8);
    }

    @Test
    void sweepingSeveralFilesAddsTheirScores() {
        DataFile other = file("cat/b.csv", 60, new int[] {30, 35});
        double[] a = TestSeries.detections(100, 1.0, 40);
        double[] b = TestSeries.detections(60, 1.0, 50);
        ScoredFile sa = WindowScorer.score(file, a, STANDARD);
        ScoredFile sb = WindowScorer.score(other, b, STANDARD);
        List<ThresholdScore> both = Sweeper.sweep(List.of(sa, sb), STANDARD);
        double expected = Sweeper.at(Sweeper.sweep(List.of(sa), STANDARD), 1.0).score()
                + Sweeper.at(Sweeper.sweep(List.of(sb), STANDARD), 1.0).score();
        assertThat(Sweeper.at(both, 1.0).score()).isCloseTo(expected, within(1e-12));
        assertThat(Sweeper.at(both, 1.0).windows()).isEqualTo(3);
    }
}
