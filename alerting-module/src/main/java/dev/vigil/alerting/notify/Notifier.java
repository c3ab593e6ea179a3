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

    /** The misconfiguration of a receiver that lacks a key. */
    static Optional<String> missing(String receiver, String key) {
        return Optional.of("receiver '" + receiver + "' is enabled but " + key + " is not set");
    }

    /**
     * Refuses to send while misconfigured, as a permanent failure naming what is missing (the notification routes
     * already refuse to start with a misconfigured receiver; this guards direct callers).
     */
    default void requireConfigured() throws NotificationException {
        Optional<String> problem = misconfiguration();
        if (problem.isPresent()) {
            throw NotificationException.permanent(problem.get());
        }
    }

    /** @throws NotificationException when the receiver did not take the alert; it says whether a retry can help */
    void send(Alert alert) throws NotificationException;
}
