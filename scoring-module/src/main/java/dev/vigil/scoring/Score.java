package dev.vigil.scoring;

import java.time.Instant;
import java.util.SortedMap;

/**
 * A detector's verdict on one entity's window.
 * <p>
 * Scale: {@code score} lies in [0, 1). For the strongest scorer's statistic {@code s} and limit {@code l},
 * {@code r = s / l} and {@code score = r / (1 + r)}, so the decision boundary is always {@code 0.5}
 * ({@link #THRESHOLD}), twice the limit is {@code 0.67} and three times the limit {@code 0.75}.
 *
 * @param timestamp the end of the window scored
 */
public record Score(String detector, String source, String entity, SortedMap<String, String> labels, Instant timestamp,
        double score, double threshold, boolean anomalous, Explanation explanation) {

    public static final double THRESHOLD = 0.5;

    /** Maps a statistic-to-limit ratio onto the score scale. */
    public static double normalise(double ratio) {
        return ratio / (1 + ratio);
    }
}
