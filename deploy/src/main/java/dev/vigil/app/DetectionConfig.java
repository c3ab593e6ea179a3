package dev.vigil.app;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** {@code vigil.detection.*}: windows, baselines and scorers. Documented in application.properties. */
@ConfigMapping(prefix = "vigil.detection")
public interface DetectionConfig {

    /** Tumbling window span. */
    Duration window();

    /** A quiet entity's open window closes after this much wall-clock time without an event. */
    Duration idleTimeout();

    /** How often, in milliseconds, quiet entities are looked for. */
    long idleCheckMs();

    /** How many past windows a baseline remembers. */
    int baselineWindows();

    /** Windows a baseline needs before its entity is scored. */
    int minBaselineWindows();

    RobustZ robustZ();

    Cusum cusum();

    interface RobustZ {
        double threshold();
    }

    interface Cusum {
        double k();

        double h();
    }
}
