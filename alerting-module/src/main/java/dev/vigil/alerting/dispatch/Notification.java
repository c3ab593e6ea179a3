package dev.vigil.alerting.dispatch;

import dev.vigil.alerting.Alert;

/** What one receiver is to be told: the incident of one group, as one {@link Alert}. */
public record Notification(String receiver, String groupKey, Alert alert) {
}
