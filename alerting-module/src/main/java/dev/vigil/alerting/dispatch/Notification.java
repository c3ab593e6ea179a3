package dev.vigil.alerting.dispatch;

import dev.vigil.contracts.Alert;

/**
 * What one receiver is to be told: the incident of one group, as one {@link Alert}, with the group's notification log
 * as it stands once this is told (the outbox keeps both in one transaction).
 */
public record Notification(String receiver, String groupKey, Alert alert, GroupLog log) {
}
