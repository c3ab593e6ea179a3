package dev.vigil.scoring.model.knn;

import java.io.DataInput;
import java.io.IOException;

import dev.vigil.contracts.Numbers;
import dev.vigil.scoring.model.EntityModel;
import dev.vigil.scoring.model.ModelKind;

/**
 * Nearest-neighbour conformal anomaly detection, after KNN-CAD (Burnaev and Ishimtsev, "Conformalized density- and
 * distance-based anomaly detection in time-series data", 2016): the entity's last {@code shingle} steps are compared
 * with its own past patterns; their mean distance to the {@code neighbours} nearest of the last {@code training}
 * patterns (none overlapping them) is the pattern's non-conformity, and the raw score is its conformal surprise: how
 * rarely the last {@code calibration} patterns were that far from their neighbours, {@code -log10} of the share at
 * least as far (beyond the farthest, extrapolated by the ratio of distances).
 *
 * @param shingle     steps per pattern
 * @param neighbours  nearest patterns averaged
 * @param training    past patterns searched
 * @param calibration past non-conformities the new one is ranked among
 */
public record KnnKind(int shingle, int neighbours, int training, int calibration) implements ModelKind {

    public static final String NAME = "knn";
    public static final int DEFAULT_SHINGLE = 8;
    public static final int DEFAULT_NEIGHBOURS = 5;
    public static final int DEFAULT_TRAINING = 400;
    public static final int DEFAULT_CALIBRATION = 200;

    public KnnKind {
        if (shingle < 1 || shingle > 256 || neighbours < 1 || training < neighbours || training > 100_000
                || calibration < 10 || calibration > 100_000) {
            throw new IllegalArgumentException("knn needs a shingle of 1..256, 1 <= neighbours <= training <= 100000 and"
                    + " a calibration of 10..100000, got shingle=" + shingle + " neighbours=" + neighbours
                    + " training=" + training + " calibration=" + calibration);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean multivariate() {
        return false;
    }

    @Override
    public String spec() {
        return NAME + "(shingle=" + shingle + ",neighbours=" + neighbours + ",training=" + training + ",calibration="
                + calibration + ")";
    }

    @Override
    public EntityModel create(int dimensions, long seed) {
        return new KnnModel(this, dimensions);
    }

    @Override
    public EntityModel read(DataInput in, int dimensions) throws IOException {
        KnnModel model = new KnnModel(this, dimensions);
        model.read(in);
        return model;
    }

    @Override
    public String describe(double raw) {
        return "its last " + shingle + " values are farther from their " + neighbours + " nearest past patterns than "
                + Numbers.significant(100 * (1 - Math.pow(10, -raw)), 3) + " % of recent patterns were";
    }
}
