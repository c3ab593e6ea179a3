package dev.vigil.contracts;

import java.util.List;

/**
 * Why a window scored as it did.
 *
 * @param feature       the feature that led the verdict (the strongest finding's, or the most deviant one of a
 *                      combination)
 * @param observed      its value in the window
 * @param expected      its baseline's median
 * @param scale         the spread it was measured with
 * @param findings      every scorer's finding on every feature, plus the combination's, strongest first
 * @param contributions each feature scored, in the detector's order: observed, expected, how many sigmas
 * @param evidence      what backs the findings, for a person to check, most telling first: a few example log lines,
 *                      the events of a session that were out of place, the facts about a user ("3 countries in
 *                      24 h"); empty for a plain metric window, whose values say it all
 */
public record Explanation(String feature, double observed, double expected, double scale, List<Finding> findings,
        List<Contribution> contributions, List<String> evidence) {

    public Explanation {
        findings = List.copyOf(findings);
        contributions = List.copyOf(contributions);
        evidence = List.copyOf(evidence);
    }

    /** An explanation without evidence beyond its findings and contributions. */
    public Explanation(String feature, double observed, double expected, double scale, List<Finding> findings,
            List<Contribution> contributions) {
        this(feature, observed, expected, scale, findings, contributions, List.of());
    }

    /** The explanation of a single feature, whose one contribution is the leading values themselves. */
    public Explanation(String feature, double observed, double expected, double scale, List<Finding> findings) {
        this(feature, observed, expected, scale, findings,
                List.of(new Contribution(feature, observed, expected, scale, (observed - expected) / scale)));
    }

    /** The same explanation with this evidence instead of its own. */
    public Explanation withEvidence(List<String> newEvidence) {
        return new Explanation(feature, observed, expected, scale, findings, contributions, newEvidence);
    }

    /** One line: the strongest finding, then the values. */
    public String summary() {
        return findings.get(0).description();
    }
}
