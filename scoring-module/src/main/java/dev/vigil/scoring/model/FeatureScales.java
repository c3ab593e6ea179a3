package dev.vigil.scoring.model;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Puts an entity's features on one scale for a model that measures distances across them (a forest's cuts, nearest
 * neighbours): each feature is divided by its spread, learned from its first {@code warmUp} values and then fixed, so
 * the model's stored points keep one geometry. Features are not centred: the models compare shapes and distances,
 * which a shift of all values does not change. A feature that did not move during the warm-up gets the floor
 * {@code 1e-3 * |mean| + 1e-9} as its spread, so its first move is as large as it is. Missing values ({@code NaN}) are
 * carried forward from the feature's last value (0 before any).
 */
public final class FeatureScales {

    private final int warmUp;
    private final double[] sum;
    private final double[] sumOfSquares;
    private final double[] scale;
    private final double[] last;
    private int seen;

    public FeatureScales(int dimensions, int warmUp) {
        if (dimensions < 1 || warmUp < 2) {
            throw new IllegalArgumentException("scales need at least 1 feature and 2 warm-up values, got " + dimensions
                    + " and " + warmUp);
        }
        this.warmUp = warmUp;
        this.sum = new double[dimensions];
        this.sumOfSquares = new double[dimensions];
        this.scale = new double[dimensions];
        this.last = new double[dimensions];
        Arrays.fill(scale, Double.NaN);
    }

    /** Whether the spreads are fixed, so {@link #scaled} may be called. */
    public boolean ready() {
        return seen >= warmUp;
    }

    /** The values with missing ones carried forward, unscaled (what the warm-up learns from). */
    public double[] filled(double[] values) {
        double[] filled = new double[values.length];
        for (int f = 0; f < values.length; f++) {
            filled[f] = Double.isNaN(values[f]) ? last[f] : values[f];
        }
        return filled;
    }

    /** The values, missing ones carried forward, each divided by its feature's spread. */
    public double[] scaled(double[] values) {
        double[] scaled = filled(values);
        for (int f = 0; f < scaled.length; f++) {
            scaled[f] /= scale[f];
        }
        return scaled;
    }

    /** Learns a step's values: during the warm-up their spread, always the last value of each feature. */
    public void learn(double[] values) {
        double[] filled = filled(values);
        System.arraycopy(filled, 0, last, 0, filled.length);
        if (seen >= warmUp) {
            return;
        }
        seen++;
        for (int f = 0; f < filled.length; f++) {
            sum[f] += filled[f];
            sumOfSquares[f] += filled[f] * filled[f];
            if (seen == warmUp) {
                double mean = sum[f] / seen;
                double spread = Math.sqrt(Math.max(0, sumOfSquares[f] / seen - mean * mean));
                scale[f] = Math.max(spread, 1e-3 * Math.abs(mean) + 1e-9);
            }
        }
    }

    public void write(DataOutput out) throws IOException {
        out.writeInt(seen);
        for (int f = 0; f < scale.length; f++) {
            out.writeDouble(sum[f]);
            out.writeDouble(sumOfSquares[f]);
            out.writeDouble(scale[f]);
            out.writeDouble(last[f]);
        }
    }

    public void read(DataInput in) throws IOException {
        seen = in.readInt();
        if (seen < 0 || seen > warmUp) {
            throw new IOException("corrupt feature scales: " + seen + " warm-up values of " + warmUp);
        }
        for (int f = 0; f < scale.length; f++) {
            sum[f] = in.readDouble();
            sumOfSquares[f] = in.readDouble();
            scale[f] = in.readDouble();
            last[f] = in.readDouble();
        }
    }
}
