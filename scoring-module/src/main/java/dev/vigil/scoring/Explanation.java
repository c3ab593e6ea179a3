package dev.vigil.scoring;

import java.util.List;

/**
 * Why a window scored as it did.
 *
 * @param feature  the feature scored
 * @param observed its value in the window
 * @param expected the baseline's median
 * @param scale    the spread it was measured with
 * @param findings every scorer's finding, strongest first
 */
public record Explanation(String feature, double observed, double expected, double scale, List<Finding> findings) {

    public Explanation {
        findings = List.copyOf(findings);
    }

    /** One line: the strongest finding, then the values. */
    public String summary() {
        return findings.get(0).description();
    }
}
