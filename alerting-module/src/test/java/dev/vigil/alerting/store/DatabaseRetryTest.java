package dev.vigil.alerting.store;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Waiting out an outage: what is retried, how long it waits, what is said about it, and how it stops. */
class DatabaseRetryTest {

    private static final Logger LOG = Logger.getLogger(DatabaseRetryTest.class);
    /** What the PostgreSQL driver throws when the server is down, and when it goes down under a connection. */
    private static final SQLException REFUSED_CONNECTION = new SQLException("Connection to 127.0.0.1:5432 refused", "08001");
    private static final SQLException SHUTTING_DOWN = new SQLException("terminating connection due to administrator command", "57P01");

    /** The two lines of an outage, as they would be logged. */
    private final List<String> said = new ArrayList<>();
    private final DatabaseRetry.Outage outage = new DatabaseRetry.Outage() {
        @Override
        public String started() {
            said.add("started");
            return "things wait";
        }

        @Override
        public String ended(Duration lasted) {
            said.add("ended");
            return "things go on";
        }
    };

    @Test
    void aWriteIsTriedUntilTheDatabaseTakesItAndTheOutageIsSaidOnceWhenItStartsAndOnceWhenItEnds() throws Exception {
        DatabaseRetry retry = new DatabaseRetry(LOG, Duration.ofMillis(1), Duration.ofMillis(5), outage);
        AtomicInteger tries = new AtomicInteger();

        String result = retry.run(attempt -> {
            tries.incrementAndGet();
            if (attempt < 4) {
                throw attempt % 2 == 0 ? REFUSED_CONNECTION : SHUTTING_DOWN;
            }
            return "stored";
        });

        assertThat(result).isEqualTo("stored");
        assertThat(tries.get()).isEqualTo(5);
        assertThat(said).containsExactly("started", "ended");
        assertThat(retry.outageSince()).isEmpty();
    }

    @Test
    void theWaitDoublesFromTheBackoffUpToItsMaximum() throws Exception {
        DatabaseRetry retry = new DatabaseRetry(LOG, Duration.ofMillis(500), Duration.ofSeconds(3), outage);
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waits.add(retry.failed(REFUSED_CONNECTION));
        }
        assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(3), Duration.ofSeconds(3));
        assertThat(retry.outageSince()).isPresent();

        retry.succeeded();
        assertThat(retry.failed(REFUSED_CONNECTION)).as("a new outage starts from the back-off").isEqualTo(Duration.ofMillis(500));
        assertThat(said).containsExactly("started", "ended", "started");
    }

    @Test
    void aWriteTheDatabaseRefusesForWhatItIsIsNotRetried() {
        DatabaseRetry retry = new DatabaseRetry(LOG, Duration.ofMillis(1), Duration.ofMillis(5), outage);
        AtomicInteger tries = new AtomicInteger();
        SQLException duplicate = new SQLIntegrityConstraintViolationException("duplicate key", "23505");

        assertThatThrownBy(() -> retry.run(attempt -> {
            tries.incrementAndGet();
            throw duplicate;
        })).isSameAs(duplicate);
        assertThat(tries.get()).isEqualTo(1);
        assertThat(said).as("no outage").isEmpty();
        assertThat(DatabaseRetry.refused(new SQLException("value too long", "22001"))).isTrue();
        assertThat(DatabaseRetry.refused(new SQLException("Acquisition timeout while waiting for new connection"))).isFalse();
        assertThat(DatabaseRetry.refused(new SQLException("Connection is broken", "90067"))).as("H2's broken connection").isFalse();
    }

    @Test
    void stoppingEndsTheWaitWithTheLastError() throws Exception {
        DatabaseRetry retry = new DatabaseRetry(LOG, Duration.ofMinutes(1), Duration.ofMinutes(1), outage);
        CompletableFuture<Object> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return retry.run(attempt -> {
                    throw REFUSED_CONNECTION;
                });
            } catch (SQLException | InterruptedException e) {
                return e;
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> retry.outageSince().isPresent());

        retry.stop();

        assertThat(waiting.get()).isSameAs(REFUSED_CONNECTION);
    }
}
