package dev.vigil.alerting.dispatch;

import java.time.Duration;
import java.util.List;

import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Severity;

/**
 * Tells only what people have not heard (Alertmanager's nflog check): a firing alert not yet notified or now at a
 * higher severity makes a new notification; an unchanged firing group is told again after its repeat interval; when
 * every notified alert has resolved, the incident's resolve. An alert that resolves while others of its group still
 * fire, or drops in severity, is not told: a downgrade never sends a resolve.
 */
public final class DedupStage implements Stage {

    @Override
    public List<Alert> apply(Flush flush, List<Alert> alerts) {
        AlertGroup group = flush.group();
        List<Alert> firing = alerts.stream().filter(a -> a.status() == AlertStatus.FIRING).toList();
        if (!firing.isEmpty()) {
            boolean news = firing.stream().anyMatch(a -> {
                Severity told = group.notified.get(a.fingerprint());
                return told == null || a.severity().compareTo(told) > 0;
            });
            Duration repeat = group.route().timing().repeatInterval();
            if (news) {
                flush.decision = Flush.Decision.FIRING;
            } else if (repeat != null && group.lastSentAt != null && !flush.now().isBefore(group.lastSentAt.plus(repeat))) {
                flush.decision = Flush.Decision.REPEAT;
            } else {
                return List.of();
            }
            return firing;
        }
        boolean allResolved = !group.notified.isEmpty() && group.notified.keySet().stream()
                .allMatch(fp -> group.members.get(fp).status() == AlertStatus.RESOLVED);
        if (!allResolved) {
            return List.of();
        }
        flush.decision = Flush.Decision.RESOLVED;
        return group.notified.keySet().stream().map(group.members::get).toList();
    }

    @Override
    public String toString() {
        return "dedup";
    }
}
