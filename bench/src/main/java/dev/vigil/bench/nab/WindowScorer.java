package dev.vigil.bench.nab;

import java.time.LocalDateTime;
import java.util.List;

/**
 * NAB's per-row scoring ({@code Sweeper.calcSweepScore} in NAB v1.1), row by row in file order:
 * <ul>
 * <li>the first {@link #probationaryLength(int)} rows are probationary and never scored;</li>
 * <li>a row enters the next window when its timestamp equals that window's start, and leaves it after the row whose
 * timestamp equals its end; window width = index of the end - index of the start + 1, indices taken as the first
 * occurrence of those timestamps in the file (Python's {@code list.index});</li>
 * <li>in a window, position = -(rightIndex - i + 1) / width (so -1.0 at the first row, -1/width at the last) and a
 * detection is worth {@code S(position) * tpWeight / S(-1)};</li>
 * <li>after a window, position = |prevRightIndex - i| / (prevWidth - 1) and a detection is worth
 * {@code S(position) * fpWeight} (S is negative past the window, near 0 just after it, -1 beyond 3 widths);</li>
 * <li>before any window a detection is worth {@code -1.0 * fpWeight}.</li>
 * </ul>
 */
public final class WindowScorer {

    /** NAB's default probationary fraction (15 % of each file). */
    public static final double PROBATION_PERCENT = 0.15;

    private WindowScorer() {
    }

    /** NAB's {@code getProbationPeriod}: min(floor(0.15 * rows), 0.15 * 5000 = 750). Rows i with i &gt;= it are scored. */
    public static double probationaryLength(int rows) {
        return Math.min(Math.floor(PROBATION_PERCENT * rows), PROBATION_PERCENT * 5000);
    }

    public static ScoredFile score(DataFile file, double[] anomalyScores, Profile profile) {
        List<LocalDateTime> ts = file.timestamps();
        int n = ts.size();
        if (anomalyScores.length != n) {
            throw new IllegalArgumentException(file.relativePath() + ": " + anomalyScores.length
                    + " anomaly scores for " + n + " rows");
        }
        List<Window> windows = file.windows();
        double probation = probationaryLength(n);
        double[] sweep = new double[n];
        int[] windowOf = new int[n];

        int nextWindow = 0;
        int cur = -1;               // index of the window we are in, -1 when outside
        int curRight = -1;
        double curWidth = 0;
        int prevRight = -1;         // -1: no window seen yet
        double prevWidth = 0;

        for (int i = 0; i < n; i++) {
            LocalDateTime t = ts.get(i);
            // NAB checks for the next window's start on every row, inside a window or not.
            if (nextWindow < windows.size() && t.equals(windows.get(nextWindow).start())) {
                cur = nextWindow++;
                Window w = windows.get(cur);
                curRight = ts.indexOf(w.end());
                curWidth = (double) (curRight - ts.indexOf(w.start()) + 1);
            }
            double weighted;
            if (cur >= 0) {
                double position = -(curRight - i + 1) / curWidth;
                weighted = ScaledSigmoid.of(position) * profile.tpWeight() / ScaledSigmoid.MAX_TP;
            } else {
                double unweighted;
                if (prevRight < 0) {
                    unweighted = -1.0;
                } else {
                    // prevWidth == 1 divides by zero: NAB raises there, this gives +inf and so S = -1 (see README).
                    double position = Math.abs(prevRight - i) / (prevWidth - 1);
                    unweighted = ScaledSigmoid.of(position);
                }
                weighted = unweighted * profile.fpWeight();
            }
            sweep[i] = weighted;
            windowOf[i] = i >= probation ? (cur >= 0 ? cur : ScoredFile.OUTSIDE) : ScoredFile.PROBATIONARY;

            if (cur >= 0 && t.equals(windows.get(cur).end())) {
                prevRight = i;
                prevWidth = curWidth;
                cur = -1;
            }
        }
        return new ScoredFile(file, anomalyScores.clone(), sweep, windowOf);
    }
}
