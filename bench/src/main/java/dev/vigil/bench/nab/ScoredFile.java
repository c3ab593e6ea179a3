package dev.vigil.bench.nab;

/**
 * One file's rows as NAB's {@code Sweeper.calcSweepScore} leaves them: per row the detector's anomaly score, the
 * weighted score a detection there would earn ({@code sweepScore}) and the row's window: {@link #PROBATIONARY},
 * {@link #OUTSIDE}, or the index (0-based, in label order) of the file's window that holds it.
 */
public record ScoredFile(DataFile file, double[] anomalyScores, double[] sweepScores, int[] windowOf) {

    public static final int PROBATIONARY = -2;
    public static final int OUTSIDE = -1;

    public int size() {
        return anomalyScores.length;
    }
}
