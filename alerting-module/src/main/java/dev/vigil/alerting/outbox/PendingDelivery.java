package dev.vigil.alerting.outbox;

import java.time.Instant;

import dev.vigil.contracts.Alert;

/**
 * A delivery the receiver has not acknowledged yet, as the outbox holds it.
 *
 * @param attempts      how many times it was tried so far
 * @param nextAttemptAt not tried again before this (back-off, a receiver's {@code Retry-After})
 * @param deadlineAt    dead-lettered when not acknowledged by then
 * @param lastError     why the last attempt failed; null before the first
 * @param alert         the incident to tell
 */
public record PendingDelivery(long id, String receiver, String idempotencyKey, int attempts, Instant createdAt,
        Instant nextAttemptAt, Instant deadlineAt, String lastError, Alert alert) {
}
