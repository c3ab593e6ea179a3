package dev.vigil.scoring.model.rcf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

import com.amazon.randomcutforest.RandomCutForest;
import com.amazon.randomcutforest.returntypes.DiVector;
import com.amazon.randomcutforest.state.RandomCutForestMapper;
import com.amazon.randomcutforest.state.RandomCutForestState;
import dev.vigil.scoring.model.EntityModel;
import dev.vigil.scoring.model.FeatureScales;

/**
 * One entity's Random Cut Forest (Guha et al., "Robust Random Cut Forest Based Anomaly Detection on Streams", 2016,
 * with Amazon's {@code randomcutforest-core}): its recent shingles (the last {@code shingle} steps of every feature,
 * each feature divided by its spread) sampled into trees of random cuts; a shingle that the trees isolate in few cuts
 * is unusual. The raw score is the library's anomaly score (about 1 for a typical point, higher the more displaced);
 * the attribution is its split over the shingle's coordinates, summed per feature.
 * <p>
 * Snapshot: the feature scales, then the forest's state (trees included, so a restored forest scores exactly as the
 * saved one) as a length-prefixed Java serialisation of the library's own state classes, read back through a filter
 * that admits only those classes.
 */
final class RcfModel implements EntityModel {

    /** Only the library's state classes and what they hold may be read back. */
    private static final ObjectInputFilter STATE_CLASSES = ObjectInputFilter.Config.createFilter(
            "com.amazon.randomcutforest.state.**;com.amazon.randomcutforest.config.*;java.util.ArrayList;"
                    + "java.lang.Object;java.lang.String;java.lang.Number;java.lang.Long;java.lang.Integer;"
                    + "java.lang.Double;java.lang.Enum;maxdepth=20;!*");
    private static final int MAX_SNAPSHOT_BYTES = 64 << 20;

    private final RcfKind kind;
    private final int dimensions;
    private final FeatureScales scales;
    private RandomCutForest forest;

    RcfModel(RcfKind kind, int dimensions, long seed) {
        this.kind = kind;
        this.dimensions = dimensions;
        this.scales = new FeatureScales(dimensions, RcfKind.SCALE_WARM_UP);
        this.forest = kind.forest(dimensions, seed);
    }

    @Override
    public double score(double[] values) {
        if (!scales.ready() || !forest.isOutputReady()) {
            return Double.NaN;
        }
        return forest.getAnomalyScore(scales.scaled(values));
    }

    @Override
    public double[] attribution(double[] values) {
        double[] shares = new double[dimensions];
        if (!scales.ready() || !forest.isOutputReady()) {
            return shares;
        }
        DiVector split = forest.getAnomalyAttribution(scales.scaled(values));
        double[] high = new double[dimensions];
        double[] low = new double[dimensions];
        double total = 0;
        // the shingle lays out steps oldest first, each step's features in order
        for (int i = 0; i < split.getDimensions(); i++) {
            high[i % dimensions] += split.high[i];
            low[i % dimensions] += split.low[i];
            total += split.high[i] + split.low[i];
        }
        for (int f = 0; f < dimensions && total > 0; f++) {
            shares[f] = (high[f] >= low[f] ? 1 : -1) * (high[f] + low[f]) / total;
        }
        return shares;
    }

    @Override
    public void learn(double[] values) {
        if (scales.ready()) {
            forest.update(scales.scaled(values));
        }
        scales.learn(values);
    }

    @Override
    public void write(DataOutput out) throws IOException {
        scales.write(out);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream objects = new ObjectOutputStream(bytes)) {
            objects.writeObject(mapper().toState(forest));
        }
        out.writeInt(bytes.size());
        out.write(bytes.toByteArray());
    }

    void read(DataInput in) throws IOException {
        scales.read(in);
        int length = in.readInt();
        if (length < 0 || length > MAX_SNAPSHOT_BYTES) {
            throw new IOException("corrupt forest snapshot: " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        try (ObjectInputStream objects = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            objects.setObjectInputFilter(STATE_CLASSES);
            RandomCutForestState state = (RandomCutForestState) objects.readObject();
            if (state.getDimensions() != dimensions * kind.shingle() || state.getNumberOfTrees() != kind.trees()
                    || state.getSampleSize() != kind.sampleSize()) {
                throw new IOException("forest snapshot of another shape: " + state.getDimensions() + " dimensions, "
                        + state.getNumberOfTrees() + " trees of " + state.getSampleSize());
            }
            forest = mapper().toModel(state);
        } catch (ClassNotFoundException | InvalidClassException | ClassCastException e) {
            throw new IOException("forest snapshot cannot be read: " + e.getMessage(), e);
        }
    }

    private static RandomCutForestMapper mapper() {
        RandomCutForestMapper mapper = new RandomCutForestMapper();
        mapper.setSaveExecutorContextEnabled(true);
        mapper.setSaveTreeStateEnabled(true);
        mapper.setCompressionEnabled(true);
        return mapper;
    }
}
