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
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The states of every series one detector follows, one per source, entity and feature, all learning the same
 * {@link StateSpec}. Thread-safe: lookups are lock-free ({@link ConcurrentHashMap}); callers synchronise on the state
 * they are handed while they read and learn it.
 * <p>
 * Bounded: beyond {@code maxSeries} the least recently used series are evicted. To keep that cheap with many series,
 * one pass over the registry evicts the {@code max(1, maxSeries / 16)} least recently used at once, so the registry
 * drops a little below its bound and the next creations cost no pass. A caller still holding an evicted state learns
 * into a state nobody reads again: the cost of bounded memory, paid by the least recently used series only.
 */
public final class SeriesStates {

    /** Version of the registry snapshot format (the states inside carry the spec once, in the registry header). */
    public static final short FORMAT_VERSION = 1;

    private final StateSpec spec;
    private final int maxSeries;
    private final ConcurrentHashMap<SeriesKey, Entry> states = new ConcurrentHashMap<>();
    /** Logical time of use: the order of use is what LRU needs, and it is cheaper and finer than the clock. */
    private final AtomicLong ticks = new AtomicLong();
    private final AtomicLong evictions = new AtomicLong();
    private final Object evictionLock = new Object();
    private final Clock clock;

    public SeriesStates(StateSpec spec, int maxSeries) {
        this(spec, maxSeries, Clock.systemUTC());
    }

    /** @param clock the wall clock that says when a series was last used, for {@link #evictIdle} */
    public SeriesStates(StateSpec spec, int maxSeries, Clock clock) {
        if (maxSeries < 1) {
            throw new IllegalArgumentException("a registry must hold at least 1 series, got " + maxSeries);
        }
        this.spec = spec;
        this.maxSeries = maxSeries;
        this.clock = clock;
    }

    /** The state of a series, created empty on first use; marks it as just used. */
    public SeriesState state(String source, String entity, String feature) {
        SeriesKey key = new SeriesKey(source, entity, feature);
        Entry entry = states.get(key);
        if (entry == null) {
            entry = states.computeIfAbsent(key, k -> new Entry(new SeriesState(spec)));
            if (states.size() > maxSeries) {
                evictLeastRecentlyUsed(key);
            }
        }
        entry.lastUsed = ticks.incrementAndGet();
        entry.usedAtMillis = clock.millis();
        return entry.state;
    }

    private void evictLeastRecentlyUsed(SeriesKey keep) {
        synchronized (evictionLock) {
            int excess = states.size() - maxSeries;
            if (excess <= 0) {
                return;
            }
            int batch = Math.max(excess, maxSeries / 16);
            // a max-heap of the `batch` least recently used seen so far
            PriorityQueue<Map.Entry<SeriesKey, Entry>> oldest = new PriorityQueue<>(batch + 1,
                    Comparator.comparingLong((Map.Entry<SeriesKey, Entry> e) -> e.getValue().lastUsed).reversed());
            for (Map.Entry<SeriesKey, Entry> e : states.entrySet()) {
                if (e.getKey().equals(keep)) {
                    continue;
                }
                oldest.add(Map.entry(e.getKey(), e.getValue()));
                if (oldest.size() > batch) {
                    oldest.poll();
                }
            }
            for (Map.Entry<SeriesKey, Entry> e : oldest) {
                if (states.remove(e.getKey(), e.getValue())) {
                    evictions.incrementAndGet();
                }
            }
        }
    }

    /**
     * Forgets the series nobody has used since {@code cutoff} (wall clock): an entity that stopped sending long ago
     * gives its memory back. Measured on the wall clock, not on event time, so history replayed today is not
     * forgotten as it arrives, and one producer's clock cannot evict another's series.
     *
     * @return how many series were forgotten
     */
    public int evictIdle(Instant cutoff) {
        long cutoffMillis = cutoff.toEpochMilli();
        int removed = 0;
        for (Map.Entry<SeriesKey, Entry> e : states.entrySet()) {
            if (e.getValue().usedAtMillis < cutoffMillis && states.remove(e.getKey(), e.getValue())) {
                removed++;
            }
        }
        return removed;
    }

    /**
     * Forgets everything one entity of one source has learned, every feature of it: its next values start a new
     * baseline (warm-up included), as when an operator accepts a level shift as the new normal.
     *
     * @return how many series were forgotten
     */
    public int forget(String source, String entity) {
        int removed = 0;
        for (Map.Entry<SeriesKey, Entry> e : states.entrySet()) {
            SeriesKey key = e.getKey();
            if (key.source().equals(source) && key.entity().equals(entity) && states.remove(key, e.getValue())) {
                removed++;
            }
        }
        return removed;
    }

    /**
     * The series that have gone quiet: whose newest value is older than {@code max(factor * typicalInterval,
     * minimumGap)} at {@code now}, the longest quiet first. A series with fewer than two values has no typical interval,
     * no rhythm to break, and is never reported.
     */
    public List<Quiet> quietSince(Instant now, double factor, Duration minimumGap) {
        List<Quiet> silent = new ArrayList<>();
        for (Map.Entry<SeriesKey, Entry> e : states.entrySet()) {
            Instant lastSeen;
            Duration typical;
            synchronized (e.getValue().state) {
                lastSeen = e.getValue().state.lastSeen();
                typical = e.getValue().state.typicalInterval();
            }
            if (lastSeen == null || typical == null) {
                continue;
            }
            Duration expectedWithin = max(Duration.ofNanos(Math.round(factor * typical.toNanos())), minimumGap);
            Duration silentFor = Duration.between(lastSeen, now);
            if (silentFor.compareTo(expectedWithin) > 0) {
                SeriesKey key = e.getKey();
                silent.add(new Quiet(key.source(), key.entity(), key.feature(), lastSeen, typical, silentFor));
            }
        }
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
        return evictions.get();
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
        List<Map.Entry<SeriesKey, Entry>> entries = new ArrayList<>(states.entrySet());
        entries.sort(Comparator.comparingLong(e -> e.getValue().lastUsed));
        out.writeShort(FORMAT_VERSION);
        SeriesState.writeHeader(out, spec);
        out.writeInt(entries.size());
        for (Map.Entry<SeriesKey, Entry> e : entries) {
            out.writeUTF(e.getKey().source());
            out.writeUTF(e.getKey().entity());
            out.writeUTF(e.getKey().feature());
            SeriesState state = e.getValue().state;
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
        Map<SeriesKey, Entry> read = new java.util.LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            SeriesKey key = new SeriesKey(in.readUTF(), in.readUTF(), in.readUTF());
            SeriesState state = new SeriesState(spec);
            state.readBody(in);
            read.put(key, new Entry(state));
        }
        states.clear();
        int skip = Math.max(0, read.size() - maxSeries);
        for (Map.Entry<SeriesKey, Entry> e : read.entrySet()) {
            if (skip > 0) {
                skip--;
                continue;
            }
            e.getValue().lastUsed = ticks.incrementAndGet();
            e.getValue().usedAtMillis = clock.millis();
            states.put(e.getKey(), e.getValue());
        }
    }

    /** A series that has gone quiet for longer than its rhythm allows. */
    public record Quiet(String source, String entity, String feature, Instant lastSeen, Duration typicalInterval,
            Duration silentFor) {
    }

    private record SeriesKey(String source, String entity, String feature) {
    }

    private static final class Entry {
        final SeriesState state;
        volatile long lastUsed;
        volatile long usedAtMillis;

        Entry(SeriesState state) {
            this.state = state;
        }
    }
}
