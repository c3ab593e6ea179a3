package dev.vigil.features.state;

/** Which recurring pattern a {@link SeasonalProfile} learns: the hour of the day or the hour of the week (UTC). */
public enum Seasonality {
    HOUR_OF_DAY(24), HOUR_OF_WEEK(168);

    private final int buckets;

    Seasonality(int buckets) {
        this.buckets = buckets;
    }

    public int buckets() {
        return buckets;
    }
}
