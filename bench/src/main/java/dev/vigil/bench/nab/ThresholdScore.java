package dev.vigil.bench.nab;

/**
 * The score of a set of files when every scored row with anomaly score &gt;= {@code threshold} is a detection, as in
 * NAB's {@code ThresholdScore}: {@code tp, tn, fp, fn} count rows (after the probationary period), as NAB's do.
 * {@code windowsDetected} and {@code windows} count windows (a window is detected when any of its rows is), which NAB
 * does not report; missed windows = {@code windows - windowsDetected}.
 */
public record ThresholdScore(double threshold, double score, int tp, int tn, int fp, int fn,
                             int windowsDetected, int windows) {

    public int total() {
        return tp + tn + fp + fn;
    }

    public int windowsMissed() {
        return windows - windowsDetected;
    }
}
