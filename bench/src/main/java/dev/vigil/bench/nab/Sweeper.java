package dev.vigil.bench.nab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * NAB's threshold sweep ({@code Sweeper.calcScoreByThreshold}): the scored rows of one or more files, probationary rows
 * dropped, sorted by anomaly score, highest first (a stable sort: ties keep file order); walking down, each new score
 * value closes the previous threshold's result, so the result for threshold t counts exactly the rows with score
 * &gt;= t. The score is {@code fp + sum over windows of part(window)} where part starts at -fnWeight and becomes the
 * best (that is the earliest, the sigmoid being decreasing) detection's sweep score; later detections in a window add
 * nothing. The first result is for threshold 1.1 (nothing detected). Sums are taken in NAB's order (the FP part,
 * then the windows in the order they first appear in the sorted rows) so the floating-point totals match NAB's.
 */
public final class Sweeper {

    /** NAB's starting threshold, above any score: nothing detected. */
    public static final double START_THRESHOLD = 1.1;

    private Sweeper() {
    }

    /** Results for every distinct threshold, highest threshold first. */
    public static List<ThresholdScore> sweep(Collection<ScoredFile> files, Profile profile) {
        int n = 0;
        for (ScoredFile f : files) {
            for (int w : f.windowOf()) {
                if (w != ScoredFile.PROBATIONARY) {
                    n++;
                }
            }
        }
        double[] score = new double[n];
        double[] sweep = new double[n];
        int[] window = new int[n]; // global window id, or -1 outside any window
        int k = 0;
        int windowBase = 0;
        for (ScoredFile f : files) {
            int[] w = f.windowOf();
            for (int i = 0; i < w.length; i++) {
                if (w[i] == ScoredFile.PROBATIONARY) {
                    continue;
                }
                score[k] = f.anomalyScores()[i];
                sweep[k] = f.sweepScores()[i];
                window[k] = w[i] >= 0 ? windowBase + w[i] : -1;
                k++;
            }
            windowBase += f.file().windows().size();
        }

        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a])); // stable, like Python's sorted

        // The score parts: slot per window, in order of first appearance in the sorted rows.
        int[] slotOf = new int[windowBase];
        Arrays.fill(slotOf, -1);
        int slots = 0;
        for (int i : order) {
            if (window[i] >= 0 && slotOf[window[i]] < 0) {
                slotOf[window[i]] = slots++;
            }
        }
        double[] parts = new double[slots];
        Arrays.fill(parts, -profile.fnWeight());
        boolean[] detected = new boolean[slots];
        double fpPart = 0;

        int tn = 0;
        int fn = 0;
        for (int i = 0; i < n; i++) {
            if (window[i] < 0) {
                tn++;
            } else {
                fn++;
            }
        }
        int tp = 0;
        int fp = 0;
        int windowsDetected = 0;

        List<ThresholdScore> out = new ArrayList<>();
        double threshold = START_THRESHOLD;
        for (int i : order) {
            if (score[i] != threshold) {
                out.add(new ThresholdScore(threshold, sum(fpPart, parts), tp, tn, fp, fn, windowsDetected, slots));
                threshold = score[i];
            }
            if (window[i] >= 0) {
                tp++;
                fn--;
                int s = slotOf[window[i]];
                parts[s] = Math.max(parts[s], sweep[i]);
                if (!detected[s]) {
                    detected[s] = true;
                    windowsDetected++;
                }
            } else {
                fp++;
                tn--;
                fpPart += sweep[i];
            }
        }
        out.add(new ThresholdScore(threshold, sum(fpPart, parts), tp, tn, fp, fn, windowsDetected, slots));
        return out;
    }

    private static double sum(double fpPart, double[] parts) {
        double s = 0;
        s += fpPart;
        for (double p : parts) {
            s += p;
        }
        return s;
    }

    /**
     * The result NAB's {@code scoreDataSet} picks for a given threshold: the one for that exact threshold, else the
     * one for the lowest swept threshold above it (both count the rows with score &gt;= threshold). NAB finds nothing
     * (and fails) for a threshold below every swept one or above 1.1; here the answer is then the last result (every
     * row detected), resp. the first (none detected), which is what "score &gt;= threshold" means.
     */
    public static ThresholdScore at(List<ThresholdScore> sweep, double threshold) {
        ThresholdScore prev = null;
        for (ThresholdScore s : sweep) {
            if (s.threshold() == threshold) {
                return s;
            }
            if (s.threshold() < threshold) {
                return prev != null ? prev : s;
            }
            prev = s;
        }
        return prev;
    }

    /**
     * NAB's optimiser: the result with the highest score; among equal scores the first, i.e. the highest threshold
     * (NAB sorts by score with Python's stable sort and takes element 0).
     */
    public static ThresholdScore best(List<ThresholdScore> sweep) {
        ThresholdScore best = sweep.get(0);
        for (ThresholdScore s : sweep) {
            if (s.score() > best.score()) {
                best = s;
            }
        }
        return best;
    }
}
