package dev.vigil.features.state;

import java.time.Instant;

/**
 * What the learned state of one feature of one entity says is normal, read by the scorers <em>before</em> the new
 * value is learned, so a value is always judged against what came before it. Statistics that have not seen enough
 * values yet are {@code NaN}: the window statistics and the EWMA from the first value on (a single value has spread 0),
 * the trend and the typical interval from the second.
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

    /**
     * A statistic the series learns because its spec names it (a quantile sketch, a seasonal profile), to read only:
     * null when the spec does not name it.
     */
    <S extends Statistic> S statistic(StatisticKind<S> kind);

    /** Trend: change of the level per value learned (Holt's double exponential smoothing). */
    double trend();

    /** Time of the newest value learned, null before the first. */
    Instant lastSeen();

    /** Typical gap between consecutive values (EWMA of the intervals), null before the second value. */
    java.time.Duration typicalInterval();
}
