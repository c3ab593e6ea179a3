package dev.vigil.scoring.users;

/**
 * How bad a hard rule says its condition is. A rule that holds is a finding at a fixed multiple of its limit, so it
 * lands on the shared score scale where the alert lifecycle ranks it: a warning at the boundary (score 0.5), a
 * critical at three times it (score 0.75, CRITICAL by default).
 */
public enum RuleSeverity {
    WARNING(1),
    CRITICAL(3);

    private final double ratio;

    RuleSeverity(double ratio) {
        this.ratio = ratio;
    }

    /** The finding's statistic over its limit when the rule holds. */
    public double ratio() {
        return ratio;
    }
}
