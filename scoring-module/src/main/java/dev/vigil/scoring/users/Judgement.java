package dev.vigil.scoring.users;

import java.util.List;

import dev.vigil.contracts.Contribution;
import dev.vigil.contracts.Finding;

/**
 * One scorer's finding on a window, with the feature values it rests on (what an alert shows as observed and
 * expected) and any facts that back it.
 */
public record Judgement(Finding finding, Contribution lead, List<String> evidence) {

    public Judgement {
        evidence = List.copyOf(evidence);
    }

    public Judgement(Finding finding, Contribution lead) {
        this(finding, lead, List.of());
    }

    /** A contribution from an observed value against an expected one, measured in units of {@code scale}. */
    public static Contribution contribution(String feature, double observed, double expected, double scale) {
        double s = scale > 0 && Double.isFinite(scale) ? scale : 1;
        return new Contribution(feature, observed, expected, s, (observed - expected) / s);
    }
}
