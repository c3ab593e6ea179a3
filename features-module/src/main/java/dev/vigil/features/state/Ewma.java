package dev.vigil.features.state;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Exponentially weighted mean and variance with a fixed weight on the newest value, initialised by the first value
 * (mean = that value, variance 0). The variance update is the incremental one of Finch (2009), "Incremental
 * calculation of weighted mean and variance", which needs no history.
 */
final class Ewma {

    private final double alpha;
    private double mean = Double.NaN;
    private double variance = Double.NaN;

    Ewma(double alpha) {
        this.alpha = alpha;
    }

    void add(double value) {
        if (Double.isNaN(mean)) {
            mean = value;
            variance = 0;
            return;
        }
        double diff = value - mean;
        double increment = alpha * diff;
        mean += increment;
        variance = (1 - alpha) * (variance + diff * increment);
    }

    double mean() {
        return mean;
    }

    double stdDev() {
        return Math.sqrt(variance);
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeDouble(mean);
        out.writeDouble(variance);
    }

    void readFrom(DataInput in) throws IOException {
        mean = in.readDouble();
        variance = in.readDouble();
    }
}
