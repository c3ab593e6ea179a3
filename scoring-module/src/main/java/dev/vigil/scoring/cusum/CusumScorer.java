package dev.vigil.scoring.cusum;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.vigil.scoring.Finding;
import dev.vigil.scoring.Scorer;
import dev.vigil.scoring.ScoringInput;

/**
 * Two-sided tabular CUSUM on robust z values: {@code S+ = max(0, S+ + z - k)}, {@code S- = max(0, S- - z - k)}.
 * It accumulates small deviations that robust z alone would never flag, so it catches slow drifts and level shifts.
 * An alarm is raised when either sum reaches {@code h}; both sums then reset, so a lasting shift alarms again only
 * after it has accumulated again. {@code k} and {@code h} are in units of the robust sigma.
 */
public final class CusumScorer implements Scorer {

    public static final String NAME = "cusum";

    private final double k;
    private final double h;
    private final ConcurrentMap<String, double[]> sums = new ConcurrentHashMap<>();

    /**
     * @param k drift allowance: deviations below {@code k} sigma are not accumulated (0.5 detects shifts of ~1σ)
     * @param h decision interval: the accumulated sigma at which an alarm is raised (4 to 5 is usual)
     */
    public CusumScorer(double k, double h) {
        if (k < 0 || h <= 0) {
            throw new IllegalArgumentException("CUSUM needs k >= 0 and h > 0, got k=" + k + " h=" + h);
        }
        this.k = k;
        this.h = h;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Finding score(ScoringInput input) {
        double z = input.robustZ();
        double[] s = sums.computeIfAbsent(input.source() + '\u0000' + input.entity() + '\u0000' + input.feature(),
                key -> new double[2]);
        double upper;
        double lower;
        synchronized (s) {
            s[0] = Math.max(0, s[0] + z - k);
            s[1] = Math.max(0, s[1] - z - k);
            upper = s[0];
            lower = s[1];
            if (upper >= h || lower >= h) {
                s[0] = 0;
                s[1] = 0;
            }
        }
        boolean up = upper >= lower;
        double statistic = Math.max(upper, lower);
        String description = String.format(Locale.ROOT, "%s %s shift: cumulative deviation %.1fσ %s expected %.4g (CUSUM, k=%.2gσ, limit %.1fσ)",
                input.feature(), up ? "upward" : "downward", statistic, up ? "above" : "below",
                input.baseline().median(), k, h);
        return new Finding(NAME, statistic, h, description);
    }
}
