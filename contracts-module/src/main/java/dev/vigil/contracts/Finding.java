package dev.vigil.contracts;

/**
 * What one scorer found in one window.
 *
 * @param scorer      the scorer's name
 * @param statistic   its statistic (non-negative), in the scorer's own units
 * @param limit       the statistic at which the window counts as anomalous
 * @param description one sentence a person can read: what was seen and against what
 */
public record Finding(String scorer, double statistic, double limit, String description) {

    /** The statistic in units of its limit: 1 is the decision boundary. */
    public double ratio() {
        return statistic / limit;
    }

    public boolean anomalous() {
        return statistic >= limit;
    }
}
