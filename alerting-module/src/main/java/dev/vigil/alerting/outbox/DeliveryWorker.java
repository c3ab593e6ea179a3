package dev.vigil.alerting.outbox;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

import dev.vigil.alerting.notify.Delivery;
import dev.vigil.alerting.notify.NotificationException;
import dev.vigil.alerting.notify.Notifier;
import dev.vigil.alerting.store.DatabaseRetry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.jboss.logging.Logger;

/**
 * One receiver's queue: takes its pending deliveries from the outbox in the order they were written and tells the
 * receiver, one at a time, so a receiver that is slow or down delays nobody else. Acknowledged: marked sent, with
 * what the receiver answered. Retryable failure: tried again after the {@link RetryPolicy}'s back-off, or exactly
 * when the receiver asked ({@code Retry-After}: then the whole receiver waits, a rate limit is the receiver's, not
 * one message's); meanwhile later deliveries of the same incident wait behind it (a resolve never overtakes its
 * firing), those of other incidents go on. A delivery is tried only once this instance has claimed it in the outbox
 * (instances sharing a database never tell the same delivery) and the try is counted there, before the receiver is
 * called: after a crash in the middle of a call the delivery log still shows it, and the retry tells the receiver that
 * an earlier try may have reached it ({@link Delivery#earlierAttemptSince}). Refused, or not acknowledged by its deadline: dead-lettered with the
 * reason, logged and counted ({@code vigil_notification_dead_letters_total{receiver,cause}}). Counts every outcome in
 * {@code vigil_notifications_total{receiver,outcome}} and the deliveries waiting in
 * {@code vigil_notifications_pending{receiver}}. While the database is unreachable the worker looks again after the
 * back-off of its {@link DatabaseRetry}, and an acknowledgement waits until the database takes it: a delivery the
 * receiver took is never told again for want of being recorded.
 */
public final class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    /** Pending deliveries read per pass. */
    private static final int BATCH = 500;

    private final Notifier notifier;
    private final Outbox outbox;
    private final MeterRegistry registry;
    private final Clock clock;
    private final RandomGenerator random;
    private final DatabaseRetry database;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Instant pausedUntil = Instant.EPOCH;
    private volatile boolean stopping;

    public DeliveryWorker(Notifier notifier, Outbox outbox, MeterRegistry registry, Clock clock, RandomGenerator random,
            DatabaseRetry database) {
        this.notifier = notifier;
        this.outbox = outbox;
        this.registry = registry;
        this.clock = clock;
        this.random = random;
        this.database = database;
        registry.gauge("vigil.notifications.pending", Tags.of("receiver", notifier.name()), pending);
    }

    public String receiver() {
        return notifier.name();
    }

    /** Finishes the attempt in flight, if any, and takes no other. */
    void stop() {
        stopping = true;
    }

    /** One pass over the receiver's pending deliveries: every one that is due is tried. */
    public void drain() {
        try {
            if (clock.instant().isBefore(pausedUntil)) {
                return;
            }
            List<PendingDelivery> due = outbox.pending(notifier.name(), BATCH);
            database.succeeded();
            int left = due.size();
            pending.set(left);
            Set<String> waiting = new HashSet<>(); // incidents with an earlier delivery still waiting
            for (PendingDelivery delivery : due) {
                Instant now = clock.instant();
                if (stopping || now.isBefore(pausedUntil)) {
                    return;
                }
                String incident = delivery.alert().id();
                if (waiting.contains(incident)) {
                    continue;
                }
                if (!now.isBefore(delivery.deadlineAt())) {
                    deadLetter(delivery, delivery.attempts(), "deadline", "not acknowledged by its deadline "
                            + delivery.deadlineAt() + " after " + delivery.attempts() + " attempts"
                            + (delivery.lastError() == null ? "" : "; last error: " + delivery.lastError()));
                    pending.set(--left);
                } else if (delivery.nextAttemptAt().isAfter(now) || !attempt(delivery)) {
                    waiting.add(incident);
                } else {
                    pending.set(--left);
                }
            }
        } catch (SQLException e) {
            // the deliveries stay pending; an unreachable database is looked at again after a back-off
            try {
                pausedUntil = clock.instant().plus(database.failed(e));
            } catch (SQLException refused) {
                LOG.errorf(refused, "Delivery to %s stopped for this pass", notifier.name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopped while an acknowledgement waited: it stays pending
        } catch (RuntimeException e) {
            // a bug; the deliveries stay pending and the next pass tries again
            LOG.errorf(e, "Delivery to %s stopped for this pass", notifier.name());
        }
    }

    /** @return whether the delivery is done with (acknowledged or dead-lettered) */
    private boolean attempt(PendingDelivery delivery) throws SQLException, InterruptedException {
        if (!outbox.startAttempt(delivery)) {
            return false; // another instance is telling it; if it dies, its claim lapses and one of us takes over
        }
        int attempts = delivery.attempts() + 1; // counted in the outbox before the call
        try {
            Optional<String> reference = notifier.send(new Delivery(delivery.idempotencyKey(), delivery.alert(),
                    outbox.earlierReference(delivery), delivery.attempts() > 0
                            ? Optional.of(delivery.createdAt()) : Optional.empty()));
            database.run(retried -> {
                outbox.acknowledged(delivery, attempts, reference);
                return null;
            });
            registry.counter("vigil.notifications", "receiver", notifier.name(), "outcome", "sent").increment();
            return true;
        } catch (NotificationException e) {
            if (stopping || Thread.currentThread().isInterrupted()) {
                // stopped mid-attempt: leave the delivery pending, its try counted (an interrupted thread must not
                // touch an H2 file); the next start tries it again
                return false;
            }
            if (!e.retryable()) {
                deadLetter(delivery, attempts, "refused", "refused by " + notifier.name() + ": " + e.getMessage());
                return true;
            }
            Instant now = clock.instant();
            Instant next = outbox.policy().nextAttempt(attempts, e.retryAfter(), now, random);
            if (next.isAfter(delivery.deadlineAt())) {
                deadLetter(delivery, attempts, "deadline", "the next attempt (" + next + ") would come after its deadline "
                        + delivery.deadlineAt() + "; last error: " + e.getMessage());
                return true;
            }
            e.retryAfter().ifPresent(wait -> pausedUntil = now.plus(wait));
            outbox.rescheduled(delivery, attempts, next, e.getMessage());
            registry.counter("vigil.notifications", "receiver", notifier.name(), "outcome", "retried").increment();
            LOG.warnf("Receiver %s did not take notification %s (attempt %d), trying again at %s: %s", notifier.name(),
                    delivery.idempotencyKey(), attempts, next, e.getMessage());
            return false;
        } catch (RuntimeException e) {
            // a receiver's bug does the same thing every time: no point in retrying
            deadLetter(delivery, attempts, "refused", "receiver " + notifier.name() + " failed: " + e);
            return true;
        }
    }

    private void deadLetter(PendingDelivery delivery, int attempts, String cause, String reason) throws SQLException {
        outbox.deadLettered(delivery, attempts, reason);
        registry.counter("vigil.notifications", "receiver", notifier.name(), "outcome", "dead_letter").increment();
        registry.counter("vigil.notification.dead.letters", "receiver", notifier.name(), "cause", cause).increment();
        LOG.errorf("Dead letter: receiver %s was not told notification %s (alert %s, %s %s): %s", notifier.name(),
                delivery.idempotencyKey(), delivery.alert().id(), delivery.alert().status(), delivery.alert().entity(),
                reason);
    }
}
