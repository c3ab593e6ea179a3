package dev.vigil.feedback.tuning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

import dev.vigil.alerting.lifecycle.AlertLifecycle;
import dev.vigil.alerting.lifecycle.ConfirmationPolicy;
import dev.vigil.alerting.lifecycle.LifecyclePolicy;
import dev.vigil.alerting.severity.SeverityRanking;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Score;

/**
 * What one fingerprint's stored windows would have raised at another threshold factor: the windows are scored again
 * from their stored ratios ({@code ratio >= factor} is anomalous) and go through the same {@link AlertLifecycle} the
 * live pipeline runs, with its N-of-M confirmation, recovery, cooldown and flap detection, so a replay fires exactly
 * where the live pipeline would have.
 */
public final class AlertReplay {

    /** The explanation replayed scores carry: the lifecycle reads only its leading feature and its findings. */
    private static final Explanation REPLAYED = new Explanation("replayed", 0, 0, 1,
            List.of(new Finding("replay", 0, 1, "replayed from the score history")));

    /**
     * An alert the replay raised.
     *
     * @param endsAt null when it was still firing at the end of the windows
     */
    public record Replayed(Instant startsAt, Instant endsAt) {

        /** Whether it was firing at some time in {@code [from, to]} ({@code to} null: open-ended). */
        public boolean overlaps(Instant from, Instant to) {
            return (to == null || !startsAt.isAfter(to)) && (endsAt == null || !endsAt.isBefore(from));
        }
    }

    private final ConfirmationPolicy policy;
    private final LifecyclePolicy lifecycle;

    public AlertReplay(ConfirmationPolicy policy, LifecyclePolicy lifecycle) {
        this.policy = policy;
        this.lifecycle = lifecycle;
    }

    /**
     * @param times  the windows' ends, in order
     * @param ratios each window's deciding ratio before any threshold factor
     * @return the alerts raised, in order (an alert's upgrades and flapping notices are the same alert)
     */
    public List<Replayed> run(String detector, String source, String entity, SortedMap<String, String> labels,
            List<Instant> times, double[] ratios, double factor) {
        AlertLifecycle replay = new AlertLifecycle(policy, lifecycle, SeverityRanking.SCORE_ONLY);
        List<Replayed> alerts = new ArrayList<>();
        String open = null;
        for (int i = 0; i < ratios.length; i++) {
            double ratio = ratios[i] / factor;
            Optional<Alert> out = replay.onScore(new Score(detector, source, entity, labels, times.get(i),
                    Score.normalise(ratio), Score.THRESHOLD, ratio >= 1, REPLAYED));
            if (out.isEmpty()) {
                continue;
            }
            Alert alert = out.get();
            if (alert.status() == AlertStatus.FIRING && !alert.id().equals(open)) {
                open = alert.id();
                alerts.add(new Replayed(alert.startsAt(), null));
            } else if (alert.status() == AlertStatus.RESOLVED && alert.id().equals(open)) {
                alerts.set(alerts.size() - 1, new Replayed(alert.startsAt(), alert.endsAt()));
                open = null;
            }
        }
        return alerts;
    }
}
