package dev.vigil.alerting.lifecycle;

import java.time.Duration;

import dev.vigil.alerting.lifecycle.Transition.Step;
import dev.vigil.alerting.lifecycle.Transition.Told;

/**
 * A fingerprint whose state changes (fire, resolve) more than {@code maxChanges} times within the flap period is
 * flapping: the change that makes it so is told as one notice labelled {@code flapping=true}, the changes after it are
 * not told, until a whole period passes without a change; it is then told as it stands. {@code maxChanges} 0: off.
 */
final class FlapDetection implements LifecycleStage {

    private final int maxChanges;
    private final Duration period;

    FlapDetection(int maxChanges, Duration period) {
        this.maxChanges = maxChanges;
        this.period = period;
    }

    @Override
    public Transition apply(Transition t) {
        Track track = t.track();
        if (t.step() == Step.FIRE || t.step() == Step.RESOLVE) {
            if (track.flapping) {
                return t.told(Told.NOT_AT_ALL);
            }
            boolean starts = maxChanges > 0 && track.changes.size() + 1 > maxChanges; // with this change
            return starts ? t.told(Told.AS_FLAPPING_NOTICE) : t;
        }
        return track.flapping && track.settled(t.at(), period) ? t.settling() : t;
    }

    @Override
    public String toString() {
        return "flap detection";
    }
}
