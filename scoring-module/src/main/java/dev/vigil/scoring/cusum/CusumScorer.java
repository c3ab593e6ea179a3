package dev.vigil.scoring.cusum;

import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Numbers;
import dev.vigil.scoring.Scorer;
import dev.vigil.scoring.ScoringInput;

/**
 * Two-sided tabular CUSUM on the robust z value {@code z = (x - median) / scale}:
 * {@code S+ = max(0, S+ + z - k)}, {@code S- = max(0, S- - z - k)}. It accumulates small deviations that robust z
 * alone would never flag, so it catches slow drifts and level shifts. An alarm is raised when either sum reaches
 * {@code h}; both sums then reset, so a lasting shift alarms again only after it has accumulated again. {@code k}
 * and {@code h} are in units of the robust sigma.
 * <p>
 * The sums live in the series' slots ({@code [S+, S-, values seen]}), so they survive a restart with the rest of
 * the series' state. The first {@code warmUp} values a series brings are only counted: a baseline that has just
 * become old enough to score is still settling, and summing its early z values would raise a shift that is only
 * the baseline moving.
 */
public final class CusumScorer implements Scorer {

    public static final String NAME = "cusum";
    public static final double DEFAULT_K = 0.5;
    public static final double DEFAULT_H = 5;
    public static final int DEFAULT_WARM_UP = 5;

    private static final int UPPER = 0;
    private static final int LOWER = 1;
    private static final int SEEN = 2;

    private final double k;
    private final double h;
    private final int warmUp;
    private final String parameters;

    /** CUSUM with {@value #DEFAULT_WARM_UP} values of warm-up. */
    public CusumScorer(double k, double h) {
        this(k, h, DEFAULT_WARM_UP);
    }

    /**
     * @param k      drift allowance: deviations below {@code k} sigma are not accumulated (0.5 detects shifts of ~1σ)
     * @param h      decision interval: the accumulated sigma at which an alarm is raised (4 to 5 is usual)
     * @param warmUp values per series that are only counted before the sums start
     */
    public CusumScorer(double k, double h, int warmUp) {
        if (!(k >= 0) || !(h > 0) || warmUp < 0) {
            throw new IllegalArgumentException("CUSUM needs k >= 0, h > 0 and warmUp >= 0, got k=" + k + " h=" + h
                    + " warmUp=" + warmUp);
        }
        this.k = k;
        this.h = h;
        this.warmUp = warmUp;
        this.parameters = " (CUSUM, k=" + Numbers.significant(k, 2) + "σ, limit " + Numbers.fixed(h, 1) + "σ)";
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int stateSlots() {
        return 3;
    }

    @Override
    public Finding score(ScoringInput input, double[] slots) {
        double expected = input.baseline().median();
        if (slots[SEEN] < warmUp || Double.isNaN(expected)) {
            // capped at warmUp so the counter cannot grow without bound
            slots[SEEN] = Math.min(slots[SEEN] + 1, warmUp);
            return new Finding(NAME, 0, h,
                    input.feature() + ": CUSUM warming up, " + (long) slots[SEEN] + " of " + warmUp + " values");
        }
        double z = input.robustZ();
        double upper = Math.max(0, slots[UPPER] + z - k);
        double lower = Math.max(0, slots[LOWER] - z - k);
        boolean alarm = upper >= h || lower >= h;
        slots[UPPER] = alarm ? 0 : upper;
        slots[LOWER] = alarm ? 0 : lower;
        boolean up = upper >= lower;
        double statistic = Math.max(upper, lower);
        String description = input.feature() + (up ? " upward" : " downward") + " shift: observed "
                + Numbers.significant(input.value(), 4) + ", cumulative deviation " + Numbers.fixed(statistic, 1) + "σ "
                + (up ? "above" : "below") + " expected " + Numbers.significant(expected, 4) + parameters;
        return new Finding(NAME, statistic, h, description);
    }
}
