package dev.vigil.feedback.history;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.contracts.Contribution;
import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Score;
import dev.vigil.feedback.TestConfigs;
import dev.vigil.feedback.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The history writer: off the caller's thread, in batches, bounded, and purged by age. Real H2, real migrations. */
class ScoreHistoryTest {

    private static final Instant T0 = Instant.parse("2026-11-30T00:00:00Z");

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

    private static Score score(int minute, double ratio, Map<String, Double> features) {
        Explanation why = new Explanation("mean", 20 + ratio, 20, 0.5,
                List.of(new Finding("robust-z", ratio * 3.5, 3.5, "mean observed")),
                List.of(new Contribution("mean", 20 + ratio, 20, 0.5, ratio * 7), new Contribution("max", 30, 25, 1, 5)));
        return new Score("metric-baseline", "mqtt", "temperature{device=a}", new TreeMap<>(Map.of("device", "a")),
                T0.plus(Duration.ofMinutes(minute)), Score.normalise(ratio), Score.THRESHOLD, ratio >= 1, why, features, 1);
    }

    @Test
    void recordedWindowsAreWrittenByTheWriterThreadAndReadBackWithTheirRatioAndFeatures() throws Exception {
        DataSource db = TestDatabase.migrated();
        ScoreHistory history = new ScoreHistory(new HistoryStore(db, json), TestConfigs.history(true),
                new SimpleMeterRegistry());
        history.start();
        for (int m = 0; m < 250; m++) {
            assertThat(history.record(score(m, m == 200 ? 4 : 0.2, m % 2 == 0 ? Map.of("mean", 20.2, "count", 6.0) : Map.of())))
                    .isTrue();
        }
        history.flush(Duration.ofSeconds(10));

        List<ScoredWindow> rows = new ArrayList<>();
        new HistoryReader(db, json).windows(null, T0, T0.plus(Duration.ofDays(1)), rows::add);
        assertThat(rows).hasSize(250);
        assertThat(rows.get(200)).satisfies(w -> {
            assertThat(w.ratio()).isEqualTo(4.0);
            assertThat(w.anomalous()).isTrue();
            assertThat(w.thresholdFactor()).isEqualTo(1.0);
            assertThat(w.scorer()).isEqualTo("robust-z");
            assertThat(w.features()).containsOnlyKeys("mean", "count");
        });
        assertThat(rows.get(1).features()).as("no window: the features the explanation scored")
                .containsOnlyKeys("mean", "max").containsEntry("max", 30.0);
        assertThat(new HistoryReader(db, json).featureNames(null, T0, T0.plus(Duration.ofDays(1))))
                .containsExactly("count", "max", "mean");

        assertThat(history.purgeBefore(T0.plus(Duration.ofMinutes(100)))).isEqualTo(100);
        assertThat(new HistoryReader(db, json).count("metric-baseline", T0, T0.plus(Duration.ofDays(1)))).isEqualTo(150);
    }

    @Test
    void aFullQueueDropsAndCountsWindowsInsteadOfMakingTheCallerWait() throws Exception {
        DataSource real = TestDatabase.migrated();
        CountDownLatch open = new CountDownLatch(1);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ScoreHistory history = new ScoreHistory(new HistoryStore(new HeldDataSource(real, open), json),
                TestConfigs.history(true, 5, 1), registry);
        history.start();
        int queued = 0;
        for (int m = 0; m < 50; m++) {
            queued += history.record(score(m, 0.1, Map.of())) ? 1 : 0;
        }
        open.countDown();
        history.flush(Duration.ofSeconds(10));

        // the writer holds one window (a batch of 1) while the database waits, the queue five: the rest is dropped
        double dropped = registry.counter("vigil.history.dropped").count();
        assertThat(dropped).isEqualTo(50.0 - queued).isGreaterThanOrEqualTo(50 - 1 - 5);
        assertThat(new HistoryReader(real, json).count(null, T0, T0.plus(Duration.ofDays(1)))).isEqualTo(queued);
    }

    @Test
    void whileTheDatabaseIsDownTheQueueKeepsWhatFitsAndTheHistoryCatchesUpAndCountsWhatItDropped() throws Exception {
        Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
        int port = server.getPort();
        DataSource db = TestDatabase.migrated("jdbc:h2:tcp://127.0.0.1:" + port + "/mem:history-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ScoreHistory history = new ScoreHistory(new HistoryStore(db, json), TestConfigs.history(true, 20, 5),
                registry, Clock.systemUTC(), Duration.ofMillis(50), Duration.ofMillis(200));
        history.start();
        try {
            for (int m = 0; m < 10; m++) {
                history.record(score(m, 0.1, Map.of()));
            }
            history.flush(Duration.ofSeconds(30));

            server.stop();
            int kept = 0;
            for (int m = 10; m < 70; m++) { // scoring goes on: every call returns at once, kept or dropped
                kept += history.record(score(m, 0.1, Map.of())) ? 1 : 0;
            }
            double dropped = registry.counter("vigil.history.dropped").count();
            assertThat(dropped).as("beyond the queue, windows are dropped and counted").isEqualTo(60.0 - kept).isPositive();
            assertThat(kept).as("the queue, and the batch the writer holds").isBetween(20, 25);
            // the database stays away for three seconds, and the queue keeps its windows meanwhile
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(30))
                    .until(() -> registry.get("vigil.history.queued").gauge().value() >= 15);

            server = Server.createTcpServer("-tcpPort", String.valueOf(port), "-ifNotExists").start();
            history.flush(Duration.ofSeconds(30));
            assertThat(new HistoryReader(db, json).count(null, T0, T0.plus(Duration.ofDays(1))))
                    .as("every window kept is written once the database is back").isEqualTo(10 + kept);
            assertThat(registry.counter("vigil.history.write.failures").count()).isZero();
        } finally {
            server.stop();
        }
    }

    @Test
    void withTheHistoryOffNothingIsQueued() {
        ScoreHistory history = new ScoreHistory(new HistoryStore(TestDatabase.migrated(), json),
                TestConfigs.history(false), new SimpleMeterRegistry());
        history.start();
        assertThat(history.record(score(0, 1, Map.of()))).isFalse();
    }

    /** A database whose connections are handed out only once the test opens the gate: a slow database. */
    private record HeldDataSource(DataSource real, CountDownLatch gate) implements DataSource {

        @Override
        public Connection getConnection() throws SQLException {
            try {
                if (!gate.await(30, TimeUnit.SECONDS)) {
                    throw new SQLException("the gate stayed shut");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException(e);
            }
            return real.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
