package dev.vigil.scoring;

import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Numbers;

/**
 * Calibrates a series' findings against that series' own history of findings (an "anomaly likelihood", after
 * Numenta's HTM): a series that is always somewhat off stops ranking above a quiet series that breaks.
 * <p>
 * Per series (in its slots, so bounded, evicted and snapshotted with it) it keeps, of {@code x = ln(1 + r)} where
 * {@code r} is the strongest raw finding's statistic / limit on the feature, a long EWMA mean {@code m} and variance
 * {@code v} (weight {@code max(1 / n, 1 / longValues)}, so the first values are a plain average) and a short EWMA
 * {@code s} (weight {@code 1 / shortValues}). The calibrated statistic is {@code (s - m) / max(sqrt(v), MIN_SPREAD)}:
 * how many of its own sigmas the recent findings lie above what is usual for the series, judged against
 * {@code threshold}. The raw value is scored against the history before it, then learned.
 * <p>
 * Until a series has brought {@code minValues} findings it passes its raw findings through unchanged, so the first
 * anomalies of a young series are not silenced while its history is still being learned.
 * <p>
 * With a {@code refractory} period the calibrated finding is held just below its limit ({@link #HELD}) for
 * {@code refractory} values after an alarm, so one incident is one alarm, not a run of them; the raw findings still
 * show in the explanation. From {@link Refractory#END} (the default): the period starts when the incident ends (the
 * first value back below the limit), so an ongoing incident keeps alarming and only a relapse soon after it is held.
 * From {@link Refractory#ALARM}: it starts {@code hold} values after the alarm (the alarm itself and, so N-of-M
 * confirmation still sees consecutive anomalous windows, the ones after it), which cuts an incident short: a live
 * alert resolves while it goes on. NAB counts only the first detection of a window, so ALARM scores best there.
 *
 * @param longValues  the long memory, in values (the weight's floor is its inverse)
 * @param shortValues the short average, in values; 1 judges each value on its own
 * @param minValues   findings a series learns before calibration decides (raw findings pass through until then)
 * @param threshold   the calibrated sigmas at which a window is anomalous
 * @param refractory  values after an alarm's {@code hold} during which the calibrated finding stays below its limit;
 *                    0 for none
 * @param hold        {@link Refractory#ALARM}: values from the alarm on that are scored as they are before the
 *                    refractory period starts
 * @param from        when the refractory period starts
 */
public record Calibration(int longValues, int shortValues, int minValues, double threshold, int refractory,
        int hold, Refractory from) {

    /** When a refractory period starts. */
    public enum Refractory {
        /** When the incident ends: the first value back below the limit after an alarm. */
        END,
        /** {@code hold} values after the alarm, whether the incident goes on or not. */
        ALARM
    }

    public static final String NAME = "calibrate";
    /** Slots per series: values seen, long mean, long variance, short mean, values left of hold + refractory. */
    public static final int SLOTS = 5;
    /** The calibrated finding's ceiling during a refractory period, as a share of its limit (score 0.47). */
    public static final double HELD = RefractoryPeriod.HELD;
    /** The smallest spread of {@code ln(1 + r)} divided by: a series whose findings never varied is not infinitely surprised. */
    public static final double MIN_SPREAD = 0.1;

    public static final int DEFAULT_LONG_VALUES = 1000;
    public static final int DEFAULT_SHORT_VALUES = 1;
    public static final int DEFAULT_MIN_VALUES = 100;
    public static final double DEFAULT_THRESHOLD = 4;
    public static final int DEFAULT_REFRACTORY = 0;
    public static final int DEFAULT_HOLD = 2;

    private static final int SEEN = 0;
    private static final int MEAN = 1;
    private static final int VARIANCE = 2;
    private static final int SHORT = 3;
    private static final int LEFT = 4;

    public Calibration {
        if (longValues < 2 || shortValues < 1 || shortValues > longValues || minValues < 2 || !(threshold > 0)
                || !Double.isFinite(threshold) || refractory < 0 || hold < 1 || from == null) {
            throw new IllegalArgumentException("calibration needs long >= 2, 1 <= short <= long, min-values >= 2, "
                    + "threshold > 0, refractory >= 0 and hold >= 1, got long=" + longValues + " short=" + shortValues
                    + " min-values=" + minValues + " threshold=" + threshold + " refractory=" + refractory + " hold="
                    + hold);
        }
    }

    /** No refractory period. */
    public Calibration(int longValues, int shortValues, int minValues, double threshold) {
        this(longValues, shortValues, minValues, threshold, DEFAULT_REFRACTORY, DEFAULT_HOLD, Refractory.END);
    }

    private RefractoryPeriod period() {
        return new RefractoryPeriod(refractory, hold, from);
    }

    /**
     * Scores the strongest raw finding of one feature against the series' history of them, then learns it.
     *
     * @param slots  the series' slots; this calibration owns {@link #SLOTS} of them from {@code offset}
     * @return the calibrated finding, or {@code null} while the series is too young: its raw findings decide
     */
    public Finding calibrate(String feature, Finding raw, double[] slots, int offset) {
        double ratio = Math.max(0, raw.ratio());
        double x = Math.log1p(Double.isFinite(ratio) ? ratio : Double.MAX_VALUE);
        long seen = (long) slots[offset + SEEN];
        double mean = slots[offset + MEAN];
        double variance = slots[offset + VARIANCE];
        double recent = seen == 0 ? x : slots[offset + SHORT] + (x - slots[offset + SHORT]) / shortValues;
        Finding finding = null;
        if (seen >= minValues) {
            double spread = Math.max(Math.sqrt(variance), MIN_SPREAD);
            double sigmas = (recent - mean) / spread;
            double statistic = Math.max(0, sigmas);
            String description = describe(feature, raw, ratio, recent, mean, variance, sigmas, seen);
            RefractoryPeriod.Outcome held = period().apply(statistic, threshold, slots, offset + LEFT);
            if (held.left() > 0) {
                statistic = held.statistic();
                description = period().held(held.left()) + description;
            }
            finding = new Finding(NAME, statistic, threshold, description);
        }
        // learn: long EWMA mean and variance (exact average while seen < longValues), short EWMA
        double weight = Math.max(1.0 / (seen + 1), 1.0 / longValues);
        double diff = x - mean;
        double increment = weight * diff;
        slots[offset + MEAN] = mean + increment;
        slots[offset + VARIANCE] = (1 - weight) * (variance + diff * increment);
        slots[offset + SHORT] = recent;
        slots[offset + SEEN] = Math.min(seen + 1, Long.MAX_VALUE / 2);
        return finding;
    }

    private String describe(String feature, Finding raw, double ratio, double recent, double mean, double variance,
            double sigmas, long seen) {
        double usual = Math.expm1(mean);
        double band = Math.expm1(mean + Math.sqrt(variance)) - usual;
        String level = shortValues == 1 ? Numbers.significant(ratio, 2) + "× its limit"
                : Numbers.significant(Math.expm1(recent), 2) + "× its limit on average over the last " + shortValues
                        + " values (now " + Numbers.significant(ratio, 2) + "×)";
        String verdict = sigmas >= threshold ? "is unusual even for this series" : "is usual for this series";
        return feature + " deviation " + level + " " + verdict + ": " + Numbers.fixed(sigmas, 1)
                + "σ above its own history (its deviations are usually " + Numbers.significant(usual, 2) + "× ± "
                + Numbers.significant(band, 2) + "× over " + seen + " values) (calibrate, limit "
                + Numbers.fixed(threshold, 1) + "σ); strongest raw finding: " + raw.description();
    }
}
