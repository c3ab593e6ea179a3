package dev.vigil.alerting.notify;

import java.util.Optional;

/**
 * A receiver: tells people about an alert, firing or resolved. The outbox calls it until it acknowledges (returns) or
 * fails permanently, so it must make a repeated call harmless where its API allows: the delivery's idempotency key,
 * a lookup before creating, an edit of the earlier message.
 */
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

    /**
     * @return what the receiver answered that names what it made or changed (a Slack {@code channel/ts}, a Jira issue
     *         key, a ServiceNow incident number, a Message-ID), kept in the delivery log and handed back as the next
     *         delivery's {@link Delivery#earlierReference()}; empty when there is none
     * @throws NotificationException when the receiver did not take the alert; it says whether a retry can help
     */
    Optional<String> send(Delivery delivery) throws NotificationException;
}
