package dev.vigil.alerting.lifecycle;

import dev.vigil.alerting.lifecycle.Transition.Step;

/**
 * N of M and recovery: a fingerprint not firing fires once N of its last M windows were anomalous; a firing one
 * resolves after the recovery count of normal windows in a row.
 */
final class Confirmation implements LifecycleStage {

    private final ConfirmationPolicy policy;

    Confirmation(ConfirmationPolicy policy) {
        this.policy = policy;
    }

    @Override
    public Transition apply(Transition t) {
        Track track = t.track();
        if (!track.on) {
            return t.to(track.anomalousCount() >= policy.anomalousWindows() ? Step.FIRE : Step.PENDING);
        }
        if (t.score().anomalous()) {
            return t.to(Step.FIRING);
        }
        return t.to(track.normalStreak + 1 >= policy.recoveryWindows() ? Step.RESOLVE : Step.RECOVERING);
    }

    @Override
    public String toString() {
        return "confirmation";
    }
}
