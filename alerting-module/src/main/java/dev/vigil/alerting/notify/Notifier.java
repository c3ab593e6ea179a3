package dev.vigil.alerting.notify;

import dev.vigil.alerting.Alert;

/** A receiver: tells people about an alert, firing or resolved. */
public interface Notifier {

    /** The name used in {@code vigil.notify.receivers}. */
    String name();

    /** @throws NotificationException when the receiver did not take the alert; it says whether a retry can help */
    void send(Alert alert) throws NotificationException;
}
