package dev.vigil.features.state;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a detector has learned per key (a series' state, an entity's models), bounded in count and forgotten when
 * idle: the one place that keeps learned things by key, so every kind of learned state is bounded, evicted and
 * snapshotted alike. Thread-safe: lookups are lock-free ({@link ConcurrentHashMap}); callers synchronise on the value
 * they are handed while they read and change it.
 * <p>
 * When full, a new key either evicts the least recently used ({@link WhenFull#EVICT_LEAST_RECENTLY_USED}: one pass
 * evicts the {@code max(1, max / 16)} least recently used at once, so the registry drops a little below its bound and
 * the next creations cost no pass), or gets nothing until an idle key is forgotten ({@link WhenFull#REFUSE}: for
 * learned state that costs much to build, where a round-robin of more keys than fit would only ever relearn).
 *
 * @param <K> the key, a record
 * @param <V> what is learned per key
 */
public final class BoundedRegistry<K, V> {

    /** What a registry at its bound does with a new key. */
    public enum WhenFull {
        /** Forget the least recently used keys to make room. */
        EVICT_LEAST_RECENTLY_USED,
        /** Keep what is there; the new key gets nothing until {@link #evictIdle} makes room. */
        REFUSE
    }

    private final int max;
    private final WhenFull whenFull;
    private final Clock clock;
    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    /** Logical time of use: the order of use is what LRU needs, and it is cheaper and finer than the clock. */
    private final AtomicLong ticks = new AtomicLong();
    private final AtomicLong evictions = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();
    private final Object evictionLock = new Object();

    /** @param clock the wall clock that says when a key was last used, for {@link #evictIdle} */
    public BoundedRegistry(int max, WhenFull whenFull, Clock clock) {
        if (max < 1) {
            throw new IllegalArgumentException("a registry must hold at least 1 entry, got " + max);
        }
        this.max = max;
        this.whenFull = whenFull;
        this.clock = clock;
    }

    /**
     * The value of a key, created on first use; marks it as just used.
     *
     * @return {@code null} only for a new key of a full {@link WhenFull#REFUSE} registry
     */
    public V get(K key, Function<? super K, ? extends V> create) {
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            if (whenFull == WhenFull.REFUSE && entries.size() >= max) {
                refusals.incrementAndGet();
                return null;
            }
            entry = entries.computeIfAbsent(key, k -> new Entry<>(create.apply(k)));
            if (entries.size() > max) {
                evictLeastRecentlyUsed(key);
            }
        }
        entry.lastUsed = ticks.incrementAndGet();
        entry.usedAtMillis = clock.millis();
        return entry.value;
    }

    private void evictLeastRecentlyUsed(K keep) {
        synchronized (evictionLock) {
            int excess = entries.size() - max;
            if (excess <= 0) {
                return;
            }
            int batch = whenFull == WhenFull.REFUSE ? excess : Math.max(excess, max / 16);
            // a max-heap of the `batch` least recently used seen so far
            PriorityQueue<Map.Entry<K, Entry<V>>> oldest = new PriorityQueue<>(batch + 1,
                    Comparator.comparingLong((Map.Entry<K, Entry<V>> e) -> e.getValue().lastUsed).reversed());
            for (Map.Entry<K, Entry<V>> e : entries.entrySet()) {
                if (e.getKey().equals(keep)) {
                    continue;
                }
                oldest.add(Map.entry(e.getKey(), e.getValue()));
                if (oldest.size() > batch) {
                    oldest.poll();
                }
            }
            for (Map.Entry<K, Entry<V>> e : oldest) {
                if (entries.remove(e.getKey(), e.getValue())) {
                    evictions.incrementAndGet();
                }
            }
        }
    }

    /**
     * Forgets the keys nobody has used since {@code cutoff} (wall clock): an entity that stopped sending long ago gives
     * its memory back. Measured on the wall clock, not on event time, so history replayed today is not forgotten as it
     * arrives, and one producer's clock cannot evict another's keys.
     *
     * @return how many were forgotten
     */
    public int evictIdle(Instant cutoff) {
        long cutoffMillis = cutoff.toEpochMilli();
        int removed = 0;
        for (Map.Entry<K, Entry<V>> e : entries.entrySet()) {
            if (e.getValue().usedAtMillis < cutoffMillis && entries.remove(e.getKey(), e.getValue())) {
                removed++;
            }
        }
        return removed;
    }

    /** Forgets every key that matches; returns how many. */
    public int removeIf(Predicate<? super K> which) {
        int removed = 0;
        for (Map.Entry<K, Entry<V>> e : entries.entrySet()) {
            if (which.test(e.getKey()) && entries.remove(e.getKey(), e.getValue())) {
                removed++;
            }
        }
        return removed;
    }

    /** Every key and value, in no particular order, as of now. */
    public void forEach(BiConsumer<? super K, ? super V> action) {
        entries.forEach((key, entry) -> action.accept(key, entry.value));
    }

    /** Every key and value, least recently used first: the order a snapshot keeps. */
    public List<Map.Entry<K, V>> leastRecentlyUsedFirst() {
        List<Map.Entry<K, Entry<V>>> all = new ArrayList<>(entries.entrySet());
        all.sort(Comparator.comparingLong(e -> e.getValue().lastUsed));
        List<Map.Entry<K, V>> ordered = new ArrayList<>(all.size());
        all.forEach(e -> ordered.add(Map.entry(e.getKey(), e.getValue().value)));
        return ordered;
    }

    /**
     * Replaces every entry by these, given least recently used first (as {@link #leastRecentlyUsedFirst} lists them);
     * beyond the bound, the most recently used are kept.
     */
    public void replaceAll(List<Map.Entry<K, V>> leastRecentlyUsedFirst) {
        entries.clear();
        int skip = Math.max(0, leastRecentlyUsedFirst.size() - max);
        for (Map.Entry<K, V> e : leastRecentlyUsedFirst) {
            if (skip > 0) {
                skip--;
                continue;
            }
            Entry<V> entry = new Entry<>(e.getValue());
            entry.lastUsed = ticks.incrementAndGet();
            entry.usedAtMillis = clock.millis();
            entries.put(e.getKey(), entry);
        }
    }

    public int size() {
        return entries.size();
    }

    public int max() {
        return max;
    }

    /** Keys evicted because the registry was full (not those forgotten by {@link #evictIdle}). */
    public long evictions() {
        return evictions.get();
    }

    /** New keys a full {@link WhenFull#REFUSE} registry turned away. */
    public long refusals() {
        return refusals.get();
    }

    private static final class Entry<V> {
        final V value;
        volatile long lastUsed;
        volatile long usedAtMillis;

        Entry(V value) {
            this.value = value;
        }
    }
}
