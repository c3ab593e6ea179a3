package dev.vigil.app.detection;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** {@code vigil.detection.*}: windows, the detectors file, state and quiet series. Documented in application.properties. */
@ConfigMapping(prefix = "vigil.detection")
public interface DetectionConfig {

    /** The detectors file (detectors.yaml); without it, the detectors Vigil ships with. */
    Optional<Path> config();

    /** Tumbling window span. */
    Duration window();

    /** How long after a window's end (in event time) its points may still arrive before it closes. */
    Duration allowedLateness();

    /** A quiet entity's open windows close after this much wall-clock time without an event. */
    Duration idleTimeout();

    /** How often, in milliseconds, quiet entities are looked for. */
    long idleCheckMs();

    /** A series with no value for this long (event time) is forgotten. */
    Duration evictAfter();

    /** How often the learned state is saved to the database; it is saved at shutdown too. */
    Duration snapshotInterval();

    Quiet quiet();

    /** A series that stops sending is itself a signal. */
    interface Quiet {

        boolean enabled();

        /** Silent once it has sent nothing for this many of its usual intervals... */
        double factor();

        /** ...and for at least this long. */
        Duration minimumGap();
    }
}
