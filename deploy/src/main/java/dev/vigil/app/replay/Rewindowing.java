package dev.vigil.app.replay;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import dev.vigil.contracts.Observation;
import dev.vigil.contracts.Score;
import dev.vigil.detection.metrics.MetricStream;

/**
 * Raw points windowed as live ({@code --window SPAN}): every row's points go, in file order, into the live stream's
 * tumbling windows of that span with the allowed lateness, so a point within the lateness still lands in its own
 * window, a later one is dropped as late, and a window closes once its series' points pass its end by the lateness.
 * Replay has no wall clock: its clock is the newest row time read so far. Quiet series' windows close as the live
 * idle check closes them, looked for whenever that clock passes the idle-check interval; what is still open at the end
 * of the file closes then.
 */
final class Rewindowing {

    /**
     * The live windows.
     *
     * @param span            tumbling window span ({@code vigil.detection.window} live)
     * @param allowedLateness how long after a window's end its points may still come
     * @param idleTimeout     a series quiet this long (replay's clock) has its windows closed
     * @param idleCheck       how often quiet series are looked for
     */
    record Windows(Duration span, Duration allowedLateness, Duration idleTimeout, Duration idleCheck) {

        Windows {
            if (span.toMillis() < 1 || allowedLateness.isNegative() || idleTimeout.isNegative() || idleCheck.toMillis() < 1) {
                throw new IllegalArgumentException("--window must be at least 1ms, --lateness and --idle-timeout 0 or "
                        + "more, got window " + span + ", lateness " + allowedLateness + ", idle timeout " + idleTimeout);
            }
        }

        /**
         * Windows of that span with the lateness, idle timeout and idle-check interval Vigil ships with
         * ({@code vigil.detection.*} in {@code application.properties}), unless given.
         */
        static Windows live(Duration span, Duration allowedLateness, Duration idleTimeout) {
            Properties shipped = new Properties();
            try (InputStream in = Rewindowing.class.getResourceAsStream("/application.properties")) {
                if (in == null) {
                    throw new IllegalStateException("application.properties is not on the class path");
                }
                shipped.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Windows(span,
                    allowedLateness != null ? allowedLateness : Spans.parse(shipped.getProperty("vigil.detection.allowed-lateness")),
                    idleTimeout != null ? idleTimeout : Spans.parse(shipped.getProperty("vigil.detection.idle-timeout")),
                    Duration.ofMillis(Long.parseLong(shipped.getProperty("vigil.detection.idle-check-ms"))));
        }

        /** The end of the window a point of this time falls in: windows are aligned on the epoch, as live. */
        Instant end(Instant at) {
            long span = this.span.toMillis();
            return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), span) * span + span);
        }
    }

    /**
     * What a row did.
     *
     * @param scores the windows it closed, and the quiet series' windows closed before it
     * @param held   whether a window holds any of its points (false: all of them came too late)
     */
    record Taken(List<Score> scores, boolean held) {
    }

    private final MetricStream stream;
    private final Duration idleCheck;
    private final List<Observation> held = new ArrayList<>();
    private Instant clock;
    private Instant nextIdleCheck;

    Rewindowing(LiveMetrics live, Windows windows) {
        this.stream = live.stream(windows.span(), windows.allowedLateness(), windows.idleTimeout());
        this.idleCheck = windows.idleCheck();
    }

    Taken take(Instant at, List<Observation> points) {
        List<Score> scores = new ArrayList<>();
        if (clock == null || at.isAfter(clock)) {
            clock = at;
            if (nextIdleCheck == null) {
                nextIdleCheck = clock.plus(idleCheck);
            } else if (!clock.isBefore(nextIdleCheck)) {
                scores.addAll(stream.closeIdle(clock, LiveMetrics.NEVER_EVICT));
                nextIdleCheck = clock.plus(idleCheck);
            }
        }
        held.clear();
        scores.addAll(stream.onEvents(points, clock, 0, held));
        return new Taken(scores, !held.isEmpty());
    }

    /** Closes every window still open, as at the end of the data. */
    List<Score> finish() {
        return stream.closeIdle(Instant.MAX, LiveMetrics.NEVER_EVICT);
    }
}
