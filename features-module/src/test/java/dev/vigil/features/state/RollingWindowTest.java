package dev.vigil.features.state;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RollingWindowTest {

    @Test
    void madEqualsTheMedianOfTheSortedDeviationsForOddEvenAndTiedWindows() {
        Random random = new Random(3);
        for (int capacity : new int[] { 2, 3, 4, 7, 60, 61 }) {
            for (int trial = 0; trial < 200; trial++) {
                RollingWindow window = new RollingWindow(capacity);
                int n = 1 + random.nextInt(capacity + 5);
                double[] all = new double[n];
                for (int i = 0; i < n; i++) {
                    // few distinct values make ties on both sides of the median common
                    all[i] = trial % 2 == 0 ? random.nextInt(5) : random.nextGaussian() * 100;
                    window.add(all[i]);
                }
                double[] kept = Arrays.copyOfRange(all, Math.max(0, n - capacity), n);
                double median = median(kept);
                double[] deviations = Arrays.stream(kept).map(v -> Math.abs(v - median)).toArray();
                assertThat(window.median()).isEqualTo(median);
                assertThat(window.mad()).as("capacity %d, values %s", capacity, Arrays.toString(kept))
                        .isEqualTo(median(deviations));
            }
        }
    }

    @Test
    void aSingleValueHasNoSpread() {
        RollingWindow window = new RollingWindow(5);
        window.add(-4);
        assertThat(window.median()).isEqualTo(-4.0);
        assertThat(window.mad()).isZero();
        assertThat(window.stdDev()).isZero();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
