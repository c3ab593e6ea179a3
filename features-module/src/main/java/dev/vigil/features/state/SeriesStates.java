package dev.vigil.features.state;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The states of every series one detector follows, one per source, entity and feature, all learning the same
 * {@link StateSpec}. Thread-safe: lookups are lock-free; callers synchronise on the state they are handed while they
 * read and learn it.
 * <p>
 * Bounded ({@link BoundedRegistry}): beyond {@code maxSeries} the least recently used series are evicted, a sixteenth
 * of the bound at a time. A caller still holding an evicted state learns into a state nobody reads again: the cost of
 * bounded memory, paid by the least recently used series only.
 */
public final class SeriesStates {

    /** Version of the registry snapshot format (the states inside carry the spec once, in the registry header). */
    public static final short FORMAT_VERSION = 1;

    private final StateSpec spec;
    private final BoundedRegistry<SeriesKey, SeriesState> states;

    public SeriesStates(StateSpec spec, int maxSeries) {
        this(spec, maxSeries, Clock.systemUTC());
    }

    /** @param clock the wall clock that says when a series was last used, for {@link #evictIdle} */
    public SeriesStates(StateSpec spec, int maxSeries, Clock clock) {
        if (maxSeries < 1) {
            throw new IllegalArgumentException("a registry must hold at least 1 series, got " + maxSeries);
        }
        this.spec = spec;
        this.states = new BoundedRegistry<>(maxSeries, BoundedRegistry.WhenFull.EVICT_LEAST_RECENTLY_USED, clock);
    }

    /** The state of a series, created empty on first use; marks it as just used. */
    public SeriesState state(String source, String entity, String feature) {
        return states.get(new SeriesKey(source, entity, feature), k -> new SeriesState(spec));
    }

    /**
     * Forgets the series nobody has used since {@code cutoff} (wall clock): an entity that stopped sending long ago
     * gives its memory back. Measured on the wall clock, not on event time, so history replayed today is not
     * forgotten as it arrives, and one producer's clock cannot evict another's series.
     *
     * @return how many series were forgotten
     */
    public int evictIdle(Instant cutoff) {
        return states.evictIdle(cutoff);
    }

    /**
     * Forgets everything one entity of one source has learned, every feature of it: its next values start a new
     * baseline (warm-up included), as when an operator accepts a level shift as the new normal.
     *
     * @return how many series were forgotten
     */
    public int forget(String source, String entity) {
        return states.removeIf(key -> key.source().equals(source) && key.entity().equals(entity));
    }

    /**
     * The series that have gone quiet: whose newest value is older than {@code max(factor * typicalInterval,
     * minimumGap)} at {@code now}, the longest quiet first. A series with fewer than two values has no typical interval,
     * no rhythm to break, and is never reported.
     */
    public List<Quiet> quietSince(Instant now, double factor, Duration minimumGap) {
        List<Quiet> silent = new ArrayList<>();
        states.forEach((key, state) -> {
            Instant lastSeen;
            Duration typical;
            synchronized (state) {
                lastSeen = state.lastSeen();
                typical = state.typicalInterval();
            }
            if (lastSeen == null || typical == null) {
                return;
            }
            Duration expectedWithin = max(Duration.ofNanos(Math.round(factor * typical.toNanos())), minimumGap);
            Duration silentFor = Duration.between(lastSeen, now);
            if (silentFor.compareTo(expectedWithin) > 0) {
                silent.add(new Quiet(key.source(), key.entity(), key.feature(), lastSeen, typical, silentFor));
            }
        });
        silent.sort(Comparator.comparing(Quiet::lastSeen).thenComparing(Quiet::source)
                .thenComparing(Quiet::entity).thenComparing(Quiet::feature));
        return silent;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    public int size() {
        return states.size();
    }

    /** Series evicted because the registry was full (not those removed by {@link #evictIdle}). */
    public long evictions() {
        return states.evictions();
    }

    public StateSpec spec() {
        return spec;
    }

    /**
     * Writes every series, least recently used first, so a restore keeps the order of use: format version, the
     * state header (version and spec, once), the number of series (int), then per series source, entity, feature
     * (UTF) and the state's body. Each state is written under its monitor.
     */
    public void writeSnapshot(DataOutput out) throws IOException {
        List<Map.Entry<SeriesKey, SeriesState>> entries = states.leastRecentlyUsedFirst();
        out.writeShort(FORMAT_VERSION);
        SeriesState.writeHeader(out, spec);
        out.writeInt(entries.size());
        for (Map.Entry<SeriesKey, SeriesState> e : entries) {
            out.writeUTF(e.getKey().source());
            out.writeUTF(e.getKey().entity());
            out.writeUTF(e.getKey().feature());
            SeriesState state = e.getValue();
            synchronized (state) {
                state.writeBody(out);
            }
        }
    }

    /**
     * Replaces the registry's series by those of a snapshot written by {@link #writeSnapshot}. If the snapshot holds
     * more than {@code maxSeries}, the most recently used are kept.
     *
     * @throws SnapshotMismatchException if it has another format version or was written with another spec; the
     *                                   registry is then left as it was
     */
    public void readSnapshot(DataInput in) throws IOException {
        short version = in.readShort();
        if (version != FORMAT_VERSION) {
            throw new SnapshotMismatchException("registry snapshot has format version " + version
                    + ", this build reads version " + FORMAT_VERSION);
        }
        SeriesState.readHeader(in, spec);
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("corrupt registry snapshot: " + n + " series");
        }
        List<Map.Entry<SeriesKey, SeriesState>> read = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            SeriesKey key = new SeriesKey(in.readUTF(), in.readUTF(), in.readUTF());
            SeriesState state = new SeriesState(spec);
            state.readBody(in);
            read.add(Map.entry(key, state));
        }
        states.replaceAll(read);
    }

    /** A series that has gone quiet for longer than its rhythm allows. */
    public record Quiet(String source, String entity, String feature, Instant lastSeen, Duration typicalInterval,
            Duration silentFor) {
    }

    private record SeriesKey(String source, String entity, String feature) {
    }
}
