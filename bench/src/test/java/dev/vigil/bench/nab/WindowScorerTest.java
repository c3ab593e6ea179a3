package dev.vigil.bench.nab;

import org.junit.jupiter.api.Test;

import static dev.vigil.bench.nab.TestSeries.STANDARD;
import static dev.vigil.bench.nab.TestSeries.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WindowScorerTest {

    // 100 rows: probation = rows 0..14, one window at rows 40..49 (width 10)
    private final DataFile file = file("cat/a.csv", 100, new int[] {40, 49});
    private final ScoredFile scored = WindowScorer.score(file, new double[100], STANDARD);

    @Test
    void probationIsFifteenPercentCappedAt750() {
        assertThat(WindowScorer.probationaryLength(100)).isEqualTo(15.0);
        assertThat(WindowScorer.probationaryLength(1127)).isEqualTo(169.0); // floor(169.05)
        assertThat(WindowScorer.probationaryLength(5000)).isEqualTo(750.0);
        assertThat(WindowScorer.probationaryLength(22695)).isEqualTo(750.0);
        assertThat(scored.windowOf()[14]).isEqualTo(ScoredFile.PROBATIONARY);
        assertThat(scored.windowOf()[15]).isEqualTo(ScoredFile.OUTSIDE);
    }

    @Test
    void rowsInTheWindowBelongToIt() {
        assertThat(scored.windowOf()[39]).isEqualTo(ScoredFile.OUTSIDE);
        assertThat(scored.windowOf()[40]).isZero();
        assertThat(scored.windowOf()[49]).isZero();
        assertThat(scored.windowOf()[50]).isEqualTo(ScoredFile.OUTSIDE);
    }

    @Test
    void detectionAtTheWindowStartEarnsTheFullTpWeightAndLaterLess() {
        double[] s = scored.sweepScores();
        assertThat(s[40]).isEqualTo(1.0);
        for (int i = 41; i <= 49; i++) {
            assertThat(s[i]).isLessThan(s[i - 1]).isPositive();
        }
        // last row: position -1/width
        assertThat(s[49]).isCloseTo(ScaledSigmoid.of(-0.1) / ScaledSigmoid.MAX_TP, within(1e-12));
    }

    @Test
    void falsePositivesBeforeAnyWindowCostTheFullFpWeight() {
        assertThat(scored.sweepScores()[20]).isEqualTo(-0.11);
        assertThat(scored.sweepScores()[39]).isEqualTo(-0.11);
    }

    @Test
    void falsePositivesAfterAWindowCostMoreTheFurtherAway() {
        double[] s = scored.sweepScores();
        // position past the window = (i - 49) / (10 - 1)
        assertThat(s[50]).isCloseTo(ScaledSigmoid.of(1.0 / 9) * 0.11, within(1e-15));
        assertThat(s[50]).isNegative().isGreaterThan(-0.11 / 2);
        for (int i = 51; i < 100; i++) {
            assertThat(s[i]).isLessThanOrEqualTo(s[i - 1]);
        }
        assertThat(s[49 + 28]).isEqualTo(-0.11); // 28/9 > 3 widths
    }
}
