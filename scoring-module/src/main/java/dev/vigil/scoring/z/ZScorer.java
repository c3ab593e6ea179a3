package dev.vigil.scoring.z;

import dev.vigil.contracts.Finding;
import dev.vigil.scoring.Deviation;
import dev.vigil.scoring.Scorer;
import dev.vigil.scoring.ScoringInput;

/**
 * Classic z: how many standard deviations (floored) the value lies from the rolling window's mean. Cheaper to
 * explain than robust z and right for well-behaved gauges, but an earlier spike in the window inflates both mean
 * and deviation, so it under-reports the next one; prefer {@code robust-z} where spikes cluster.
 */
public final class ZScorer implements Scorer {

    public static final String NAME = "z";
    public static final double DEFAULT_LIMIT = 3.0;

    private final double limit;

    /** @param limit |z| at which a value is anomalous (3 is the usual choice) */
    public ZScorer(double limit) {
        this.limit = Deviation.positiveLimit(NAME, limit);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Finding score(ScoringInput input, double[] slots) {
        return Deviation.distance(NAME, input, input.baseline().mean(), input.baseline().stdDev(), "mean", limit);
    }
}
