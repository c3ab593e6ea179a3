package dev.vigil.scoring;

import java.time.Instant;
import java.util.SortedMap;

import dev.vigil.features.state.SeriesView;

/**
 * One feature value of one entity's closed window (or one replayed row), with what its state said before it.
 *
 * @param baseline the series' state before this value was learned; the live state, so read it during
 *                 {@link Scorer#score} only: it moves on once the value is learned
 * @param floor    the smallest spread any scorer may divide by, per {@link FeatureKind}; scorers floor their own
 *                 spreads (standard deviation, EWMA deviation, seasonal spread) with it
 * @param scale    the robust spread the detector standardises with ({@code 1.4826 * MAD}, at least {@code floor})
 */
public record ScoringInput(String source, String entity, SortedMap<String, String> labels, Instant timestamp,
        String feature, double value, SeriesView baseline, double floor, double scale) {

    /** How many robust sigmas the value lies from the baseline's median (signed). */
    public double robustZ() {
        return (value - baseline.median()) / scale;
    }

    /** {@code spread}, or the floor when the spread is smaller or not known yet (NaN). */
    public double floored(double spread) {
        return spread >= floor ? spread : floor;
    }
}
