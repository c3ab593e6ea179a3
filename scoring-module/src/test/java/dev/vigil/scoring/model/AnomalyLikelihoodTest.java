package dev.vigil.scoring.model;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AnomalyLikelihoodTest {

    private static final AnomalyLikelihood LIKELIHOOD = new AnomalyLikelihood(1000, 1, 50);

    @Test
    void ninesAreTheNormalTailInPowersOfTen() {
        assertThat(AnomalyLikelihood.nines(0)).isCloseTo(Math.log10(2), within(1e-6));
        assertThat(AnomalyLikelihood.nines(3.7190165)).isCloseTo(4, within(1e-3)); // Q(3.719) = 1e-4
        assertThat(AnomalyLikelihood.nines(8)).isCloseTo(-Math.log10(6.220960574e-16), within(1e-3));
        assertThat(AnomalyLikelihood.nines(-6)).isCloseTo(0, within(1e-6));
        assertThat(AnomalyLikelihood.nines(1e6)).isEqualTo(AnomalyLikelihood.MAX_SURPRISE);
    }

    @Test
    void abstainsWhileYoungThenJudgesRecentScoresAgainstTheMembersOwnHistory() {
        double[] slots = new double[AnomalyLikelihood.SLOTS];
        Random random = new Random(1);
        for (int i = 0; i < 50; i++) {
            assertThat(LIKELIHOOD.surprise(1 + 0.1 * random.nextGaussian(), slots, 0)).isNaN();
        }
        double usual = LIKELIHOOD.surprise(1.05, slots, 0);
        double unusual = LIKELIHOOD.surprise(3, slots, 0);

        assertThat(usual).isBetween(0.0, 1.0);
        assertThat(unusual).isGreaterThan(8);
        assertThat(LIKELIHOOD.usual(slots, 0)).matches("(0\\.9\\d|1\\.0) ± 0\\.\\d+");
    }

    @Test
    void aRoutinelyNoisyMemberIsLessSurprisedThanAQuietOneByTheSameScore() {
        double[] quiet = new double[AnomalyLikelihood.SLOTS];
        double[] noisy = new double[AnomalyLikelihood.SLOTS];
        Random random = new Random(2);
        for (int i = 0; i < 500; i++) {
            LIKELIHOOD.surprise(1 + 0.05 * random.nextGaussian(), quiet, 0);
            LIKELIHOOD.surprise(Math.abs(1 + 1.5 * random.nextGaussian()), noisy, 0);
        }

        assertThat(LIKELIHOOD.surprise(4, quiet, 0)).isGreaterThan(LIKELIHOOD.surprise(4, noisy, 0) + 5);
    }

    @Test
    void aMissingScoreIsNeitherJudgedNorLearned() {
        double[] slots = new double[AnomalyLikelihood.SLOTS];

        assertThat(LIKELIHOOD.surprise(Double.NaN, slots, 0)).isNaN();
        assertThat(slots).containsOnly(0);
    }

    @Test
    void oddsReadAsPeopleSayThem() {
        assertThat(AnomalyLikelihood.odds(4)).isEqualTo("1 in 10,000");
        assertThat(AnomalyLikelihood.odds(4.087)).isEqualTo("1 in 12,000");
        assertThat(AnomalyLikelihood.odds(6.5)).isEqualTo("1 in 3.2 million");
        assertThat(AnomalyLikelihood.odds(12.5)).isEqualTo("1 in 3.2 trillion");
        assertThat(AnomalyLikelihood.odds(17.2)).isEqualTo("1 in 10^17");
    }

    @Test
    void refusesAMemoryShorterThanItsRecentAverage() {
        assertThatThrownBy(() -> new AnomalyLikelihood(10, 20, 50)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AnomalyLikelihood(10, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
