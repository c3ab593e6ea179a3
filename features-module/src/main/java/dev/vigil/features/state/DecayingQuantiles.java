package dev.vigil.features.state;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.mapping.CubicallyInterpolatedMapping;
import com.datadoghq.sketch.ddsketch.mapping.IndexMapping;
import com.datadoghq.sketch.ddsketch.store.CollapsingLowestDenseStore;

/**
 * Quantiles of the recent values of a series from two DDSketches (1 % relative accuracy, at most
 * {@value #MAX_BINS} bins each, collapsing the lowest bins beyond that), so that it forgets slowly: {@code recent}
 * holds the values since the last rotation, {@code answering} holds those plus the whole generation before. Every
 * {@code generation} values, {@code answering} is replaced by {@code recent} and {@code recent} starts empty, so
 * quantiles always describe between one and two generations of the newest values and a regime a year old cannot
 * dominate them. Answering from a sketch that already holds the union costs no merge and no allocation per read.
 * <p>
 * A series keeps one when a scorer reads {@link #KIND} (the {@code percentile} scorer, the long-run floor of the
 * spreads).
 */
public final class DecayingQuantiles implements Statistic {

    /**
     * Values per generation of the series' sketch: one week of one-minute windows, so quantiles describe the last
     * one to two weeks of a series.
     */
    public static final int SERIES_GENERATION = 7 * 24 * 60;

    /** The quantiles of a series' last one to two weeks of values ({@value #SERIES_GENERATION} per generation). */
    public static final StatisticKind<DecayingQuantiles> KIND = StatisticKind.of("quantiles", DecayingQuantiles.class,
            alpha -> new DecayingQuantiles(SERIES_GENERATION));

    static final double RELATIVE_ACCURACY = 0.01;
    static final int MAX_BINS = 512;

    private final int generation;
    private final DDSketch answering = newSketch();
    private final DDSketch recent = newSketch();
    private int sinceRotation;

    DecayingQuantiles(int generation) {
        if (generation < 1) {
            throw new IllegalArgumentException("a sketch generation must hold at least 1 value, got " + generation);
        }
        this.generation = generation;
    }

    /**
     * The value-to-bin mapping, immutable, so one serves every sketch: what
     * {@code DDSketches.collapsingLowestDense(RELATIVE_ACCURACY, MAX_BINS)} builds, without a mapping object per
     * sketch (96 bytes a series).
     */
    private static final IndexMapping MAPPING = new CubicallyInterpolatedMapping(RELATIVE_ACCURACY);

    private static DDSketch newSketch() {
        return new DDSketch(MAPPING, () -> new CollapsingLowestDenseStore(MAX_BINS));
    }

    @Override
    public void learn(Instant at, double value) {
        add(value);
    }

    void add(double value) {
        if (sinceRotation == generation) {
            answering.clear();
            answering.mergeWith(recent);
            recent.clear();
            sinceRotation = 0;
        }
        answering.accept(value);
        recent.accept(value);
        sinceRotation++;
    }

    /** The {@code q}-quantile (0..1) of the values learned; NaN before the first. */
    public double quantile(double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile must be in [0, 1], got " + q);
        }
        return answering.isEmpty() ? Double.NaN : answering.getValueAtQuantile(q);
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(sinceRotation);
        writeSketch(out, answering);
        writeSketch(out, recent);
    }

    @Override
    public void readFrom(DataInput in) throws IOException {
        sinceRotation = in.readInt();
        if (sinceRotation < 0 || sinceRotation > generation) {
            throw new IOException("corrupt quantile sketch: " + sinceRotation + " values in a generation of "
                    + generation);
        }
        readSketch(in, answering);
        readSketch(in, recent);
    }

    private static void writeSketch(DataOutput out, DDSketch sketch) throws IOException {
        // without the index mapping: it is fixed by the spec, and a decoded mapping does not compare equal to ours
        GrowingByteArrayOutput encoded = GrowingByteArrayOutput.withDefaultInitialCapacity();
        sketch.encode(encoded, true);
        out.writeInt(encoded.numWrittenBytes());
        out.write(encoded.backingArray(), 0, encoded.numWrittenBytes());
    }

    private static void readSketch(DataInput in, DDSketch into) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > 1 << 20) {
            throw new IOException("corrupt quantile sketch: " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        into.clear();
        into.decodeAndMergeWith(ByteArrayInput.wrap(bytes));
    }
}
