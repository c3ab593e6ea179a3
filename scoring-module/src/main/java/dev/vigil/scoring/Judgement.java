package dev.vigil.scoring;

import java.util.List;

import dev.vigil.contracts.Contribution;
import dev.vigil.contracts.Finding;

/**
 * What one judge found on a whole window (a user scorer, a PMML model, a session model's tally, template novelty):
 * its finding, the feature values it rests on (what an alert shows as observed and expected), further findings that
 * spell it out, and the facts that back it. A {@link WindowVerdict} turns a window's judgements into its score, the
 * strongest leading; a {@link Scorer}'s findings on single values are the per-value counterpart, combined by a
 * {@link Detector}.
 *
 * @param details  findings that spell the lead finding out (each session named after a tally, each new template),
 *                 listed right after it
 * @param evidence facts a person can check (example lines, out-of-place events), shown when the window is anomalous
 */
public record Judgement(Finding finding, Contribution lead, List<Finding> details, List<String> evidence) {

    public Judgement {
        details = List.copyOf(details);
        evidence = List.copyOf(evidence);
    }

    public Judgement(Finding finding, Contribution lead, List<String> evidence) {
        this(finding, lead, List.of(), evidence);
    }

    public Judgement(Finding finding, Contribution lead) {
        this(finding, lead, List.of(), List.of());
    }

    /** A contribution from an observed value against an expected one, measured in units of {@code scale}. */
    public static Contribution contribution(String feature, double observed, double expected, double scale) {
        double s = scale > 0 && Double.isFinite(scale) ? scale : 1;
        return new Contribution(feature, observed, expected, s, (observed - expected) / s);
    }
}
