package dev.vigil.detection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@code vigil_detection_delay_seconds}: how long after an event's own time the window it closed was scored, for
 * windows closed by an arriving event (not by the idle timer). With producers that stamp events as they send them
 * this is the delay from publish to score, sources, parsing, windows, scorers and lifecycle included; it also shows a
 * Vigil that falls behind its sources (a growing delay) and producers' clocks that are off. Events stamped in the
 * future of this clock (skew) are not counted: a negative delay says nothing about Vigil.
 */
public final class DetectionDelay {

    private final Clock clock;
    private final Timer timer;

    public DetectionDelay(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        this.timer = Timer.builder("vigil.detection.delay")
                .description("From the time of the event that closed a window to the window's score")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }

    /** Windows closed by an event of this time were just scored. */
    public void closedBy(Instant eventTime) {
        long nanos = Duration.between(eventTime, clock.instant()).toNanos();
        if (nanos >= 0) {
            timer.record(Duration.ofNanos(nanos));
        }
    }
}
