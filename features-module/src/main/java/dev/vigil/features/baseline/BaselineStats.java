package dev.vigil.features.baseline;

/**
 * What a baseline says is normal, from the windows it remembers.
 *
 * @param count  how many windows it is built on
 * @param mean   arithmetic mean
 * @param stdDev standard deviation (population)
 * @param median median
 * @param mad    median absolute deviation from the median (unscaled)
 */
public record BaselineStats(int count, double mean, double stdDev, double median, double mad) {

    /** Scales a MAD to a standard deviation for normally distributed data. */
    public static final double MAD_TO_SIGMA = 1.4826;

    /** The robust spread, {@code 1.4826 * MAD}, never below {@code floor}. */
    public double robustScale(double floor) {
        return Math.max(MAD_TO_SIGMA * mad, floor);
    }
}
