package dev.vigil.alerting.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a delivery that failed in a retryable way is tried again, and when it is given up.
 *
 * @param backoff    the wait after the first failure; it doubles with every further one...
 * @param maxBackoff ...up to this
 * @param deadline   a delivery not acknowledged this long after it was written is dead-lettered
 */
public record RetryPolicy(Duration backoff, Duration maxBackoff, Duration deadline) {

    public RetryPolicy {
        if (backoff.isNegative() || backoff.isZero() || maxBackoff.compareTo(backoff) < 0 || deadline.isNegative()
                || deadline.isZero()) {
            throw new IllegalArgumentException("need 0 < backoff <= max-backoff and a positive deadline, got backoff "
                    + backoff + ", max-backoff " + maxBackoff + ", deadline " + deadline);
        }
    }

    /**
     * The next attempt after the {@code attempts}-th failed at {@code now}: exactly when the receiver asked
     * ({@code Retry-After}), else after the exponential back-off with "equal jitter" (a random wait between half the
     * back-off and all of it), so deliveries that failed together do not all come back at the same instant.
     */
    public Instant nextAttempt(int attempts, Optional<Duration> retryAfter, Instant now, RandomGenerator random) {
        if (retryAfter.isPresent()) {
            return now.plus(retryAfter.get());
        }
        long max = maxBackoff.toMillis();
        long wait = backoff.toMillis();
        for (int i = 1; i < attempts && wait < max; i++) {
            wait *= 2;
        }
        wait = Math.min(wait, max);
        long half = wait / 2;
        return now.plusMillis(half + random.nextLong(wait - half + 1));
    }
}
