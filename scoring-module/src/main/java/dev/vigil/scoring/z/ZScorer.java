package dev.vigil.scoring.z;

import dev.vigil.scoring.Deviation;
import dev.vigil.scoring.Finding;
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
        double mean = input.baseline().mean();
        if (Double.isNaN(mean)) {
            return Deviation.notLearned(NAME, input.feature(), "mean", limit);
        }
        double z = (input.value() - mean) / input.floored(input.baseline().stdDev());
        return new Finding(NAME, Math.abs(z), limit, Deviation.describe(input.feature(), input.value(), mean, z, "z", limit));
    }
}
