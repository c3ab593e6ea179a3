package dev.vigil.scoring.model.rcf;

import java.io.DataInput;
import java.io.IOException;

import com.amazon.randomcutforest.RandomCutForest;
import com.amazon.randomcutforest.config.Precision;
import dev.vigil.contracts.Numbers;
import dev.vigil.scoring.model.EntityModel;
import dev.vigil.scoring.model.ModelKind;

/**
 * Random Cut Forest as a model-backed detector: one forest per entity over its shingled features (a series alone, or
 * every metric of a host together), scored before each step is learned.
 *
 * @param trees      trees per forest; more trees, steadier scores, proportionally more time and memory
 * @param sampleSize points each tree samples from the stream (its memory, with {@code timeDecay} favouring recent ones)
 * @param shingle    consecutive steps per point, so the forest sees short patterns, not single values
 * @param timeDecay  how strongly recent points are preferred in the samples ({@code 1 / (10 * sampleSize)}: points
 *                   about ten sample sizes old are rare)
 */
public record RcfKind(int trees, int sampleSize, int shingle, double timeDecay) implements ModelKind {

    public static final String NAME = "rcf";
    public static final int DEFAULT_TREES = 30;
    public static final int DEFAULT_SAMPLE_SIZE = 256;
    public static final int DEFAULT_SHINGLE = 8;
    /** Steps whose spreads fix the feature scales before the forest starts learning. */
    static final int SCALE_WARM_UP = 32;

    public RcfKind {
        if (trees < 1 || trees > 1000 || sampleSize < 16 || sampleSize > 8192 || shingle < 1 || shingle > 256
                || !(timeDecay >= 0) || timeDecay >= 1) {
            throw new IllegalArgumentException("rcf needs 1..1000 trees, a sample size of 16..8192, a shingle of 1..256"
                    + " and a time decay in [0, 1), got trees=" + trees + " sample-size=" + sampleSize + " shingle="
                    + shingle + " time-decay=" + timeDecay);
        }
    }

    public static double defaultTimeDecay(int sampleSize) {
        return 1.0 / (10.0 * sampleSize);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean multivariate() {
        return true;
    }

    @Override
    public String spec() {
        return NAME + "(trees=" + trees + ",sample-size=" + sampleSize + ",shingle=" + shingle + ",time-decay="
                + timeDecay + ")";
    }

    @Override
    public EntityModel create(int dimensions, long seed) {
        return new RcfModel(this, dimensions, seed);
    }

    @Override
    public EntityModel read(DataInput in, int dimensions) throws IOException {
        RcfModel model = new RcfModel(this, dimensions, 0);
        model.read(in);
        return model;
    }

    @Override
    public String describe(double raw) {
        return "forest score " + Numbers.significant(raw, 3);
    }

    RandomCutForest forest(int dimensions, long seed) {
        return RandomCutForest.builder().dimensions(dimensions * shingle).shingleSize(shingle)
                .internalShinglingEnabled(true).numberOfTrees(trees).sampleSize(sampleSize).timeDecay(timeDecay)
                .outputAfter(sampleSize / 4).precision(Precision.FLOAT_32).randomSeed(seed).build();
    }
}
