package dev.vigil.features.baseline;

import java.util.Arrays;

/**
 * The last {@code capacity} values of one feature of one entity, and their statistics. Memory is fixed per entity.
 * Not thread-safe: {@link Baselines} hands each caller the baseline under its own lock.
 */
public final class RollingBaseline {

    private final double[] values;
    private int size;
    private int next;

    public RollingBaseline(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("baseline capacity must be at least 2, got " + capacity);
        }
        this.values = new double[capacity];
    }

    public void add(double value) {
        values[next] = value;
        next = (next + 1) % values.length;
        size = Math.min(size + 1, values.length);
    }

    public BaselineStats stats() {
        if (size == 0) {
            return new BaselineStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] sorted = Arrays.copyOf(values, size);
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        double mean = sum / size;
        double squares = 0;
        for (double v : sorted) {
            squares += (v - mean) * (v - mean);
        }
        Arrays.sort(sorted);
        double median = median(sorted);
        double[] deviations = new double[size];
        for (int i = 0; i < size; i++) {
            deviations[i] = Math.abs(sorted[i] - median);
        }
        Arrays.sort(deviations);
        return new BaselineStats(size, mean, Math.sqrt(squares / size), median, median(deviations));
    }

    private static double median(double[] sorted) {
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
