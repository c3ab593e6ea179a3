package dev.vigil.features.users;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.vigil.features.state.SnapshotMismatchException;

/**
 * The last few names of something an entity used for the first time (an endpoint, an address, a user), with when:
 * what evidence can quote, since the sets that count them keep only keys. Not thread-safe.
 */
final class Named {

    private final String[] names;
    private final long[] seconds;
    private int size;
    private int next;

    Named(int capacity) {
        names = new String[capacity];
        seconds = new long[capacity];
    }

    void add(String name, long second) {
        names[next] = name;
        seconds[next] = second;
        next = (next + 1) % names.length;
        size = Math.min(size + 1, names.length);
    }

    /** The names added in {@code [from, to)}, oldest first, joined with commas; empty when none. */
    Optional<String> since(long from, long to) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int at = Math.floorMod(next - size + i, names.length);
            if (seconds[at] >= from && seconds[at] < to) {
                out.add(names[at]);
            }
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", out));
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeInt(size);
        for (int i = 0; i < size; i++) {
            int at = Math.floorMod(next - size + i, names.length);
            out.writeUTF(names[at]);
            out.writeLong(seconds[at]);
        }
    }

    void readFrom(DataInput in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > names.length) {
            throw new SnapshotMismatchException(count + " names for " + names.length + " places");
        }
        for (int i = 0; i < count; i++) {
            names[i] = in.readUTF();
            seconds[i] = in.readLong();
        }
        size = count;
        next = count % names.length;
    }
}
