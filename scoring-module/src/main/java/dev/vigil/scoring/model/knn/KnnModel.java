package dev.vigil.scoring.model.knn;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

import dev.vigil.scoring.model.EntityModel;
import dev.vigil.scoring.model.FeatureScales;

/**
 * One entity's patterns and non-conformities for {@link KnnKind}. It keeps the last {@code training + 2 * shingle}
 * steps (each feature divided by its spread, as floats) and the last {@code calibration} non-conformities, in rings.
 */
final class KnnModel implements EntityModel {

    private final KnnKind kind;
    private final int dimensions;
    private final FeatureScales scales;
    private final int capacity;
    /** steps, oldest overwritten first: step i at [(i % capacity) * dimensions, + dimensions) */
    private final float[] steps;
    private long stepsSeen;
    private final double[] conformity;
    private int conformitySeen;
    /** the non-conformity of the step last scored, learned with it; NaN when there was none */
    private double pending = Double.NaN;

    KnnModel(KnnKind kind, int dimensions) {
        this.kind = kind;
        this.dimensions = dimensions;
        this.scales = new FeatureScales(dimensions, Math.max(2, kind.shingle()));
        this.capacity = kind.training() + 2 * kind.shingle();
        this.steps = new float[capacity * dimensions];
        this.conformity = new double[kind.calibration()];
    }

    @Override
    public double score(double[] values) {
        pending = Double.NaN;
        int w = kind.shingle();
        // patterns that end at least w steps before the current one, so none overlaps it
        long candidates = Math.min(stepsSeen - (2L * w - 1), kind.training());
        if (!scales.ready() || candidates < kind.neighbours()) {
            return Double.NaN;
        }
        double[] current = scales.scaled(values);
        double[] nearest = new double[kind.neighbours()];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        long now = stepsSeen; // the index the current step will have
        for (long end = now - w; end > now - w - candidates; end--) {
            double squares = 0;
            for (int lag = 0; lag < w; lag++) {
                for (int f = 0; f < dimensions; f++) {
                    double mine = lag == 0 ? current[f] : steps[slot(now - lag) + f];
                    double d = mine - steps[slot(end - lag) + f];
                    squares += d * d;
                }
            }
            insert(nearest, squares);
        }
        double sum = 0;
        for (double squares : nearest) {
            sum += Math.sqrt(squares);
        }
        pending = sum / nearest.length;
        int known = Math.min(conformitySeen, conformity.length);
        if (known < conformity.length / 2) {
            return Double.NaN;
        }
        int atLeast = 0;
        double farthest = 0;
        for (int i = 0; i < known; i++) {
            if (conformity[i] >= pending) {
                atLeast++;
            }
            farthest = Math.max(farthest, conformity[i]);
        }
        double p = (1.0 + atLeast) / (1.0 + known);
        if (atLeast == 0 && pending > farthest && farthest > 0) {
            p *= farthest / pending; // beyond every calibration pattern: rank by how far beyond
        }
        return -Math.log10(p);
    }

    /** Keeps the smallest values in {@code nearest}, sorted ascending. */
    private static void insert(double[] nearest, double value) {
        int i = nearest.length - 1;
        if (value >= nearest[i]) {
            return;
        }
        while (i > 0 && nearest[i - 1] > value) {
            nearest[i] = nearest[i - 1];
            i--;
        }
        nearest[i] = value;
    }

    private int slot(long step) {
        return (int) (step % capacity) * dimensions;
    }

    @Override
    public double[] attribution(double[] values) {
        double[] shares = new double[dimensions];
        if (dimensions == 1) {
            shares[0] = 1;
        }
        return shares;
    }

    @Override
    public void learn(double[] values) {
        if (!Double.isNaN(pending)) {
            conformity[conformitySeen % conformity.length] = pending;
            conformitySeen = conformitySeen == Integer.MAX_VALUE ? conformity.length : conformitySeen + 1;
            pending = Double.NaN;
        }
        scales.learn(values);
        if (scales.ready()) {
            double[] scaled = scales.scaled(values);
            int at = slot(stepsSeen);
            for (int f = 0; f < dimensions; f++) {
                steps[at + f] = (float) scaled[f];
            }
            stepsSeen++;
        }
    }

    @Override
    public void write(DataOutput out) throws IOException {
        scales.write(out);
        out.writeLong(stepsSeen);
        for (float v : steps) {
            out.writeFloat(v);
        }
        out.writeInt(conformitySeen);
        for (double c : conformity) {
            out.writeDouble(c);
        }
    }

    void read(DataInput in) throws IOException {
        scales.read(in);
        stepsSeen = in.readLong();
        for (int i = 0; i < steps.length; i++) {
            steps[i] = in.readFloat();
        }
        conformitySeen = in.readInt();
        for (int i = 0; i < conformity.length; i++) {
            conformity[i] = in.readDouble();
        }
        if (stepsSeen < 0 || conformitySeen < 0) {
            throw new IOException("corrupt knn snapshot: " + stepsSeen + " steps, " + conformitySeen + " non-conformities");
        }
    }
}
