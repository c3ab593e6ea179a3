package dev.vigil.alerting.lifecycle;

import java.util.Set;

import dev.vigil.alerting.lifecycle.Transition.Step;
import dev.vigil.contracts.Finding;

/**
 * Findings that need no confirmation: an anomalous finding of a scorer in {@link LifecyclePolicy#fireAtOnce()} (a hard
 * rule, an error template never seen before) fires without waiting for N of M.
 */
final class FireAtOnce implements LifecycleStage {

    private final Set<String> scorers;

    FireAtOnce(Set<String> scorers) {
        this.scorers = scorers;
    }

    @Override
    public Transition apply(Transition t) {
        if (t.step() != Step.PENDING || !t.score().anomalous() || scorers.isEmpty()) {
            return t;
        }
        for (Finding finding : t.score().explanation().findings()) {
            if (finding.anomalous() && scorers.contains(finding.scorer())) {
                return t.to(Step.FIRE);
            }
        }
        return t;
    }

    @Override
    public String toString() {
        return "fire at once";
    }
}
