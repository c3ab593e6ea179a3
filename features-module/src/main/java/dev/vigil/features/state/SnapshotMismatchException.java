package dev.vigil.features.state;

import java.io.IOException;

/**
 * A snapshot that cannot be read into the state asked for: another format version, or another {@link StateSpec}
 * (reading a window of 60 values into a window of 30 would silently misread every byte after it). The caller's
 * remedy is to discard the snapshot and relearn, unlike for a plain I/O failure.
 */
public final class SnapshotMismatchException extends IOException {

    public SnapshotMismatchException(String message) {
        super(message);
    }
}
