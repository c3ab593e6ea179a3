package dev.vigil.alerting.outbox;

import java.time.Instant;

import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Severity;

/**
 * One line of the delivery log: who was told what, when, through which channel, and how it went.
 *
 * @param sequence       the notification's number (one per state change of an incident, shared by its receivers)
 * @param idempotencyKey {@code <fingerprint>:<firing|resolved>:<sequence>}, what the receiver was given to drop repeats
 * @param receiver       the channel: {@code slack}, {@code email}, {@code jira}, ...
 * @param alertId        the incident told (a group's incident has its lead alert's id)
 * @param status         what was told: the incident firing (new, upgraded, repeated) or resolved
 * @param entity         what it is about
 * @param state          {@code PENDING}, {@code SENT} or {@code DEAD}
 * @param attempts       how many times the receiver was called, each counted when the call started
 * @param lastAttemptAt  when the latest call started; null before the first
 * @param createdAt      when the notification was decided (and written)
 * @param nextAttemptAt  when a pending one is tried next
 * @param deadlineAt     when a pending one is given up
 * @param finishedAt     when it was acknowledged or dead-lettered; null while pending
 * @param lastError      why the last attempt failed, or why it was dead-lettered
 * @param reference      what the receiver answered that names the message (Slack channel/ts, Jira key, ...)
 */
public record DeliveryRecord(long id, long sequence, String idempotencyKey, String receiver, String alertId,
        String fingerprint, AlertStatus status, Severity severity, String entity, Outbox.State state, int attempts,
        Instant lastAttemptAt, Instant createdAt, Instant nextAttemptAt, Instant deadlineAt, Instant finishedAt, String lastError,
        String reference) {
}
