package dev.vigil.alerting.dispatch;

import java.util.List;

import dev.vigil.contracts.Alert;

/**
 * Writes what was told into the group's notification log, which the dedup stage reads next time: the members and
 * severities notified, when, and the incident's lead. A resolve closes the incident: its members leave the group.
 * Then it addresses the incident to every receiver of the group's route, each {@link Notification} carrying the log
 * as it now stands, so the outbox stores what is to be sent and what was told in one transaction.
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
        } else {
            if (group.lead == null) {
                group.lead = flush.incident;
            }
            group.notified.putAll(IncidentStage.severities(alerts));
        }
        GroupLog log = group.log();
        for (String receiver : group.route().receivers()) {
            flush.outbox().add(new Notification(receiver, group.key(), flush.incident, log));
        }
        return alerts;
    }

    @Override
    public String toString() {
        return "record";
    }
}
