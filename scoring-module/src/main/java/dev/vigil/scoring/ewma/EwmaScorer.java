package dev.vigil.scoring.ewma;

import dev.vigil.contracts.Finding;
import dev.vigil.scoring.Deviation;
import dev.vigil.scoring.Scorer;
import dev.vigil.scoring.ScoringInput;

/**
 * EWMA deviation: how many exponentially weighted standard deviations (floored) the value lies from the
 * exponentially weighted mean. The EWMA follows a level that moves slowly (weight {@code StateSpec.ewmaAlpha()} on
 * the newest value), so it flags sudden departures from where the series is now, not from where it was a window ago.
 */
public final class EwmaScorer implements Scorer {

    public static final String NAME = "ewma";
    public static final double DEFAULT_LIMIT = 3.0;

    private final double limit;

    /** @param limit deviation, in EWMA sigmas, at which a value is anomalous (3 by default) */
    public EwmaScorer(double limit) {
        this.limit = Deviation.positiveLimit(NAME, limit);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Finding score(ScoringInput input, double[] slots) {
        return Deviation.distance(NAME, input, input.baseline().ewmaMean(), input.baseline().ewmaStdDev(), "EWMA", limit);
    }
}
