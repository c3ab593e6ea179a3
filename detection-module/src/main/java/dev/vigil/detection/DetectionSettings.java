package dev.vigil.detection;

import java.time.Duration;
import java.util.Objects;

/**
 * How the engine keeps its windows and learned state, checked once at start.
 *
 * @param window          tumbling window span (metrics and logs)
 * @param allowedLateness how long after a window's end (event time) its points may still arrive
 * @param idleTimeout     a quiet entity's open windows close after this much wall-clock time without an event
 * @param evictAfter      a series no window touched for this long (wall clock) is forgotten
 * @param quiet           the watch on series that stop sending
 * @param recoveryWindows normal windows the alert lifecycle needs to resolve an alert: a quiet series heard again,
 *                        and an address judged only when anomalous, owe it that many normal scores
 */
public record DetectionSettings(Duration window, Duration allowedLateness, Duration idleTimeout, Duration evictAfter,
        Quiet quiet, int recoveryWindows) {

    /**
     * A series that stops sending is itself a signal.
     *
     * @param factor     quiet once it has sent nothing for this many of its usual intervals...
     * @param minimumGap ...and for at least this long (wall clock)
     */
    public record Quiet(boolean enabled, double factor, Duration minimumGap) {
    }

    public DetectionSettings {
        Objects.requireNonNull(quiet);
        if (window.toMillis() < 1 || allowedLateness.isNegative() || idleTimeout.isNegative() || evictAfter.isNegative()
                || recoveryWindows < 1) {
            throw new IllegalArgumentException("detection settings: need a window of at least 1 ms, lateness, idle "
                    + "timeout and evict-after >= 0 and recovery windows >= 1, got " + this);
        }
    }
}
