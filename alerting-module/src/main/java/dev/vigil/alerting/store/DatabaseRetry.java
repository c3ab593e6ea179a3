package dev.vigil.alerting.store;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * Waits out a database outage for one writer: a write the database could not take for being unreachable (connection
 * refused or cut, the server shutting down or starting up, a pool that has no connection to give) is tried again
 * after a back-off that doubles from {@code backoff} to {@code maxBackoff}, for as long as it takes; a write the
 * database refused for what it is (a constraint, a value out of range, a wrong statement: SQLState classes 21, 22,
 * 23, 42, 44, 0A) is not retried, since it would be refused again. An outage is logged once when it starts, saying
 * what waits, and once when it ends, saying for how long and what became of what waited ({@link Outage}), never per
 * try. {@link #stop()} ends the waiting (at shutdown): the write in hand fails with its last error. Thread-safe.
 */
public final class DatabaseRetry {

    /** One write, tried as often as needed; {@code attempt} counts from 0. */
    @FunctionalInterface
    public interface Action<T> {
        T run(int attempt) throws SQLException;
    }

    /** What an outage means to its writer, in the two lines logged about it. */
    public interface Outage {

        /** What waits, and where: logged when the database is found unreachable. */
        String started();

        /** What became of what waited: logged when the database takes a write again. */
        String ended(Duration lasted);
    }

    /** SQLState classes of a statement refused for itself: cardinality, data, integrity, syntax or access, check option, unsupported. */
    private static final Set<String> REFUSED = Set.of("21", "22", "23", "42", "44", "0A");

    private final Logger log;
    private final Duration backoff;
    private final Duration maxBackoff;
    private final Outage outage;
    private final Clock clock;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Instant since;
    private int failures;

    public DatabaseRetry(Logger log, Duration backoff, Duration maxBackoff, Outage outage) {
        this(log, backoff, maxBackoff, outage, Clock.systemUTC());
    }

    public DatabaseRetry(Logger log, Duration backoff, Duration maxBackoff, Outage outage, Clock clock) {
        if (backoff.isNegative() || backoff.isZero() || maxBackoff.compareTo(backoff) < 0) {
            throw new IllegalArgumentException("a retry back-off must be positive and at most its maximum, got " + backoff
                    + " and " + maxBackoff);
        }
        this.log = log;
        this.backoff = backoff;
        this.maxBackoff = maxBackoff;
        this.outage = outage;
        this.clock = clock;
    }

    /**
     * Runs a write until the database takes it, waiting while it is unreachable.
     *
     * @throws SQLException         the database refused the write (not retried), or it was unreachable when
     *                              {@link #stop()} was called
     * @throws InterruptedException the thread was interrupted while it waited
     */
    public <T> T run(Action<T> action) throws SQLException, InterruptedException {
        for (int attempt = 0;; attempt++) {
            try {
                T result = action.run(attempt);
                succeeded();
                return result;
            } catch (SQLException e) {
                Duration wait = failed(e);
                if (stopped.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw e;
                }
            }
        }
    }

    /**
     * Notes a write that failed: the first failure of an outage is logged. For a writer that waits on its own terms
     * (a poller skipping its passes) instead of in {@link #run}.
     *
     * @return how long to wait before the next try
     * @throws SQLException the failure itself, when the database refused the write rather than being unreachable
     */
    public synchronized Duration failed(SQLException e) throws SQLException {
        if (refused(e)) {
            throw e;
        }
        if (since == null) {
            since = clock.instant();
            log.warnf("Database unreachable (%s): %s", e.getMessage(), outage.started());
        }
        Duration wait = backoff.multipliedBy(1L << Math.min(failures, 20));
        failures++;
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }

    /** Notes a write the database took: the end of an outage, if there was one, is logged. */
    public synchronized void succeeded() {
        failures = 0;
        if (since != null) {
            Duration lasted = Duration.between(since, clock.instant());
            since = null;
            log.infof("Database reachable again after %.1f s: %s", lasted.toMillis() / 1000.0, outage.ended(lasted));
        }
    }

    /** When the ongoing outage started; empty while the database takes writes. */
    public synchronized Optional<Instant> outageSince() {
        return Optional.ofNullable(since);
    }

    /** Stops waiting: the write in hand fails with its last error, later ones are tried once. */
    public void stop() {
        stopped.countDown();
    }

    /** Whether the database refused a statement for what it is, so that trying it again cannot help. */
    public static boolean refused(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.length() >= 2 && REFUSED.contains(state.substring(0, 2));
    }
}
