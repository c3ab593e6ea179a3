package dev.vigil.features.users;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

import dev.vigil.features.state.SnapshotMismatchException;

/**
 * Counters per time bucket (a minute, an hour) for the last {@code slots} buckets, in a ring: a bucket older than the
 * ring is gone, so memory is fixed. Buckets are absolute indices (epoch seconds / bucket length). Events may arrive a
 * little out of order: a bucket still in the ring takes them, an older one does not. Not thread-safe.
 */
final class BucketRing {

    private final int slots;
    private final int counters;
    private final int[] counts;
    /** The newest bucket the ring holds, or {@link Long#MIN_VALUE} before the first event. */
    private long newest = Long.MIN_VALUE;

    BucketRing(int slots, int counters) {
        this.slots = slots;
        this.counters = counters;
        this.counts = new int[slots * counters];
    }

    /** Whether {@code bucket} lies in the ring (it may be empty). */
    boolean holds(long bucket) {
        return newest != Long.MIN_VALUE && bucket <= newest && bucket > newest - slots;
    }

    long newest() {
        return newest;
    }

    /**
     * Makes {@code bucket} the newest one if it is newer, clearing the buckets it passes over.
     *
     * @return whether the bucket is in the ring now (false: older than the ring)
     */
    boolean advanceTo(long bucket) {
        if (newest == Long.MIN_VALUE || bucket - newest >= slots) {
            Arrays.fill(counts, 0);
            newest = bucket;
            return true;
        }
        for (long b = newest + 1; b <= bucket; b++) {
            Arrays.fill(counts, offset(b), offset(b) + counters, 0);
        }
        newest = Math.max(newest, bucket);
        return holds(bucket);
    }

    /** Adds {@code n} to a counter of a bucket in the ring; {@link #advanceTo} it first. */
    void add(long bucket, int counter, int n) {
        int at = offset(bucket) + counter;
        // saturate rather than wrap: a bucket with two billion events is as telling as one with more
        counts[at] = (int) Math.min(Integer.MAX_VALUE, (long) counts[at] + n);
    }

    /** A counter of a bucket, 0 outside the ring. */
    int get(long bucket, int counter) {
        return holds(bucket) ? counts[offset(bucket) + counter] : 0;
    }

    /** The sum of a counter over buckets {@code [from, to)}, those outside the ring counting 0. */
    long sum(int counter, long from, long to) {
        long sum = 0;
        for (long b = Math.max(from, newest - slots + 1); b < to && b <= newest; b++) {
            sum += counts[offset(b) + counter];
        }
        return sum;
    }

    /** How many buckets of {@code [from, to)} have a non-zero counter. */
    int nonZero(int counter, long from, long to) {
        int n = 0;
        for (long b = Math.max(from, newest - slots + 1); b < to && b <= newest; b++) {
            if (counts[offset(b) + counter] != 0) {
                n++;
            }
        }
        return n;
    }

    private int offset(long bucket) {
        return (int) Math.floorMod(bucket, (long) slots) * counters;
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeInt(slots);
        out.writeInt(counters);
        out.writeLong(newest);
        for (int count : counts) {
            out.writeInt(count);
        }
    }

    void readFrom(DataInput in) throws IOException {
        int savedSlots = in.readInt();
        int savedCounters = in.readInt();
        if (savedSlots != slots || savedCounters != counters) {
            throw new SnapshotMismatchException("bucket ring of " + savedSlots + " x " + savedCounters + ", expected "
                    + slots + " x " + counters);
        }
        newest = in.readLong();
        for (int i = 0; i < counts.length; i++) {
            counts[i] = in.readInt();
        }
    }
}
