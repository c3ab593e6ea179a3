package dev.vigil.scoring.seasonal;

import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import dev.vigil.contracts.Finding;
import dev.vigil.features.state.SeasonalProfile;
import dev.vigil.features.state.Seasonality;
import dev.vigil.features.state.StatisticKind;
import dev.vigil.scoring.Deviation;
import dev.vigil.scoring.Scorer;
import dev.vigil.scoring.ScoringInput;

/**
 * Seasonal residual: how many of its bucket's standard deviations (floored) the value lies from what the seasonal
 * profile expects for the value's hour of the day or of the week (UTC). A series with a daily shape (traffic high
 * at noon, low at night) is judged against the same hour of earlier days, so the shape itself raises nothing and a
 * noon-sized value at 3 a.m. does. It stays quiet until the bucket has learned {@code minBucketValues} values,
 * because one or two values make neither an expectation nor a spread.
 */
public final class SeasonalScorer implements Scorer {

    public static final String NAME = "seasonal";
    public static final double DEFAULT_LIMIT = 3.0;
    public static final int DEFAULT_MIN_BUCKET_VALUES = 3;

    private final Seasonality seasonality;
    private final StatisticKind<SeasonalProfile> profile;
    private final double limit;
    private final int minBucketValues;

    /**
     * @param seasonality     the profile to learn and read, hour of day or hour of week
     * @param limit           residual, in bucket sigmas, at which a value is anomalous (3 by default)
     * @param minBucketValues values a bucket needs before its residuals are scored (3 by default)
     */
    public SeasonalScorer(Seasonality seasonality, double limit, int minBucketValues) {
        Objects.requireNonNull(seasonality, "seasonality");
        if (minBucketValues < 2) {
            throw new IllegalArgumentException("a seasonal bucket needs at least 2 values for a spread, got "
                    + minBucketValues);
        }
        this.seasonality = seasonality;
        this.profile = SeasonalProfile.kind(seasonality);
        this.limit = Deviation.positiveLimit(NAME, limit);
        this.minBucketValues = minBucketValues;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<StatisticKind<?>> reads() {
        return Set.of(profile);
    }

    @Override
    public Finding score(ScoringInput input, double[] slots) {
        SeasonalProfile state = input.baseline().statistic(profile);
        long learned = state.count(input.timestamp());
        String bucket = bucket(input);
        if (learned < minBucketValues) {
            return new Finding(NAME, 0, limit, input.feature() + ": seasonal bucket " + bucket + " has learned "
                    + learned + " of " + minBucketValues + " values");
        }
        double expected = state.expected(input.timestamp());
        double z = (input.value() - expected) / input.floored(state.spread(input.timestamp()));
        return new Finding(NAME, Math.abs(z), limit,
                Deviation.describe(input.feature(), input.value(), expected, z, "seasonal, " + bucket, limit));
    }

    /** The bucket in words: {@code 14:00 UTC} for hour of day, {@code Tue 14:00 UTC} for hour of week. */
    private String bucket(ScoringInput input) {
        long hours = Math.floorDiv(input.timestamp().getEpochSecond(), 3600);
        int hour = (int) Math.floorMod(hours, 24);
        String text = (hour < 10 ? "0" : "") + hour + ":00 UTC";
        return seasonality == Seasonality.HOUR_OF_DAY ? text
                // 1970-01-01, day 0 of the epoch, was a Thursday
                : DayOfWeek.THURSDAY.plus(Math.floorDiv(hours, 24)).getDisplayName(TextStyle.SHORT, Locale.ROOT) + ' '
                        + text;
    }
}
