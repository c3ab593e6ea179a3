package dev.vigil.scoring;

/**
 * How much each series of a {@link Detector} remembers and when it starts to be judged.
 *
 * @param window      values in the rolling window (mean, std, median, MAD); at least 2
 * @param ewmaAlpha   weight of the newest value in the EWMA, in (0, 1]
 * @param minValues   values a series must have learned before it is scored; earlier values only teach it
 * @param maxSeries   series the detector keeps state for; the least recently seen is evicted beyond that
 */
public record BaselineSettings(int window, double ewmaAlpha, int minValues, int maxSeries) {

    public static final int DEFAULT_WINDOW = 60;
    public static final double DEFAULT_EWMA_ALPHA = 0.1;
    public static final int DEFAULT_MIN_VALUES = 10;
    public static final int DEFAULT_MAX_SERIES = 100_000;

    public BaselineSettings {
        if (minValues < 2) {
            // fewer than two values have no spread, and every scorer would divide by the floor alone
            throw new IllegalArgumentException("a series needs at least 2 values before it is scored, got " + minValues);
        }
        if (maxSeries < 1) {
            throw new IllegalArgumentException("a detector must keep at least one series, got " + maxSeries);
        }
    }

    /** Window {@value #DEFAULT_WINDOW}, alpha {@value #DEFAULT_EWMA_ALPHA}, {@value #DEFAULT_MAX_SERIES} series. */
    public static BaselineSettings defaults(int minValues) {
        return new BaselineSettings(DEFAULT_WINDOW, DEFAULT_EWMA_ALPHA, minValues, DEFAULT_MAX_SERIES);
    }
}
