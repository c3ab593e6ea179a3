package dev.vigil.features.state;

import java.time.Instant;

/**
 * What the learned state of one feature of one entity says is normal, read by the scorers <em>before</em> the new
 * value is learned, so a value is always judged against what came before it. Statistics a {@link StateSpec} did not
 * ask for, or that have not seen enough values yet, are {@code NaN}:
 * the window statistics and the EWMA from the first value on (a single value has spread 0), the trend and the typical
 * interval from the second, a seasonal bucket from its first value.
 */
public interface SeriesView {

    /** Scales a MAD to a standard deviation for normally distributed data. */
    double MAD_TO_SIGMA = 1.4826;

    /** Values learned over the series' life (not bounded by the rolling window). */
    long count();

    /** Values in the rolling window, at most {@link StateSpec#window()}. */
    int windowSize();

    /** Mean of the rolling window. */
    double mean();

    /** Population standard deviation of the rolling window. */
    double stdDev();

    /** Median of the rolling window. */
    double median();

    /** Median absolute deviation from the median of the rolling window (unscaled: multiply by {@link #MAD_TO_SIGMA} for a sigma). */
    double mad();

    /** Exponentially weighted moving average, weight {@link StateSpec#ewmaAlpha()} on the newest value. */
    double ewmaMean();

    /** Exponentially weighted standard deviation around {@link #ewmaMean()}, same weight. */
    double ewmaStdDev();

    /** The {@code q}-quantile (0..1) of the values seen, from a quantile sketch; NaN without quantiles in the spec. */
    double quantile(double q);

    /** What the seasonal profile expects in the bucket (hour of day or of week) of {@code at}. */
    double seasonalExpected(Instant at);

    /** The spread (a standard deviation) of the seasonal bucket of {@code at}. */
    double seasonalSpread(Instant at);

    /** Values the seasonal bucket of {@code at} has learned; 0 without seasonality in the spec. */
    long seasonalCount(Instant at);

    /** Trend: change of the level per value learned (Holt's double exponential smoothing). */
    double trend();

    /** Time of the newest value learned, null before the first. */
    Instant lastSeen();

    /** Typical gap between consecutive values (EWMA of the intervals), null before the second value. */
    java.time.Duration typicalInterval();
}
