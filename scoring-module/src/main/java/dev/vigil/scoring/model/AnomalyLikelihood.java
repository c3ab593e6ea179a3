package dev.vigil.scoring.model;

import dev.vigil.contracts.Numbers;

/**
 * How unusual a raw anomaly score is for the entity that produced it: the tail probability of its recent scores
 * against that entity's own history of them, after Numenta's anomaly likelihood (Ahmad et al., "Unsupervised real-time
 * anomaly detection for streaming data", 2017). Raw scores of different detectors (a forest's path lengths, a
 * conformal p-value, robust sigmas) have no common scale, and a noisy entity scores high all the time; the likelihood
 * puts every detector of every entity on one scale, the probability of a recent score that high, so detectors combine
 * and a routinely noisy entity stops alarming while a quiet one that breaks still does.
 * <p>
 * Per member of each entity (in its slots, so bounded, evicted and snapshotted with it) it keeps, of
 * {@code x = ln(1 + raw)}, a short average {@code s} (weight {@code 1 / shortValues}) and, of those averages, the long
 * mean {@code m} and variance {@code v} (weight {@code max(1 / n, 1 / longValues)}: a plain average at first). The
 * recent average is judged against the history before it: its tail probability under a normal distribution,
 * {@code p = Q((s - m) / max(sqrt(v), MIN_SPREAD))}, is reported as its surprise {@code -log10 p} ("nines": 4 is 1 in
 * 10,000). Until a member has brought {@code minValues} scores it has no history to be judged against and abstains.
 * <p>
 * Tried and not kept: beyond its upper 2 % quantile, an exponential tail fitted to the member's own excesses (peaks
 * over threshold, after Siffer et al. 2017) instead of the normal one; on NAB it ranked windows worse (35 against 53,
 * {@code bench/README.md}).
 *
 * @param longValues  the long memory, in values
 * @param shortValues the recent average, in values; 1 judges each value on its own
 * @param minValues   scores a member learns before it is judged
 */
public record AnomalyLikelihood(int longValues, int shortValues, int minValues) {

    /** Slots per member: scores seen, long mean, long variance, recent average. */
    public static final int SLOTS = 4;
    /** The smallest spread of the recent averages divided by: a member whose scores never varied is not infinitely surprised. */
    public static final double MIN_SPREAD = 0.05;
    /** The largest surprise reported: a tail beyond 1e-30 says nothing more. */
    public static final double MAX_SURPRISE = 30;

    public static final int DEFAULT_LONG_VALUES = 2000;
    public static final int DEFAULT_SHORT_VALUES = 1;
    public static final int DEFAULT_MIN_VALUES = 100;

    private static final int SEEN = 0;
    private static final int MEAN = 1;
    private static final int VARIANCE = 2;
    private static final int RECENT = 3;

    public AnomalyLikelihood {
        if (longValues < 2 || shortValues < 1 || shortValues > longValues || minValues < 2) {
            throw new IllegalArgumentException("a likelihood needs long >= 2, 1 <= short <= long and min-values >= 2, got long="
                    + longValues + " short=" + shortValues + " min-values=" + minValues);
        }
    }

    public static AnomalyLikelihood defaults() {
        return new AnomalyLikelihood(DEFAULT_LONG_VALUES, DEFAULT_SHORT_VALUES, DEFAULT_MIN_VALUES);
    }

    /**
     * Judges a raw score against the member's history, then learns it.
     *
     * @param raw    the detector's raw score, non-negative, larger is more unusual; NaN: none this time (nothing is
     *               learned)
     * @param slots  the member's slots, {@link #SLOTS} of them from {@code offset}
     * @return its surprise in nines ({@code -log10} of the tail probability), or NaN while the member is too young or
     *         gave no score
     */
    public double surprise(double raw, double[] slots, int offset) {
        if (Double.isNaN(raw)) {
            return Double.NaN;
        }
        double x = Math.log1p(Math.max(0, Math.min(raw, Double.MAX_VALUE)));
        long seen = (long) slots[offset + SEEN];
        double mean = slots[offset + MEAN];
        double variance = slots[offset + VARIANCE];
        double recent = seen == 0 ? x : slots[offset + RECENT] + (x - slots[offset + RECENT]) / shortValues;
        double surprise = Double.NaN;
        if (seen >= minValues) {
            surprise = nines((recent - mean) / Math.max(Math.sqrt(variance), MIN_SPREAD));
        }
        double weight = Math.max(1.0 / (seen + 1), 1.0 / longValues);
        double diff = recent - mean;
        double increment = weight * diff;
        slots[offset + MEAN] = mean + increment;
        slots[offset + VARIANCE] = (1 - weight) * (variance + diff * increment);
        slots[offset + RECENT] = recent;
        slots[offset + SEEN] = Math.min(seen + 1, Long.MAX_VALUE / 2);
        return surprise;
    }

    /** Whether the member has learned {@code minValues} scores, so its next score is judged. */
    public boolean judges(double[] slots, int offset) {
        return slots[offset + SEEN] >= minValues;
    }

    /** What the member usually scores, in its raw units: {@code "0.85 ± 0.12"}, from its long mean and spread. */
    public String usual(double[] slots, int offset) {
        double mean = slots[offset + MEAN];
        double usual = Math.expm1(mean);
        double band = Math.expm1(mean + Math.sqrt(slots[offset + VARIANCE])) - usual;
        return Numbers.significant(usual, 2) + " ± " + Numbers.significant(band, 2);
    }

    /** {@code -log10 Q(z)}, Q the standard normal's upper tail, accurate far into the tail; at most {@link #MAX_SURPRISE}. */
    static double nines(double z) {
        double lnTail = z >= 0 ? lnHalfErfc(z / Math.sqrt(2)) : Math.log1p(-Math.exp(lnHalfErfc(-z / Math.sqrt(2))));
        return Math.min(MAX_SURPRISE, Math.max(0, -lnTail / Math.log(10)));
    }

    /**
     * {@code ln(erfc(x) / 2)} for {@code x >= 0}, from the Chebyshev fit of erfc with fractional error below 1.2e-7
     * everywhere (Press et al., Numerical Recipes, {@code erfcc}), taken as a logarithm so it does not underflow.
     */
    private static double lnHalfErfc(double x) {
        double t = 1 / (1 + 0.5 * x);
        double poly = -x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
                + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
        return Math.log(t) + poly - Math.log(2);
    }

    /** "1 in 12,000", "1 in 3.2 million", "1 in 10^17" for a surprise in nines. */
    public static String odds(double nines) {
        double odds = Math.pow(10, nines);
        if (odds >= 1e15) {
            return "1 in 10^" + Math.round(nines);
        }
        if (odds >= 1e12) {
            return "1 in " + Numbers.significant(odds / 1e12, 2) + " trillion";
        }
        if (odds >= 1e9) {
            return "1 in " + Numbers.significant(odds / 1e9, 2) + " billion";
        }
        if (odds >= 1e6) {
            return "1 in " + Numbers.significant(odds / 1e6, 2) + " million";
        }
        return "1 in " + String.format(java.util.Locale.ROOT, "%,d", Math.round(Double.parseDouble(Numbers.significant(odds, 2))));
    }
}
