package dev.vigil.features.state;

/**
 * What a series' state learns, decided by the detectors that read it, so a series keeps only the memory its
 * scorers need.
 *
 * @param window      values kept in the rolling window (mean, std, median, MAD); at least 2
 * @param ewmaAlpha   weight of the newest value in the EWMA and trend, in (0, 1]
 * @param quantiles   whether to keep a quantile sketch
 * @param seasonality which seasonal profile to learn
 * @param scorerSlots doubles of per-series state the scorers keep (CUSUM's sums), owned by them and snapshotted with
 *                    the rest
 */
public record StateSpec(int window, double ewmaAlpha, boolean quantiles, Seasonality seasonality, int scorerSlots) {

    public StateSpec {
        if (window < 2) {
            throw new IllegalArgumentException("window must be at least 2 values, got " + window);
        }
        if (!(ewmaAlpha > 0 && ewmaAlpha <= 1)) {
            throw new IllegalArgumentException("ewma alpha must be in (0, 1], got " + ewmaAlpha);
        }
        if (scorerSlots < 0) {
            throw new IllegalArgumentException("scorer slots must not be negative, got " + scorerSlots);
        }
    }

    /** Which recurring pattern a seasonal profile learns: none, the hour of the day, or the hour of the week (UTC). */
    public enum Seasonality {
        NONE(0), HOUR_OF_DAY(24), HOUR_OF_WEEK(168);

        private final int buckets;

        Seasonality(int buckets) {
            this.buckets = buckets;
        }

        public int buckets() {
            return buckets;
        }
    }
}
