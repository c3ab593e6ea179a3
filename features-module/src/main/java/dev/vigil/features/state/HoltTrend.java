package dev.vigil.features.state;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Holt's double exponential smoothing: a level and a trend (change of the level per value). The level's weight is
 * the spec's alpha; the trend's weight is alpha / 2, so the trend reacts more slowly than the level and one outlier
 * does not flip it. The first value sets the level, the second sets the trend to their difference.
 */
final class HoltTrend {

    private final double alpha;
    private final double beta;
    private double level = Double.NaN;
    private double trend = Double.NaN;

    HoltTrend(double alpha) {
        this.alpha = alpha;
        this.beta = alpha / 2;
    }

    void add(double value) {
        if (Double.isNaN(level)) {
            level = value;
        } else if (Double.isNaN(trend)) {
            trend = value - level;
            level = value;
        } else {
            double previous = level;
            level = alpha * value + (1 - alpha) * (level + trend);
            trend = beta * (level - previous) + (1 - beta) * trend;
        }
    }

    double trend() {
        return trend;
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeDouble(level);
        out.writeDouble(trend);
    }

    void readFrom(DataInput in) throws IOException {
        level = in.readDouble();
        trend = in.readDouble();
    }
}
