package dev.vigil.bench.nab;

import java.util.List;

/**
 * A set of files scored at one threshold, as NAB's score and normalise steps report it: the raw score (sum of the
 * per-file scores), the null detector's (nothing detected: -fnWeight per scorable window), the perfect detector's
 * (tpWeight per labelled window) and {@code normalised = 100 * (raw - null) / (perfect - null)}, NaN for files without
 * any window. Counts: windows detected / missed, and NAB's row counts.
 */
public record Figures(double threshold, double raw, double nullScore, double perfect, double normalised,
                      int windows, int windowsDetected, int windowsMissed, int tp, int tn, int fp, int fn) {

    /** Adds up the per-file results (in list order, as NAB totals them) for one threshold. */
    static Figures of(double threshold, List<ThresholdScore> perFile, List<ThresholdScore> nullPerFile,
                      int labelledWindows, Profile profile) {
        double raw = 0;
        double nul = 0;
        int detected = 0;
        int missed = 0;
        int tp = 0;
        int tn = 0;
        int fp = 0;
        int fn = 0;
        for (int i = 0; i < perFile.size(); i++) {
            ThresholdScore s = perFile.get(i);
            raw += s.score();
            nul += nullPerFile.get(i).score();
            detected += s.windowsDetected();
            missed += s.windowsMissed();
            tp += s.tp();
            tn += s.tn();
            fp += s.fp();
            fn += s.fn();
        }
        double perfect = labelledWindows * profile.tpWeight();
        double normalised = perfect - nul == 0 ? Double.NaN : 100 * (raw - nul) / (perfect - nul);
        return new Figures(threshold, raw, nul, perfect, normalised, labelledWindows, detected, missed, tp, tn, fp, fn);
    }
}
