package dev.vigil.app.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The waits the login throttle gives, on a clock the test moves. */
class LoginThrottleTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    private final MovableClock clock = new MovableClock();
    private final LoginThrottle throttle = new LoginThrottle(Duration.ofMillis(500), Duration.ofSeconds(30),
            Duration.ofMinutes(15), clock);

    /** An attempt made as soon as it is let through, which then fails: the wait it got. */
    private Duration failedAttempt(String user, String address) {
        LoginThrottle.Admission admission = throttle.admit(user, address);
        assertThat(admission.refused()).isFalse();
        clock.now = clock.now.plus(admission.delay());
        return admission.delay();
    }

    @Test
    void eachFailedAttemptDoublesTheWaitUpToTheMaximum() {
        assertThat(java.util.stream.IntStream.range(0, 10).mapToObj(i -> failedAttempt("bob", "203.0.113.9")).toList())
                .containsExactly(Duration.ZERO, Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                        Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(16), Duration.ofSeconds(30),
                        Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    @Test
    void aUserIsSlowedDownFromEveryAddressAndAnAddressForEveryUser() {
        failedAttempt("bob", "203.0.113.9");
        failedAttempt("bob", "203.0.113.9");
        assertThat(throttle.admit("bob", "198.51.100.4").delay()).as("bob, elsewhere").isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.admit("carol", "203.0.113.9").delay()).as("another name, same address")
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.admit("dave", "192.0.2.1").delay()).as("neither").isZero();
    }

    @Test
    void guessesSentTogetherLineUpOneDelayApartAndThoseBeyondTheMaximumAreRefusedUncounted() {
        LoginThrottle fast = new LoginThrottle(Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofMinutes(15), clock);
        var waits = java.util.stream.IntStream.range(0, 8).mapToObj(i -> fast.admit("bob", "203.0.113.9")).toList();

        assertThat(waits).extracting(LoginThrottle.Admission::refused)
                .containsExactly(false, false, false, false, true, true, true, true);
        assertThat(waits.subList(0, 4)).extracting(LoginThrottle.Admission::delay).containsExactly(Duration.ZERO,
                Duration.ofMillis(500), Duration.ofMillis(1500), Duration.ofMillis(3500));
        assertThat(waits.subList(4, 8)).extracting(LoginThrottle.Admission::quietly)
                .as("one refusal logged, the rest not").containsExactly(false, true, true, true);
        clock.now = clock.now.plus(Duration.ofMillis(3500));
        assertThat(fast.admit("bob", "203.0.113.9").delay()).as("the refused ones did not count")
                .isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void aSuccessClearsTheUserAndTheAddressAndOldFailuresAreForgotten() {
        failedAttempt("bob", "203.0.113.9");
        failedAttempt("bob", "203.0.113.9");
        failedAttempt("bob", "203.0.113.9");
        clock.now = clock.now.plus(throttle.admit("bob", "203.0.113.9").delay());
        throttle.succeeded("bob", "203.0.113.9");
        assertThat(throttle.admit("bob", "203.0.113.9").delay()).isZero();

        clock.now = clock.now.plus(Duration.ofMillis(500)).plus(Duration.ofMinutes(15)).plusSeconds(1);
        assertThat(throttle.admit("bob", "203.0.113.9").delay()).as("forgotten 15 min after its wait ran out").isZero();
    }

    @Test
    void itRemembersABoundedNumberOfNamesAndAddresses() {
        for (int i = 0; i < 3 * LoginThrottle.MAX_RECORDS; i++) {
            throttle.admit("user-" + i, "10.0." + (i / 250) + "." + (i % 250));
        }
        assertThat(throttle.remembered()).isEqualTo(LoginThrottle.MAX_RECORDS);
        failedAttempt("bob", "203.0.113.9");
        assertThat(throttle.admit("bob", "203.0.113.9").delay()).as("the latest are kept").isEqualTo(Duration.ofMillis(500));
    }

    private static final class MovableClock extends Clock {
        Instant now = T0;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
