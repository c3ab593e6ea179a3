package dev.vigil.alerting.dispatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.alerting.route.Route;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.Severity;

/**
 * The alerts of one route that share the values of its group-by labels, and what was last told about them (the
 * notification log: which alerts at which severity, and when). One group is one incident while it is open.
 */
public final class AlertGroup {

    private final Route route;
    private final String key;
    private final Instant openedAt;
    /** Latest state of each member, by fingerprint, in arrival order. */
    final Map<String, Alert> members = new LinkedHashMap<>();
    /** The firing members last notified, with the severity they were notified at. */
    final Map<String, Severity> notified = new LinkedHashMap<>();
    Instant lastFlushAt;
    Instant lastSentAt;
    /** The id and fingerprint the incident is told under: its first notified member's. */
    Alert lead;
    boolean closed;

    AlertGroup(Route route, String key, Instant openedAt) {
        this.route = route;
        this.key = key;
        this.openedAt = openedAt;
    }

    void add(Alert alert) {
        members.put(alert.fingerprint(), alert);
    }

    public Route route() {
        return route;
    }

    public String key() {
        return key;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public List<Alert> members() {
        return new ArrayList<>(members.values());
    }

    /** The notification log as it stands (a pipeline without a group wait stage never sets the flush time). */
    GroupLog log() {
        return new GroupLog(key, lead == null ? null : lead.id(), lead == null ? null : lead.fingerprint(), notified,
                lastSentAt, lastFlushAt == null ? lastSentAt : lastFlushAt);
    }
}
