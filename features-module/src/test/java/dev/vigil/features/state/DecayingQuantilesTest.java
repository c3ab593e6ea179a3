package dev.vigil.features.state;

import java.util.Random;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DecayingQuantilesTest {

    @Test
    void answersExactlyAsTheLibrarysCollapsingLowestDenseSketch() {
        // one mapping serves every sketch: the answers must be those of a sketch with a mapping of its own
        DecayingQuantiles sketch = new DecayingQuantiles(100_000);
        DDSketch own = DDSketches.collapsingLowestDense(DecayingQuantiles.RELATIVE_ACCURACY, DecayingQuantiles.MAX_BINS);
        Random random = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            double value = i % 97 == 0 ? 0 : (random.nextBoolean() ? 1 : -1) * Math.exp(random.nextGaussian() * 6);
            sketch.add(value);
            own.accept(value);
        }
        for (double q = 0; q <= 1; q += 0.005) {
            assertThat(sketch.quantile(q)).as("q %s", q).isEqualTo(own.getValueAtQuantile(q));
        }
    }

    @Test
    void anOldRegimeIsForgottenAfterTwoGenerations() {
        DecayingQuantiles sketch = new DecayingQuantiles(100);
        for (int i = 0; i < 100; i++) {
            sketch.add(1000);
        }
        for (int i = 0; i < 50; i++) {
            sketch.add(10);
        }
        // one generation of 1000s and half of one of 10s: both still answer
        assertThat(sketch.quantile(0.5)).isCloseTo(1000, within(10.0));

        for (int i = 0; i < 50; i++) {
            sketch.add(10);
        }
        sketch.add(10); // rotation: the 1000s' generation is dropped
        assertThat(sketch.quantile(1)).isCloseTo(10, within(0.1));
    }

    @Test
    void justAfterARotationThePreviousGenerationStillAnswers() {
        DecayingQuantiles sketch = new DecayingQuantiles(10);
        for (int i = 0; i < 10; i++) {
            sketch.add(5);
        }
        sketch.add(500);

        assertThat(sketch.quantile(0.5)).isCloseTo(5, within(0.05));
        assertThat(sketch.quantile(1)).isCloseTo(500, within(5.0));
    }

    @Test
    void negativeValuesAndZeroAreQuantiledToo() {
        DecayingQuantiles sketch = new DecayingQuantiles(1000);
        for (int i = -50; i <= 50; i++) {
            sketch.add(i);
        }
        assertThat(sketch.quantile(0)).isCloseTo(-50, within(0.5));
        assertThat(sketch.quantile(0.5)).isEqualTo(0.0);
        assertThat(sketch.quantile(1)).isCloseTo(50, within(0.5));
    }
}
