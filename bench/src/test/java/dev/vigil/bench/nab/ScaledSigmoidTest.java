package dev.vigil.bench.nab;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScaledSigmoidTest {

    @Test
    void matchesTheValuesNabDocuments() {
        assertThat(ScaledSigmoid.of(-1.0)).isCloseTo(0.98661, within(1e-5));
        assertThat(ScaledSigmoid.of(-0.5)).isCloseTo(0.84828, within(1e-5));
        assertThat(ScaledSigmoid.of(0.0)).isEqualTo(0.0);
        assertThat(ScaledSigmoid.of(1.0)).isCloseTo(-0.98661, within(1e-5));
        assertThat(ScaledSigmoid.MAX_TP).isEqualTo(ScaledSigmoid.of(-1.0));
    }

    @Test
    void isExactlyMinusOneBeyondThreeAndDecreasing() {
        assertThat(ScaledSigmoid.of(3.0)).isGreaterThan(-1.0);
        assertThat(ScaledSigmoid.of(3.0000001)).isEqualTo(-1.0);
        assertThat(ScaledSigmoid.of(100)).isEqualTo(-1.0);
        for (double x = -1.0; x < 3.0; x += 0.05) {
            assertThat(ScaledSigmoid.of(x + 0.05)).isLessThan(ScaledSigmoid.of(x));
        }
    }
}
