package dev.vigil.contracts;

import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;

/**
 * A detector's verdict on one entity's window, with what whoever reads it next needs: the alert lifecycle (the
 * verdict and its explanation) and the score history (the window's features and the threshold factor it was judged
 * with), so neither has to ask the detectors back.
 * <p>
 * Scale: {@code score} lies in [0, 1). For the strongest scorer's statistic {@code s} and limit {@code l},
 * {@code r = s / l} and {@code score = r / (1 + r)}, so the decision boundary is always {@code 0.5}
 * ({@link #THRESHOLD}), twice the limit is {@code 0.67} and three times the limit {@code 0.75}.
 *
 * @param timestamp       the end of the window scored
 * @param features        the window's features as scored; empty when the score had no window of features (a quiet
 *                        series, a log incident), and the history keeps what its explanation scored instead
 * @param thresholdFactor the factor on the deciding finding's limit in force (1: as configured)
 */
public record Score(String detector, String source, String entity, SortedMap<String, String> labels, Instant timestamp,
        double score, double threshold, boolean anomalous, Explanation explanation, Map<String, Double> features,
        double thresholdFactor) {

    public static final double THRESHOLD = 0.5;

    public Score {
        features = Map.copyOf(features);
    }

    /** A score judged at the configured threshold, without a window's features. */
    public Score(String detector, String source, String entity, SortedMap<String, String> labels, Instant timestamp,
            double score, double threshold, boolean anomalous, Explanation explanation) {
        this(detector, source, entity, labels, timestamp, score, threshold, anomalous, explanation, Map.of(), 1);
    }

    /** The same verdict with another explanation (evidence added, findings relabelled). */
    public Score withExplanation(Explanation why) {
        return new Score(detector, source, entity, labels, timestamp, score, threshold, anomalous, why, features,
                thresholdFactor);
    }

    /** Maps a statistic-to-limit ratio onto the score scale. */
    public static double normalise(double ratio) {
        return ratio / (1 + ratio);
    }
}
