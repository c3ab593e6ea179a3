package dev.vigil.app.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.vigil.contracts.Observation;
import dev.vigil.contracts.Score;
import dev.vigil.detection.metrics.MetricStream;

/**
 * Each row one closed window, as replay reads historical data unless told to window it ({@code --window}): such data
 * has one point per step already. The row's points go into windows of their own of the live stream, 1 ms long, which
 * close as soon as the row is in (the idle check, with no idle timeout) and are scored as live. A window starts at the
 * row's time (to the millisecond) and ends 1 ms later; a series window of one point has that point as its mean, min,
 * max and last, and a count of 1. A row whose time is not after the one before it (a repeated time, or data out of
 * order) would be late for the stream's windows: it gets a fresh set of them, so every row is scored.
 */
final class RowWindows {

    private static final Duration ONE_ROW = Duration.ofMillis(1);

    private final LiveMetrics live;
    private final List<Observation> held = new ArrayList<>();
    private MetricStream stream;
    private long lastMillis;

    RowWindows(LiveMetrics live) {
        this.live = live;
    }

    /** The scores of the row's windows: one per series (or one for a group) past its warm-up. */
    List<Score> score(Instant at, List<Observation> points) {
        long millis = at.toEpochMilli();
        if (stream == null || millis <= lastMillis) {
            stream = live.stream(ONE_ROW, Duration.ZERO, Duration.ZERO);
        }
        lastMillis = millis;
        held.clear();
        List<Score> scores = stream.onEvents(points, at, 0, held);
        List<Score> closed = stream.closeIdle(at, LiveMetrics.NEVER_EVICT);
        if (scores.isEmpty()) {
            return closed;
        }
        List<Score> all = new ArrayList<>(scores);
        all.addAll(closed);
        return all;
    }
}
