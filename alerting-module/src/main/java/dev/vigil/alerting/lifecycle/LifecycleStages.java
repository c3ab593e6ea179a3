package dev.vigil.alerting.lifecycle;

import java.util.List;

import dev.vigil.alerting.severity.SeverityRanking;

/**
 * The stages a score goes through, in order: the one place the order is written. Confirmation decides whether the
 * fingerprint fires, keeps firing or resolves; fire-at-once lets unconfirmable findings fire; the cooldown holds a
 * recent resolve back; flap detection decides how a change is told; ranking says how bad it is.
 */
final class LifecycleStages {

    private final List<LifecycleStage> stages;

    private LifecycleStages(List<LifecycleStage> stages) {
        this.stages = List.copyOf(stages);
    }

    static LifecycleStages standard(ConfirmationPolicy policy, LifecyclePolicy lifecycle, SeverityRanking ranking,
            Iterable<Track> tracks) {
        return new LifecycleStages(List.of(
                new Confirmation(policy),
                new FireAtOnce(lifecycle.fireAtOnce()),
                new Cooldown(lifecycle.cooldown()),
                new FlapDetection(lifecycle.flapMaxChanges(), lifecycle.flapPeriod()),
                new Ranking(ranking, tracks)));
    }

    Transition run(Transition transition) {
        Transition t = transition;
        for (LifecycleStage stage : stages) {
            t = stage.apply(t);
        }
        return t;
    }

    List<LifecycleStage> stages() {
        return stages;
    }
}
