package dev.vigil.features.users;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.function.IntPredicate;

import dev.vigil.features.state.SnapshotMismatchException;

/**
 * The distinct things an entity used lately (addresses, countries, endpoints, users), each with when it was first
 * and last seen, at most {@code capacity} of them: beyond that the one unused longest is forgotten, and if it comes
 * back it counts as new. Things are kept by a 32-bit key (a hash, or a country's two letters), so memory is fixed.
 * Times are seconds since {@link #EPOCH_SECOND}. Not thread-safe.
 */
final class RecentSet {

    /** 2020-01-01T00:00:00Z: seconds from here fit an int until 2088. */
    static final long EPOCH_SECOND = 1_577_836_800L;

    private final int[] keys;
    private final int[] first;
    private final int[] last;
    private int size;

    RecentSet(int capacity) {
        keys = new int[capacity];
        first = new int[capacity];
        last = new int[capacity];
    }

    static int second(long epochSecond) {
        return (int) Math.max(Integer.MIN_VALUE + 1L, Math.min(Integer.MAX_VALUE, epochSecond - EPOCH_SECOND));
    }

    /**
     * Records a use of {@code key} at {@code second}.
     *
     * @return whether it was new (not known before)
     */
    boolean see(int key, int second) {
        for (int i = 0; i < size; i++) {
            if (keys[i] == key) {
                first[i] = Math.min(first[i], second);
                last[i] = Math.max(last[i], second);
                return false;
            }
        }
        int at = size;
        if (size == keys.length) {
            at = 0;
            for (int i = 1; i < size; i++) {
                if (last[i] < last[at]) {
                    at = i;
                }
            }
        } else {
            size++;
        }
        keys[at] = key;
        first[at] = second;
        last[at] = second;
        return true;
    }

    /** Things used in {@code [from, to)}: last seen at or after {@code from}, first seen before {@code to}. */
    int count(int from, int to) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (last[i] >= from && first[i] < to) {
                n++;
            }
        }
        return n;
    }

    /** Things first seen in {@code [from, to)}. */
    int countNew(int from, int to) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (first[i] >= from && first[i] < to) {
                n++;
            }
        }
        return n;
    }

    /** Things known before {@code second}. */
    int knownBefore(int second) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (first[i] < second) {
                n++;
            }
        }
        return n;
    }

    /** The keys used in {@code [from, to)} that pass {@code filter}, oldest first use first. */
    int[] keys(int from, int to, IntPredicate firstSeen) {
        int[] out = new int[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (last[i] >= from && first[i] < to && firstSeen.test(first[i])) {
                out[n++] = keys[i];
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    int size() {
        return size;
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeInt(keys.length);
        out.writeInt(size);
        for (int i = 0; i < size; i++) {
            out.writeInt(keys[i]);
            out.writeInt(first[i]);
            out.writeInt(last[i]);
        }
    }

    void readFrom(DataInput in) throws IOException {
        int capacity = in.readInt();
        if (capacity != keys.length) {
            throw new SnapshotMismatchException("recent set of " + capacity + ", expected " + keys.length);
        }
        size = in.readInt();
        if (size < 0 || size > capacity) {
            throw new SnapshotMismatchException("recent set of " + size + " entries in " + capacity);
        }
        for (int i = 0; i < size; i++) {
            keys[i] = in.readInt();
            first[i] = in.readInt();
            last[i] = in.readInt();
        }
    }
}
