package dev.vigil.features.state;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;

/**
 * Something a series learns only when a scorer reads it (a quantile sketch, a seasonal profile), beside the rolling
 * window, EWMA, trend and interval every series keeps: the model half of EGADS' model / detector split for per-series
 * statistics. A scorer names the {@link StatisticKind}s it reads, the detector puts them in its {@link StateSpec},
 * and {@link SeriesState} creates, feeds, snapshots and restores them without knowing what they are; so a new
 * statistic is a new class and kind, not an edit of the series, its spec, its snapshot format and the scorer contract
 * together.
 * <p>
 * Scorers read a statistic through {@link SeriesView#statistic} before the value is learned and must not change it.
 * Not thread-safe: the series' monitor guards it.
 */
public interface Statistic {

    /** Learns one finite value of the series at {@code at}, in time order. */
    void learn(Instant at, double value);

    /** Writes what it has learned, exactly: a restored statistic answers and learns as the original. */
    void writeTo(DataOutput out) throws IOException;

    /** Reads what {@link #writeTo} wrote into this new statistic of the same kind and parameters. */
    void readFrom(DataInput in) throws IOException;
}
