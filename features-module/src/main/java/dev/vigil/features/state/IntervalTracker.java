package dev.vigil.features.state;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * When a series last spoke and how often it usually does: an EWMA of the gaps between consecutive values, initialised
 * by the first gap. A value older than the newest one seen (out of order) moves neither: it says nothing about the
 * series' rhythm, and a negative gap would drag the typical interval towards zero.
 */
final class IntervalTracker {

    private final double alpha;
    private Instant lastSeen;
    private double gapNanos = Double.NaN;

    IntervalTracker(double alpha) {
        this.alpha = alpha;
    }

    void add(Instant at) {
        if (lastSeen == null) {
            lastSeen = at;
            return;
        }
        if (at.isBefore(lastSeen)) {
            return;
        }
        double gap = Duration.between(lastSeen, at).toNanos();
        gapNanos = Double.isNaN(gapNanos) ? gap : gapNanos + alpha * (gap - gapNanos);
        lastSeen = at;
    }

    Instant lastSeen() {
        return lastSeen;
    }

    Duration typicalInterval() {
        return Double.isNaN(gapNanos) ? null : Duration.ofNanos(Math.round(gapNanos));
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeBoolean(lastSeen != null);
        if (lastSeen != null) {
            out.writeLong(lastSeen.getEpochSecond());
            out.writeInt(lastSeen.getNano());
        }
        out.writeDouble(gapNanos);
    }

    void readFrom(DataInput in) throws IOException {
        lastSeen = in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
        gapNanos = in.readDouble();
    }
}
