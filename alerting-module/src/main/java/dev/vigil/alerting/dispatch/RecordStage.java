package dev.vigil.alerting.dispatch;

import java.util.List;

import dev.vigil.alerting.Alert;

/**
 * Writes what was told into the group's notification log, which the dedup stage reads next time: the members and
 * severities notified, when, and the incident's lead. A resolve closes the incident: its members leave the group.
 * In memory; a durable log (with an outbox for at-least-once delivery across restarts) is a later step.
 */
public final class RecordStage implements Stage {

    @Override
    public List<Alert> apply(Flush flush, List<Alert> alerts) {
        AlertGroup group = flush.group();
        group.lastSentAt = flush.now();
        if (flush.decision() == Flush.Decision.RESOLVED) {
            group.notified.keySet().forEach(group.members::remove);
            group.notified.clear();
            group.lead = null;
            group.closed = group.members.isEmpty();
            return alerts;
        }
        if (group.lead == null) {
            group.lead = flush.incident;
        }
        group.notified.putAll(SendStage.severities(alerts));
        return alerts;
    }

    @Override
    public String toString() {
        return "record";
    }
}
