package dev.vigil.alerting.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-01-10T10:00:00Z");
    private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofHours(1));

    @Test
    void theBackOffDoublesUpToItsMaximumWithEqualJitter() {
        Random random = new Random(7);
        for (int attempts = 1; attempts <= 10; attempts++) {
            long full = Math.min(1000L << (attempts - 1), 30_000);
            for (int i = 0; i < 50; i++) {
                long wait = Duration.between(NOW, policy.nextAttempt(attempts, Optional.empty(), NOW, random)).toMillis();
                assertThat(wait).as("attempt %d", attempts).isBetween(full / 2, full);
            }
        }
    }

    @Test
    void aRetryAfterIsTakenExactly() {
        assertThat(policy.nextAttempt(1, Optional.of(Duration.ofSeconds(42)), NOW, new Random()))
                .isEqualTo(NOW.plusSeconds(42));
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> new RetryPolicy(Duration.ZERO, Duration.ofSeconds(1), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO))
                .hasMessageContaining("deadline");
    }
}
