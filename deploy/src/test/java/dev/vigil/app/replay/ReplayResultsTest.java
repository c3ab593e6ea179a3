package dev.vigil.app.replay;

import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Replay writes scores as it always has, {@code %.6f} rounded half up, without the formatter's cost. */
class ReplayResultsTest {

    @Test
    void aScoreIsWrittenAsStringFormatWritesIt() {
        double[] edges = {1, 0.5, 1e-7, 5e-7, 4.9e-7, 0.0000005, 0.0000015, 0.1234565, 0.9999995, 0.99999949999,
                0.000001, 0.1, 1.0 / 3, 2.0 / 3, Double.MIN_VALUE, 0.5000005, 0.4999995, 0.123456500001, 0.7777775};
        for (double score : edges) {
            assertThat(ReplayResults.format(score)).as("%s", score)
                    .isEqualTo(String.format(Locale.ROOT, "%.6f", score));
        }
        Random random = new Random(3);
        for (int i = 0; i < 200_000; i++) {
            double r = Math.exp(random.nextGaussian() * 4);
            double score = i % 2 == 0 ? r / (1 + r) : Math.round(random.nextDouble() * 2e7) / 2e7;
            assertThat(ReplayResults.format(score)).as("%s", score)
                    .isEqualTo(score == 0 ? "0" : String.format(Locale.ROOT, "%.6f", score));
        }
        assertThat(ReplayResults.format(0)).isEqualTo("0");
        assertThat(ReplayResults.format(-0.0)).isEqualTo("0");
    }
}
