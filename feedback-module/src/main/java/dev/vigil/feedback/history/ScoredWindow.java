package dev.vigil.feedback.history;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.vigil.alerting.lifecycle.Fingerprint;
import dev.vigil.contracts.Contribution;
import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Score;

/**
 * One row of the score history: a scored window as tuning, the report and the export read it back.
 *
 * @param fingerprint     the alert fingerprint of detector + source + entity + labels
 * @param windowEnd       the end of the window (the score's timestamp)
 * @param score           as scored, after the threshold factor: 0.5 is the boundary
 * @param ratio           the deciding finding's statistic / limit before the threshold factor; a tuning replay at
 *                        factor {@code k} finds the window anomalous from {@code ratio >= k}
 * @param thresholdFactor the factor in force when it was scored
 * @param scorer          the deciding finding's scorer
 * @param feature         the leading feature, with its {@code observed} value, {@code expected} value and {@code spread}
 * @param features        the window's features (name to value), sorted by name
 */
public record ScoredWindow(String detector, String source, String entity, String fingerprint,
        SortedMap<String, String> labels, Instant windowEnd, double score, boolean anomalous, double ratio,
        double thresholdFactor, String scorer, String feature, double observed, double expected, double spread,
        SortedMap<String, Double> features) {

    public ScoredWindow {
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        features = Collections.unmodifiableSortedMap(new TreeMap<>(features));
    }

    /**
     * The row of a score.
     *
     * @param features the window's features; empty when the producer had no window (the features its explanation
     *                 scored are taken instead)
     * @param factor   the threshold factor the score was judged with
     */
    public static ScoredWindow of(Score score, Map<String, Double> features, double factor) {
        Explanation why = score.explanation();
        Finding lead = why.findings().isEmpty() ? null : why.findings().get(0);
        double ratio = lead != null ? lead.ratio() : factor * score.score() / (1 - score.score());
        Map<String, Double> values = features;
        if (values.isEmpty()) {
            values = new TreeMap<>();
            for (Contribution c : why.contributions()) {
                values.put(c.feature(), c.observed());
            }
        }
        return new ScoredWindow(score.detector(), score.source(), score.entity(),
                Fingerprint.of(score.detector(), score.source(), score.entity(), score.labels()), score.labels(),
                score.timestamp(), score.score(), score.anomalous(), finite(ratio), factor,
                lead == null ? "" : lead.scorer(), why.feature(), why.observed(), why.expected(), why.scale(), new TreeMap<>(values));
    }

    /** Whether a replay at threshold factor {@code k} finds this window anomalous. */
    public boolean anomalousAt(double k) {
        return ratio >= k;
    }

    /** A ratio is stored as a finite number: an infinitely strong finding is the largest double. */
    private static double finite(double ratio) {
        if (Double.isNaN(ratio) || ratio < 0) {
            return 0;
        }
        return Math.min(ratio, Double.MAX_VALUE);
    }
}
