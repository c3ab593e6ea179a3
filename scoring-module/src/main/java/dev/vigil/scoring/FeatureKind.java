package dev.vigil.scoring;

import dev.vigil.features.state.DecayingQuantiles;
import dev.vigil.features.state.SeriesView;

/**
 * What kind of number a feature is, which decides the smallest spread a baseline is allowed to have. Without a
 * floor a series that never moved (MAD 0) would call any change infinitely anomalous.
 * <p>
 * Both kinds also respect a <b>long-run floor</b> when the series keeps a quantile sketch (its detector has a
 * scorer that reads quantiles, such as {@code percentile}): the spread is at least {@value #LONG_RUN_FRACTION} of
 * the sigma the series showed over its sketch's memory (one to two weeks), estimated from its 0.5th to 99.5th
 * percentile band as {@code (q99.5 - q0.5) / 5.15}. A series that sat still for the rolling window (a flat night, a
 * count stuck at 0, the flat half of a square wave) then judges its next move against how much it usually moves,
 * instead of against a spread of nearly nothing. Without a sketch the long-run floor is 0.
 */
public enum FeatureKind {

    /** A measured level (temperature, revenue): the spread is at least 0.1 % of the median's magnitude. */
    GAUGE {
        @Override
        public double scaleFloor(SeriesView baseline) {
            return Math.max(1e-3 * Math.abs(baseline.median()) + 1e-9, longRunFloor(baseline));
        }
    },

    /** A count of events per window: the spread is at least Poisson noise, {@code sqrt(max(median, 1))}. */
    COUNT {
        @Override
        public double scaleFloor(SeriesView baseline) {
            return Math.max(Math.sqrt(Math.max(baseline.median(), 1)), longRunFloor(baseline));
        }
    };

    /** Share of the long-run sigma below which no spread may fall (chosen on NAB, one value for every series). */
    public static final double LONG_RUN_FRACTION = 0.4;
    /** The band the long-run sigma is read from: the {@code LONG_RUN_QUANTILE} and {@code 1 - LONG_RUN_QUANTILE} quantiles. */
    public static final double LONG_RUN_QUANTILE = 0.005;
    /** Width of the 0.5th to 99.5th percentile band of a normal distribution, in sigmas. */
    static final double BAND_SIGMAS = 5.1517;

    /** {@value #LONG_RUN_FRACTION} of the sketch's sigma, 0 without a sketch or before it has learned a value. */
    public static double longRunFloor(SeriesView baseline) {
        DecayingQuantiles quantiles = baseline.statistic(DecayingQuantiles.KIND);
        if (quantiles == null) {
            return 0;
        }
        double lo = quantiles.quantile(LONG_RUN_QUANTILE);
        double hi = quantiles.quantile(1 - LONG_RUN_QUANTILE);
        if (!(hi - lo > 0)) {
            return 0;
        }
        return LONG_RUN_FRACTION * (hi - lo) / BAND_SIGMAS;
    }

    public abstract double scaleFloor(SeriesView baseline);
}
