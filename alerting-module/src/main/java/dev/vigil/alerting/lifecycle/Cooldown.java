package dev.vigil.alerting.lifecycle;

import java.time.Duration;

import dev.vigil.alerting.lifecycle.Transition.Step;

/** A fingerprint that resolved stays pending for the cooldown (event time since its resolve) before it may fire again. */
final class Cooldown implements LifecycleStage {

    private final Duration cooldown;

    Cooldown(Duration cooldown) {
        this.cooldown = cooldown;
    }

    @Override
    public Transition apply(Transition t) {
        Track track = t.track();
        if (t.step() == Step.FIRE && track.resolvedAt != null && t.at().isBefore(track.resolvedAt.plus(cooldown))) {
            return t.to(Step.PENDING);
        }
        return t;
    }

    @Override
    public String toString() {
        return "cooldown";
    }
}
