package dev.vigil.ingest.mqtt;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays between connection attempts: the first delay, doubled after every failure up to the maximum, each drawn
 * within ±20 % so that gateways restarted together do not knock on their broker in step.
 */
final class Backoff {

    private final long firstMillis;
    private final long maxMillis;
    private long nextMillis;

    Backoff(Duration first, Duration max) {
        this.firstMillis = first.toMillis();
        this.maxMillis = max.toMillis();
        this.nextMillis = firstMillis;
    }

    /** The delay before the next attempt; the one after it is twice as long, up to the maximum. */
    Duration next() {
        long base = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        long jitter = base / 5;
        return Duration.ofMillis(base - jitter + ThreadLocalRandom.current().nextLong(2 * jitter + 1));
    }

    /** After a success: the next failure waits the first delay again. */
    void reset() {
        nextMillis = firstMillis;
    }
}
