package dev.vigil.alerting.dispatch;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.vigil.contracts.Severity;

/**
 * What one group has told (Alertmanager's notification log entry), as it stands after a notification: which members
 * were told firing at which severity, under which lead alert, and when. The outbox stores it in the same transaction
 * as the notification, and the dispatcher is restored from it at start, so a restart neither tells a group again nor
 * forgets its resolve.
 *
 * @param groupKey        the group's key ({@link dev.vigil.alerting.route.Route#groupKey})
 * @param leadId          the id the incident is told under; null once the incident is closed
 * @param leadFingerprint the fingerprint it is told under; null once the incident is closed
 * @param notified        member fingerprint to the severity it was told at; empty once the incident resolved
 * @param lastSentAt      when the group last told something (the repeat interval counts from here)
 * @param lastFlushAt     when the group was last flushed (the group interval counts from here)
 */
public record GroupLog(String groupKey, String leadId, String leadFingerprint, Map<String, Severity> notified,
        Instant lastSentAt, Instant lastFlushAt) {

    public GroupLog {
        notified = Collections.unmodifiableMap(new LinkedHashMap<>(notified));
    }

    /** Whether the incident is over: its resolve was told, nothing of it is open. */
    public boolean closed() {
        return notified.isEmpty();
    }
}
