package dev.vigil.contracts;

/**
 * How bad an alert is, from the magnitude of its strongest score (see {@link dev.vigil.contracts.Score} for the scale):
 * {@code CRITICAL} at 0.75 and above (the statistic at three times its limit or more), {@code WARNING} below.
 */
public enum Severity {
    WARNING, CRITICAL;

    public static final double CRITICAL_SCORE = 0.75;

    public static Severity of(double score) {
        return score >= CRITICAL_SCORE ? CRITICAL : WARNING;
    }
}
