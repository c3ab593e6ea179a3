package dev.vigil.alerting.notify;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import dev.vigil.contracts.Alert;

/**
 * One notification on its way to one receiver, as the outbox hands it over (again after a failure or a restart).
 *
 * @param idempotencyKey    {@code <fingerprint>:<firing|resolved>:<sequence>}: the same for every attempt at this
 *                          notification and different for every other one, so a receiver that can drop a repeated
 *                          request (an {@code Idempotency-Key} header, a marker in a ticket) never shows it twice
 * @param alert             the incident to tell, firing or resolved
 * @param earlierReference  what this receiver answered for the incident's last acknowledged notification (its Slack
 *                          message, its Jira issue), so later ones edit or comment on that instead of starting anew;
 *                          empty for the first
 * @param earlierAttemptSince present when an earlier attempt at this same notification started and never got an
 *                          answer that settled it (the reply was lost, the process crashed mid-call, the receiver
 *                          failed): that attempt may have reached the receiver, no earlier than this instant (when
 *                          the notification was written). A receiver whose API has no idempotency key looks for what
 *                          that attempt left before making anything new. Empty on the first attempt.
 */
public record Delivery(String idempotencyKey, Alert alert, Optional<String> earlierReference,
        Optional<Instant> earlierAttemptSince) {

    public Delivery {
        Objects.requireNonNull(idempotencyKey);
        Objects.requireNonNull(alert);
        Objects.requireNonNull(earlierReference);
        Objects.requireNonNull(earlierAttemptSince);
    }

    /** The key the outbox gives the notification with this sequence number. */
    public static String key(Alert alert, long sequence) {
        return alert.fingerprint() + ":" + alert.status().name().toLowerCase(java.util.Locale.ROOT) + ":" + sequence;
    }

    /** A first notification, nothing told of the incident before. */
    public static Delivery first(String idempotencyKey, Alert alert) {
        return new Delivery(idempotencyKey, alert, Optional.empty(), Optional.empty());
    }
}
