package dev.vigil.alerting.lifecycle;

import java.time.Duration;

/**
 * What the lifecycle does beyond N of M: the cooldown and flap detection. Times are event time (the scores' window
 * ends), so a replay of history behaves as the live pipeline did.
 *
 * @param cooldown          a fingerprint that resolved does not fire again before this much time has passed since its
 *                          resolve; it stays pending meanwhile ({@code 0}: no cooldown)
 * @param flapMaxChanges    more state changes (fire or resolve) than this within {@code flapPeriod} make the
 *                          fingerprint flapping: one notice, then quiet ({@code 0}: no flap detection)
 * @param flapPeriod        the period state changes are counted in; a flapping fingerprint settles after a whole period
 *                          without a state change
 */
public record LifecyclePolicy(Duration cooldown, int flapMaxChanges, Duration flapPeriod) {

    /** No cooldown, no flap detection: N of M and recovery only. */
    public static final LifecyclePolicy NONE = new LifecyclePolicy(Duration.ZERO, 0, Duration.ofHours(1));

    public LifecyclePolicy {
        if (cooldown.isNegative() || flapMaxChanges < 0 || flapPeriod.isNegative() || flapPeriod.isZero()) {
            throw new IllegalArgumentException("need cooldown >= 0, flap max-changes >= 0 and a positive flap period, got "
                    + cooldown + ", " + flapMaxChanges + ", " + flapPeriod);
        }
    }

    boolean flapDetection() {
        return flapMaxChanges > 0;
    }
}
