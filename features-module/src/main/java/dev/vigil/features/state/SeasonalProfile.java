package dev.vigil.features.state;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.Locale;

/**
 * What a series does at each hour of the day or of the week (UTC): per bucket a count, a mean and a variance. A
 * bucket's newest value weighs {@code max(alpha, 1 / count)}: its first values are averaged plainly, so a bucket is
 * not anchored on its first value, and once it has seen {@code 1 / alpha} values it follows them like an EWMA
 * ({@code alpha} is the series' EWMA weight).
 * <p>
 * A series keeps one when a scorer reads {@link #HOUR_OF_DAY} or {@link #HOUR_OF_WEEK} (the {@code seasonal}
 * scorer).
 */
public final class SeasonalProfile implements Statistic {

    /** What a series does at each hour of the day. */
    public static final StatisticKind<SeasonalProfile> HOUR_OF_DAY = kindFor(Seasonality.HOUR_OF_DAY);
    /** What a series does at each hour of the week, Monday 00:00 UTC first. */
    public static final StatisticKind<SeasonalProfile> HOUR_OF_WEEK = kindFor(Seasonality.HOUR_OF_WEEK);

    private static final long SECONDS_PER_HOUR = 3600;
    /** 1970-01-01 was a Thursday; shifting by three days makes hour-of-week 0 Monday 00:00 UTC. */
    private static final long EPOCH_TO_MONDAY_HOURS = 3 * 24;

    private final Seasonality seasonality;
    private final double alpha;
    private final long[] counts;
    private final double[] means;
    private final double[] variances;

    SeasonalProfile(Seasonality seasonality, double alpha) {
        this.seasonality = seasonality;
        this.alpha = alpha;
        this.counts = new long[seasonality.buckets()];
        this.means = new double[seasonality.buckets()];
        this.variances = new double[seasonality.buckets()];
    }

    /** The kind of profile that learns {@code seasonality}. */
    public static StatisticKind<SeasonalProfile> kind(Seasonality seasonality) {
        return seasonality == Seasonality.HOUR_OF_DAY ? HOUR_OF_DAY : HOUR_OF_WEEK;
    }

    private static StatisticKind<SeasonalProfile> kindFor(Seasonality seasonality) {
        return StatisticKind.of("seasonal-" + seasonality.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                SeasonalProfile.class, alpha -> new SeasonalProfile(seasonality, alpha));
    }

    /** The bucket of {@code at}: hour of the day 0..23, or hour of the week 0..167 from Monday 00:00 UTC. */
    int bucket(Instant at) {
        long hours = Math.floorDiv(at.getEpochSecond(), SECONDS_PER_HOUR);
        return (int) Math.floorMod(hours + EPOCH_TO_MONDAY_HOURS, (long) seasonality.buckets());
    }

    @Override
    public void learn(Instant at, double value) {
        int b = bucket(at);
        long n = ++counts[b];
        double weight = Math.max(alpha, 1.0 / n);
        double diff = value - means[b];
        means[b] += weight * diff;
        variances[b] = (1 - weight) * (variances[b] + weight * diff * diff);
    }

    /** The mean of the bucket of {@code at}; NaN while the bucket has learned nothing. */
    public double expected(Instant at) {
        int b = bucket(at);
        return counts[b] == 0 ? Double.NaN : means[b];
    }

    /** The standard deviation of the bucket of {@code at}; NaN while the bucket has learned nothing. */
    public double spread(Instant at) {
        int b = bucket(at);
        return counts[b] == 0 ? Double.NaN : Math.sqrt(variances[b]);
    }

    /** Values the bucket of {@code at} has learned. */
    public long count(Instant at) {
        return counts[bucket(at)];
    }

    /** Writes only the buckets that have learned something: a young series' profile is mostly empty. */
    @Override
    public void writeTo(DataOutput out) throws IOException {
        int used = 0;
        for (long count : counts) {
            used += count > 0 ? 1 : 0;
        }
        out.writeShort(used);
        for (int b = 0; b < counts.length; b++) {
            if (counts[b] > 0) {
                out.writeShort(b);
                out.writeLong(counts[b]);
                out.writeDouble(means[b]);
                out.writeDouble(variances[b]);
            }
        }
    }

    @Override
    public void readFrom(DataInput in) throws IOException {
        int used = in.readUnsignedShort();
        for (int i = 0; i < used; i++) {
            int b = in.readUnsignedShort();
            if (b >= counts.length) {
                throw new IOException("corrupt seasonal profile: bucket " + b + " of " + counts.length);
            }
            counts[b] = in.readLong();
            means[b] = in.readDouble();
            variances[b] = in.readDouble();
        }
    }
}
