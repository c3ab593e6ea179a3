package dev.vigil.alerting.severity;

import java.util.List;
import java.util.Map;

import dev.vigil.contracts.Severity;

/**
 * Ranks an alert from three things: how far the score is beyond its limit, how much the entity matters, and how many
 * related series or dimensions agree.
 * <pre>
 *   ratio       = score / (1 - score)          the strongest finding's statistic over its limit (score = r / (1 + r))
 *   importance  = weight of the first importance rule whose matchers match the alert's labels, else 1
 *   agreeing    = anomalous findings of the confirming window (scorers x features that agree, at least 1)
 *               + other firing alerts of the same source and the same values of the corroborate-by labels
 *   rank        = ratio * importance * (1 + corroboration * (agreeing - 1))
 *   CRITICAL when rank >= critical-ratio, WARNING below
 * </pre>
 * With importance 1 and nothing agreeing, a critical-ratio of 3 is exactly {@link Severity#of(double)}: score 0.75.
 *
 * @param criticalRatio  the rank from which an alert is CRITICAL
 * @param corroboration  how much each agreeing series or dimension beyond the first adds (0.25: four agreeing = x1.75)
 * @param corroborateBy  labels that make firing alerts related (e.g. host, site); empty: only dimensions count
 * @param importance     first match wins
 */
public record SeverityRanking(double criticalRatio, double corroboration, List<String> corroborateBy,
        List<Importance> importance) {

    /** Today's rule and nothing more: CRITICAL at score 0.75. */
    public static final SeverityRanking SCORE_ONLY = new SeverityRanking(3, 0, List.of(), List.of());

    public SeverityRanking {
        corroborateBy = List.copyOf(corroborateBy);
        importance = List.copyOf(importance);
    }

    public double importanceOf(Map<String, String> labels) {
        for (Importance rule : importance) {
            if (rule.matchers().matches(labels)) {
                return rule.weight();
            }
        }
        return 1;
    }

    /** The formula above, before the cut into severities. */
    public double rank(double score, Map<String, String> labels, int agreeing) {
        double ratio = score >= 1 ? Double.MAX_VALUE : score / (1 - score);
        return ratio * importanceOf(labels) * (1 + corroboration * (Math.max(1, agreeing) - 1));
    }

    public Severity severity(double score, Map<String, String> labels, int agreeing) {
        return rank(score, labels, agreeing) >= criticalRatio ? Severity.CRITICAL : Severity.WARNING;
    }
}
