package dev.vigil.scoring.robustz;

import java.util.Locale;

import dev.vigil.scoring.Finding;
import dev.vigil.scoring.Scorer;
import dev.vigil.scoring.ScoringInput;

/**
 * Robust z: how many robust sigmas ({@code 1.4826 * MAD}) the value lies from the baseline's median. Median and MAD
 * ignore the spikes the scorer is meant to catch, where mean and standard deviation would be dragged by them.
 */
public final class RobustZScorer implements Scorer {

    public static final String NAME = "robust-z";

    private final double threshold;

    /** @param threshold |z| at which a window is anomalous (3.5 is the usual choice for robust z) */
    public RobustZScorer(double threshold) {
        this.threshold = threshold;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Finding score(ScoringInput input) {
        double z = input.robustZ();
        String description = String.format(Locale.ROOT, "%s %s %.4g vs expected %.4g: %.1fσ %s (robust z, limit %.1fσ)",
                input.feature(), "observed", input.value(), input.baseline().median(), Math.abs(z),
                z >= 0 ? "above" : "below", threshold);
        return new Finding(NAME, Math.abs(z), threshold, description);
    }
}
