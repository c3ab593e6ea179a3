package dev.vigil.bench.nab;

import java.time.LocalDateTime;
import java.util.Objects;

/** A labelled anomaly window; both ends inclusive, each equal to a row timestamp of its data file. */
public record Window(LocalDateTime start, LocalDateTime end) {

    public Window {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("window ends before it starts: " + start + " .. " + end);
        }
    }
}
