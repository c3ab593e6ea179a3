package dev.vigil.contracts;

import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NumbersTest {

    private static final double[] EDGES = { 0, -0.0, 1, -1, 0.5, 0.05, 0.125, 1.0005, 9.9995, 99.995, 9999.5, 9999.4,
            10000, 12345.678, 1e-4, 9.99951e-5, 1.2345e-7, 3.7065, 103.7065, 246.2935, 13.7065, 1e300, -2.5e-12,
            Double.MIN_VALUE, Double.MAX_VALUE, -0.04, -0.05, -0.06, 2.25, 2.35, 0.95 };

    @Test
    void writesSignificantDigitsAsTheFormatterDoes() {
        for (double v : EDGES) {
            for (int digits = 1; digits <= 5; digits++) {
                assertThat(Numbers.significant(v, digits)).as("%s to %d digits", v, digits)
                        .isEqualTo(String.format(Locale.ROOT, "%." + digits + "g", v));
            }
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            double v = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-8, 9));
            assertThat(Numbers.significant(v, 4)).as("%s", v).isEqualTo(String.format(Locale.ROOT, "%.4g", v));
        }
    }

    @Test
    void writesFixedDecimalsAsTheFormatterDoes() {
        for (double v : EDGES) {
            for (int decimals = 0; decimals <= 3; decimals++) {
                assertThat(Numbers.fixed(v, decimals)).as("%s to %d decimals", v, decimals)
                        .isEqualTo(String.format(Locale.ROOT, "%." + decimals + "f", v));
            }
        }
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 20_000; i++) {
            double v = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-3, 7));
            assertThat(Numbers.fixed(v, 1)).as("%s", v).isEqualTo(String.format(Locale.ROOT, "%.1f", v));
        }
    }

    @Test
    void writesWhatIsNotANumberInWords() {
        assertThat(Numbers.significant(Double.NaN, 4)).isEqualTo(String.format(Locale.ROOT, "%.4g", Double.NaN));
        assertThat(Numbers.fixed(Double.POSITIVE_INFINITY, 1))
                .isEqualTo(String.format(Locale.ROOT, "%.1f", Double.POSITIVE_INFINITY));
    }
}
