package dev.vigil.features.state;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import dev.vigil.features.state.StateSpec.Seasonality;

/**
 * The learned state of one feature of one entity: a rolling window, an EWMA, a Holt trend and an interval tracker
 * always, a quantile sketch and a seasonal profile only when the {@link StateSpec} asks for them, so a series keeps
 * only the memory its scorers read. Scorers read it as a {@link SeriesView} before the new value is {@link #learn
 * learned}, and keep their own per-series numbers in {@link #scorerSlots()}.
 * <p>
 * Not thread-safe: callers hold the state's monitor ({@code synchronized (state)}) from reading to learning.
 * <p>
 * Snapshot format ({@link #writeTo}), big-endian as {@link DataOutput} writes it: a format version (short), the spec
 * (window int, alpha double, quantiles boolean, seasonality name UTF, scorer slots int), then the body: count
 * (long), rolling window (size int, next int, values), EWMA (mean, variance), Holt (level, trend), interval tracker
 * (present boolean, epoch second long, nano int, gap double), the quantile sketch if in the spec (values since
 * rotation int, two DDSketches each as length int + DDSketch encoding), the seasonal profile if in the spec (used
 * buckets short, then per used bucket index short, count long, mean double, variance double), the scorer slots.
 * Doubles are written as their exact bits, so a restored state answers and learns exactly as the original.
 */
public final class SeriesState implements SeriesView {

    /** Version of the snapshot format; a snapshot of another version is rejected, not guessed at. */
    public static final short FORMAT_VERSION = 1;

    /**
     * Values per generation of the quantile sketch: one week of one-minute windows, so quantiles describe the last
     * one to two weeks of a series.
     */
    public static final int SKETCH_GENERATION = 7 * 24 * 60;

    private static final double[] NO_SLOTS = new double[0];

    private final StateSpec spec;
    private long count;
    private final RollingWindow window;
    private final Ewma ewma;
    private final HoltTrend holt;
    private final IntervalTracker interval;
    private final DecayingQuantiles quantiles;
    private final SeasonalProfile seasonal;
    private final double[] slots;

    public SeriesState(StateSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.window = new RollingWindow(spec.window());
        this.ewma = new Ewma(spec.ewmaAlpha());
        this.holt = new HoltTrend(spec.ewmaAlpha());
        this.interval = new IntervalTracker(spec.ewmaAlpha());
        this.quantiles = spec.quantiles() ? new DecayingQuantiles(SKETCH_GENERATION) : null;
        this.seasonal = spec.seasonality() == Seasonality.NONE ? null
                : new SeasonalProfile(spec.seasonality(), spec.ewmaAlpha());
        this.slots = spec.scorerSlots() == 0 ? NO_SLOTS : new double[spec.scorerSlots()];
    }

    /** Learns the value of the series at {@code at}; NaN and infinities are rejected, they would poison every sum. */
    public void learn(Instant at, double value) {
        Objects.requireNonNull(at, "at");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a series learns finite values only, got " + value + " at " + at);
        }
        count++;
        window.add(value);
        ewma.add(value);
        holt.add(value);
        interval.add(at);
        if (quantiles != null) {
            quantiles.add(value);
        }
        if (seasonal != null) {
            seasonal.add(at, value);
        }
    }

    /** The scorers' own per-series numbers ({@link StateSpec#scorerSlots()} of them, 0 at start), snapshotted too. */
    public double[] scorerSlots() {
        return slots;
    }

    public StateSpec spec() {
        return spec;
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public int windowSize() {
        return window.size();
    }

    @Override
    public double mean() {
        return window.mean();
    }

    @Override
    public double stdDev() {
        return window.stdDev();
    }

    @Override
    public double median() {
        return window.median();
    }

    @Override
    public double mad() {
        return window.mad();
    }

    @Override
    public double ewmaMean() {
        return ewma.mean();
    }

    @Override
    public double ewmaStdDev() {
        return ewma.stdDev();
    }

    @Override
    public double quantile(double q) {
        return quantiles == null ? Double.NaN : quantiles.quantile(q);
    }

    @Override
    public double seasonalExpected(Instant at) {
        return seasonal == null ? Double.NaN : seasonal.expected(at);
    }

    @Override
    public double seasonalSpread(Instant at) {
        return seasonal == null ? Double.NaN : seasonal.spread(at);
    }

    @Override
    public long seasonalCount(Instant at) {
        return seasonal == null ? 0 : seasonal.count(at);
    }

    @Override
    public double trend() {
        return holt.trend();
    }

    @Override
    public Instant lastSeen() {
        return interval.lastSeen();
    }

    @Override
    public Duration typicalInterval() {
        return interval.typicalInterval();
    }

    /** Writes a self-describing snapshot: format version, spec, state. */
    public void writeTo(DataOutput out) throws IOException {
        writeHeader(out, spec);
        writeBody(out);
    }

    /**
     * Restores a state written by {@link #writeTo}.
     *
     * @throws SnapshotMismatchException if the snapshot has another format version or was written with another spec
     */
    public static SeriesState readFrom(DataInput in, StateSpec spec) throws IOException {
        readHeader(in, spec);
        SeriesState state = new SeriesState(spec);
        state.readBody(in);
        return state;
    }

    static void writeHeader(DataOutput out, StateSpec spec) throws IOException {
        out.writeShort(FORMAT_VERSION);
        out.writeInt(spec.window());
        out.writeDouble(spec.ewmaAlpha());
        out.writeBoolean(spec.quantiles());
        out.writeUTF(spec.seasonality().name());
        out.writeInt(spec.scorerSlots());
    }

    static void readHeader(DataInput in, StateSpec expected) throws IOException {
        short version = in.readShort();
        if (version != FORMAT_VERSION) {
            throw new SnapshotMismatchException("snapshot has format version " + version + ", this build reads version "
                    + FORMAT_VERSION);
        }
        int window = in.readInt();
        double alpha = in.readDouble();
        boolean withQuantiles = in.readBoolean();
        String seasonality = in.readUTF();
        int scorerSlots = in.readInt();
        if (window != expected.window() || Double.compare(alpha, expected.ewmaAlpha()) != 0
                || withQuantiles != expected.quantiles() || !seasonality.equals(expected.seasonality().name())
                || scorerSlots != expected.scorerSlots()) {
            throw new SnapshotMismatchException("snapshot was written with StateSpec[window=" + window + ", ewmaAlpha="
                    + alpha + ", quantiles=" + withQuantiles + ", seasonality=" + seasonality + ", scorerSlots="
                    + scorerSlots + "] but is read as " + expected + "; discard it and relearn");
        }
    }

    void writeBody(DataOutput out) throws IOException {
        out.writeLong(count);
        window.writeTo(out);
        ewma.writeTo(out);
        holt.writeTo(out);
        interval.writeTo(out);
        if (quantiles != null) {
            quantiles.writeTo(out);
        }
        if (seasonal != null) {
            seasonal.writeTo(out);
        }
        for (double slot : slots) {
            out.writeDouble(slot);
        }
    }

    void readBody(DataInput in) throws IOException {
        count = in.readLong();
        window.readFrom(in);
        ewma.readFrom(in);
        holt.readFrom(in);
        interval.readFrom(in);
        if (quantiles != null) {
            quantiles.readFrom(in);
        }
        if (seasonal != null) {
            seasonal.readFrom(in);
        }
        for (int i = 0; i < slots.length; i++) {
            slots[i] = in.readDouble();
        }
    }
}
