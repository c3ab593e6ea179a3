package dev.vigil.scoring.robustz;

import dev.vigil.contracts.Finding;
import dev.vigil.scoring.Deviation;
import dev.vigil.scoring.Scorer;
import dev.vigil.scoring.ScoringInput;

/**
 * Robust z: how many robust sigmas ({@code 1.4826 * MAD}, floored) the value lies from the rolling window's median.
 * Median and MAD ignore the spikes the scorer is meant to catch, where mean and standard deviation would be dragged
 * by them.
 */
public final class RobustZScorer implements Scorer {

    public static final String NAME = "robust-z";
    public static final double DEFAULT_LIMIT = 3.5;

    private final double threshold;

    /** @param threshold |z| at which a window is anomalous (3.5 is the usual choice for robust z) */
    public RobustZScorer(double threshold) {
        this.threshold = Deviation.positiveLimit(NAME, threshold);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Finding score(ScoringInput input, double[] slots) {
        double median = input.baseline().median();
        if (Double.isNaN(median)) {
            return Deviation.notLearned(NAME, input.feature(), "median", threshold);
        }
        double z = input.robustZ();
        return new Finding(NAME, Math.abs(z), threshold,
                Deviation.describe(input.feature(), input.value(), median, z, "robust z", threshold));
    }
}
