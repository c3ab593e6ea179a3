package dev.vigil.features.state;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The learned state of one feature of one entity: a rolling window, an EWMA, a Holt trend and an interval tracker
 * always, and the {@link Statistic}s its {@link StateSpec} names (a quantile sketch, a seasonal profile) only when a
 * scorer reads them, so a series keeps only the memory its scorers need. Scorers read it as a {@link SeriesView}
 * before the new value is {@link #learn learned}, and keep their own per-series numbers in {@link #scorerSlots()}.
 * <p>
 * Not thread-safe: callers hold the state's monitor ({@code synchronized (state)}) from reading to learning.
 * <p>
 * Snapshot format ({@link #writeTo}), big-endian as {@link DataOutput} writes it: a format version (short), the spec
 * (window int, alpha double, the number of statistics short and each one's name UTF, scorer slots int), then the
 * body: count (long), rolling window (size int, next int, values), EWMA (mean, variance), Holt (level, trend),
 * interval tracker (present boolean, epoch second long, nano int, gap double), each statistic as it writes itself, in
 * the spec's order, the scorer slots. Doubles are written as their exact bits, so a restored state answers and learns
 * exactly as the original. Version 1 (quantiles boolean and seasonality name in place of the statistics' names, the
 * same body) is still read.
 */
public final class SeriesState implements SeriesView {

    /** Version of the snapshot format; a snapshot of another version is rejected, not guessed at. */
    public static final short FORMAT_VERSION = 2;
    /** The format before statistics were named, whose body is the same. */
    private static final short NAMED_FLAGS_VERSION = 1;

    private static final double[] NO_SLOTS = new double[0];

    private final StateSpec spec;
    private long count;
    private final RollingWindow window;
    private final Ewma ewma;
    private final HoltTrend holt;
    private final IntervalTracker interval;
    /** One per {@link StateSpec#statistics()}, in its order. */
    private final Statistic[] statistics;
    private final double[] slots;

    public SeriesState(StateSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.window = new RollingWindow(spec.window());
        this.ewma = new Ewma(spec.ewmaAlpha());
        this.holt = new HoltTrend(spec.ewmaAlpha());
        this.interval = new IntervalTracker(spec.ewmaAlpha());
        this.statistics = spec.statistics().stream().map(kind -> kind.create(spec.ewmaAlpha()))
                .toArray(Statistic[]::new);
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
        for (Statistic statistic : statistics) {
            statistic.learn(at, value);
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
    public <S extends Statistic> S statistic(StatisticKind<S> kind) {
        int i = spec.statistics().indexOf(kind);
        return i < 0 ? null : kind.cast(statistics[i]);
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
        out.writeShort(spec.statistics().size());
        for (StatisticKind<?> kind : spec.statistics()) {
            out.writeUTF(kind.name());
        }
        out.writeInt(spec.scorerSlots());
    }

    static void readHeader(DataInput in, StateSpec expected) throws IOException {
        short version = in.readShort();
        if (version != FORMAT_VERSION && version != NAMED_FLAGS_VERSION) {
            throw new SnapshotMismatchException("snapshot has format version " + version + ", this build reads versions "
                    + NAMED_FLAGS_VERSION + " and " + FORMAT_VERSION);
        }
        int window = in.readInt();
        double alpha = in.readDouble();
        List<String> statistics = version == FORMAT_VERSION ? readNames(in) : readFlags(in);
        int scorerSlots = in.readInt();
        if (window != expected.window() || Double.compare(alpha, expected.ewmaAlpha()) != 0
                || !statistics.equals(expected.statistics().stream().map(StatisticKind::name).toList())
                || scorerSlots != expected.scorerSlots()) {
            throw new SnapshotMismatchException("snapshot was written with StateSpec[window=" + window + ", ewmaAlpha="
                    + alpha + ", statistics=" + statistics + ", scorerSlots=" + scorerSlots + "] but is read as "
                    + expected + "; discard it and relearn");
        }
    }

    private static List<String> readNames(DataInput in) throws IOException {
        int n = in.readUnsignedShort();
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add(in.readUTF());
        }
        return names;
    }

    /** Version 1's quantiles flag and seasonality, as the names of the statistics they were, in the same order. */
    private static List<String> readFlags(DataInput in) throws IOException {
        List<String> names = new ArrayList<>(2);
        if (in.readBoolean()) {
            names.add(DecayingQuantiles.KIND.name());
        }
        String seasonality = in.readUTF();
        if (!seasonality.equals("NONE")) {
            names.add(SeasonalProfile.kind(Seasonality.valueOf(seasonality)).name());
        }
        return names;
    }

    void writeBody(DataOutput out) throws IOException {
        out.writeLong(count);
        window.writeTo(out);
        ewma.writeTo(out);
        holt.writeTo(out);
        interval.writeTo(out);
        for (Statistic statistic : statistics) {
            statistic.writeTo(out);
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
        for (Statistic statistic : statistics) {
            statistic.readFrom(in);
        }
        for (int i = 0; i < slots.length; i++) {
            slots[i] = in.readDouble();
        }
    }
}
