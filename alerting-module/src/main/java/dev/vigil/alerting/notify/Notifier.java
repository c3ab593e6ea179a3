package dev.vigil.alerting.notify;

import java.util.Optional;

import dev.vigil.alerting.Alert;

/** A receiver: tells people about an alert, firing or resolved. */
public interface Notifier {

    /** The name used in {@code vigil.notify.receivers}. */
    String name();

    /** What is missing for this receiver to work, naming the configuration key; checked at start when it is enabled. */
    default Optional<String> misconfiguration() {
        return Optional.empty();
    }

    /** @throws NotificationException when the receiver did not take the alert; it says whether a retry can help */
    void send(Alert alert) throws NotificationException;
}
