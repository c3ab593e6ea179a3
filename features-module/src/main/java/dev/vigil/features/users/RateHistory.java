package dev.vigil.features.users;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

import dev.vigil.features.state.SnapshotMismatchException;

/**
 * A user's own pace: requests and writes in each of its last {@link #SIZE} completed active minutes, and their
 * medians, which burstiness is measured against. Not thread-safe.
 */
final class RateHistory {

    static final int SIZE = 32;

    private final int[] requests = new int[SIZE];
    private final int[] writes = new int[SIZE];
    private int size;
    private int next;
    private double requestMedian = Double.NaN;
    private double writeMedian = Double.NaN;

    void add(int minuteRequests, int minuteWrites) {
        requests[next] = minuteRequests;
        writes[next] = minuteWrites;
        next = (next + 1) % SIZE;
        size = Math.min(size + 1, SIZE);
        requestMedian = Double.NaN;
        writeMedian = Double.NaN;
    }

    int size() {
        return size;
    }

    /** Median requests per active minute; 0 before the first completed minute. */
    double requestMedian() {
        if (Double.isNaN(requestMedian)) {
            requestMedian = median(requests);
        }
        return requestMedian;
    }

    /** Median writes per active minute; 0 before the first completed minute. */
    double writeMedian() {
        if (Double.isNaN(writeMedian)) {
            writeMedian = median(writes);
        }
        return writeMedian;
    }

    private double median(int[] values) {
        if (size == 0) {
            return 0;
        }
        int[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        return size % 2 == 1 ? sorted[size / 2] : (sorted[size / 2 - 1] + sorted[size / 2]) / 2.0;
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeInt(SIZE);
        out.writeInt(size);
        out.writeInt(next);
        for (int i = 0; i < SIZE; i++) {
            out.writeInt(requests[i]);
            out.writeInt(writes[i]);
        }
    }

    void readFrom(DataInput in) throws IOException {
        if (in.readInt() != SIZE) {
            throw new SnapshotMismatchException("rate history of another size");
        }
        size = in.readInt();
        next = in.readInt();
        for (int i = 0; i < SIZE; i++) {
            requests[i] = in.readInt();
            writes[i] = in.readInt();
        }
        requestMedian = Double.NaN;
        writeMedian = Double.NaN;
    }
}
