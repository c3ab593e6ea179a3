package dev.vigil.ingest.mqtt;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    @Test
    void delaysDoubleUpToTheMaximumEachWithinTwentyPercent() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
        long[] bases = { 1000, 2000, 4000, 8000, 16000, 30000, 30000 };
        for (long base : bases) {
            assertThat(backoff.next().toMillis()).isBetween(base - base / 5, base + base / 5);
        }
    }

    @Test
    void aSuccessStartsAgainFromTheFirstDelay() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
        backoff.next();
        backoff.next();
        backoff.next();
        backoff.reset();
        assertThat(backoff.next().toMillis()).isBetween(800L, 1200L);
    }
}
