package dev.vigil.scoring;

import dev.vigil.features.state.SeriesView;

/**
 * What kind of number a feature is, which decides the smallest spread a baseline is allowed to have. Without a
 * floor a series that never moved (MAD 0) would call any change infinitely anomalous.
 */
public enum FeatureKind {

    /** A measured level (temperature, revenue): the spread is at least 0.1 % of the median's magnitude. */
    GAUGE {
        @Override
        public double scaleFloor(SeriesView baseline) {
            return 1e-3 * Math.abs(baseline.median()) + 1e-9;
        }
    },

    /** A count of events per window: the spread is at least Poisson noise, {@code sqrt(max(median, 1))}. */
    COUNT {
        @Override
        public double scaleFloor(SeriesView baseline) {
            return Math.sqrt(Math.max(baseline.median(), 1));
        }
    };

    public abstract double scaleFloor(SeriesView baseline);
}
