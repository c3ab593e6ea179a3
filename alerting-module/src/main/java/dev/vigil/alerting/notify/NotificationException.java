package dev.vigil.alerting.notify;

import java.time.Duration;
import java.util.Optional;

/** A receiver refused or could not be reached. */
public class NotificationException extends Exception {

    private final boolean retryable;
    private final Duration retryAfter;

    private NotificationException(String message, boolean retryable, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    /** Worth another try (rate limit, server error, network). */
    public static NotificationException retryable(String message, Duration retryAfter, Throwable cause) {
        return new NotificationException(message, true, retryAfter, cause);
    }

    /** Sending the same again will fail the same way (bad payload, revoked webhook, archived channel). */
    public static NotificationException permanent(String message) {
        return new NotificationException(message, false, null, null);
    }

    public boolean retryable() {
        return retryable;
    }

    /** What the receiver asked us to wait, e.g. Slack's {@code Retry-After} on HTTP 429. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
