package dev.vigil.alerting.lifecycle;

import java.time.Duration;
import java.util.Set;

/**
 * What the lifecycle does beyond N of M: the cooldown, flap detection, findings that need no confirmation, and what
 * happens to a fingerprint that stops being scored. Cooldown and flapping are event time (the scores' window ends), so
 * a replay of history behaves as the live pipeline did; the quiet times are wall clock, because they are about the
 * absence of scores, which event time cannot see.
 *
 * @param cooldown          a fingerprint that resolved does not fire again before this much time has passed since its
 *                          resolve; it stays pending meanwhile ({@code 0}: no cooldown)
 * @param flapMaxChanges    more state changes (fire or resolve) than this within {@code flapPeriod} make the
 *                          fingerprint flapping: one notice, then quiet ({@code 0}: no flap detection)
 * @param flapPeriod        the period state changes are counted in; a flapping fingerprint settles after a whole period
 *                          without a state change
 * @param fireAtOnce        scorers whose anomalous finding fires at once, without waiting for N of the last M windows:
 *                          hard rules ({@code rules}) and error templates never seen before ({@code novelty}) are
 *                          alerts by definition, and a likelihood verdict ({@code likelihood}) is already a rare-tail
 *                          test with a refractory period of its own: confirming them would only make people wait
 * @param resolveWhenQuiet  a firing fingerprint that has had no score for this long (wall clock) resolves: the entity
 *                          went away (an attacking address that stopped, a series that was removed) and no normal
 *                          window will ever come to resolve it ({@code 0}: never)
 * @param forgetAfter       a fingerprint not firing and not scored for this long (wall clock) is forgotten, so the
 *                          lifecycle's memory follows the entities that are still around ({@code 0}: never)
 */
public record LifecyclePolicy(Duration cooldown, int flapMaxChanges, Duration flapPeriod, Set<String> fireAtOnce,
        Duration resolveWhenQuiet, Duration forgetAfter) {

    /** No cooldown, no flap detection, everything confirmed, nothing timed out: N of M and recovery only. */
    public static final LifecyclePolicy NONE = new LifecyclePolicy(Duration.ZERO, 0, Duration.ofHours(1));

    /** The scorers that fire at once unless the alerting file says otherwise. */
    public static final Set<String> DEFAULT_FIRE_AT_ONCE = Set.of("rules", "novelty", "likelihood");

    public LifecyclePolicy {
        if (cooldown.isNegative() || flapMaxChanges < 0 || flapPeriod.isNegative() || flapPeriod.isZero()
                || resolveWhenQuiet.isNegative() || forgetAfter.isNegative()) {
            throw new IllegalArgumentException("need cooldown >= 0, flap max-changes >= 0, a positive flap period and "
                    + "quiet times >= 0, got " + cooldown + ", " + flapMaxChanges + ", " + flapPeriod + ", "
                    + resolveWhenQuiet + ", " + forgetAfter);
        }
        fireAtOnce = Set.copyOf(fireAtOnce);
    }

    /** Cooldown and flapping only: every finding confirmed, no quiet times. */
    public LifecyclePolicy(Duration cooldown, int flapMaxChanges, Duration flapPeriod) {
        this(cooldown, flapMaxChanges, flapPeriod, Set.of(), Duration.ZERO, Duration.ZERO);
    }

    boolean flapDetection() {
        return flapMaxChanges > 0;
    }
}
