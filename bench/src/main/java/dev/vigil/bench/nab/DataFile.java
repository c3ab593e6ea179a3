package dev.vigil.bench.nab;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

/**
 * One corpus file: its path relative to {@code data/} (e.g. {@code realKnownCause/nyc_taxi.csv}), its row timestamps
 * in file order (not sorted, not de-duplicated) and its windows in label-file order.
 */
public record DataFile(String relativePath, List<LocalDateTime> timestamps, List<Window> windows) {

    public DataFile {
        Objects.requireNonNull(relativePath, "relativePath");
        timestamps = List.copyOf(timestamps);
        windows = List.copyOf(windows);
    }

    /** The folder under {@code data/}, e.g. {@code realKnownCause}; empty for a file at the top. */
    public String category() {
        int slash = relativePath.indexOf('/');
        return slash < 0 ? "" : relativePath.substring(0, slash);
    }

    /** The file name, e.g. {@code nyc_taxi.csv}. */
    public String fileName() {
        return relativePath.substring(relativePath.lastIndexOf('/') + 1);
    }

    public int size() {
        return timestamps.size();
    }
}
