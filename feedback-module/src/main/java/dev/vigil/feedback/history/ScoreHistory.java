package dev.vigil.feedback.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.feedback.LiveDetectors;
import dev.vigil.scoring.Score;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Stores every scored window (table {@code score_history}, migration {@code V5__score_history.sql}) without slowing the
 * scoring down: {@link #record} only puts the score on a bounded queue (when the queue is full the window is dropped
 * and counted in {@code vigil_history_dropped_total}, never waited for); one writer thread turns what has gathered into
 * rows and inserts them in batches. A batch the database refuses is logged, counted in
 * {@code vigil_history_write_failures_total} and dropped: the history serves tuning and reports, it is not worth
 * stopping detection for. Rows whose window ended before the retention period are purged on a Quartz schedule.
 */
@ApplicationScoped
public class ScoreHistory {

    private static final Logger LOG = Logger.getLogger(ScoreHistory.class);
    private static final String INSERT = "INSERT INTO score_history (detector, source, entity, fingerprint, labels,"
            + " window_end, score, anomalous, ratio, threshold_factor, scorer, feature, observed, expected, spread,"
            + " feature_names, features) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** A score waiting to be written, or a flush waiting for everything queued before it. */
    private record Pending(Score score, Map<String, Double> features, double factor, CountDownLatch flushed) {
    }

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final LiveDetectors detectors;
    private final HistoryConfig config;
    private final Clock clock;
    private final BlockingQueue<Pending> queue;
    private final Counter written;
    private final Counter dropped;
    private final Counter failures;
    private volatile boolean running = true;
    private Thread writer;

    @Inject
    public ScoreHistory(DataSource dataSource, ObjectMapper json, LiveDetectors detectors, HistoryConfig config,
            MeterRegistry registry) {
        this(dataSource, json, detectors, config, registry, Clock.systemUTC());
    }

    public ScoreHistory(DataSource dataSource, ObjectMapper json, LiveDetectors detectors, HistoryConfig config,
            MeterRegistry registry, Clock clock) {
        this.dataSource = dataSource;
        this.json = json;
        this.detectors = detectors;
        this.config = config;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(Math.max(1, config.queueCapacity()));
        this.written = registry.counter("vigil.history.rows");
        this.dropped = registry.counter("vigil.history.dropped");
        this.failures = registry.counter("vigil.history.write.failures");
        registry.gauge("vigil.history.queued", queue, BlockingQueue::size);
    }

    @PostConstruct
    void start() {
        if (!config.enabled()) {
            return;
        }
        writer = new Thread(this::writeLoop, "vigil-score-history");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Queues a scored window for the history; returns at once.
     *
     * @param features the window's features, or empty when the producer had no window (the features its explanation
     *                 scored are stored instead)
     * @return whether it was queued (false: history off, or the queue full and the window dropped)
     */
    public boolean record(Score score, Map<String, Double> features) {
        if (writer == null) {
            return false;
        }
        double factor = detectors.factorOf(score.detector(), score.entity()).value();
        if (!queue.offer(new Pending(score, features, factor, null))) {
            dropped.increment();
            return false;
        }
        return true;
    }

    /** Waits until every window queued before this call is written (or dropped by a failed batch). */
    public void flush(Duration timeout) throws InterruptedException {
        if (writer == null) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        if (!queue.offer(new Pending(null, null, 0, done), timeout.toMillis(), TimeUnit.MILLISECONDS)
                || !done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warnf("The score history was not written within %s", timeout);
        }
    }

    /** At shutdown, while the database is open: what is queued is written, then the writer stops. */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (writer == null) {
            return;
        }
        flush(Duration.ofSeconds(10));
        running = false;
        writer.interrupt();
    }

    /** Deletes the windows that ended before the retention period; on the schedule {@code vigil.history.purge-every}. */
    @Scheduled(identity = "vigil-history-purge", every = "${vigil.history.purge-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeOnSchedule() {
        try {
            int purged = purgeBefore(clock.instant().minus(config.retention()));
            if (purged > 0) {
                LOG.infof("Score history: purged %d windows older than %s", purged, config.retention());
            }
        } catch (SQLException e) {
            LOG.errorf(e, "Score history: the purge failed; it is tried again on schedule");
        }
    }

    /** Deletes the windows that ended before {@code cutoff}; returns how many. */
    public int purgeBefore(Instant cutoff) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM score_history WHERE window_end < ?")) {
            delete.setTimestamp(1, Timestamp.from(cutoff));
            return delete.executeUpdate();
        }
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(config.batchSize());
        while (running) {
            try {
                Pending first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + config.flushInterval().toNanos();
                // gather until the batch is full, the flush interval is over, or someone waits for a flush
                while (batch.size() < config.batchSize() && batch.get(batch.size() - 1).flushed() == null) {
                    long left = deadline - System.nanoTime();
                    Pending next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                write(batch);
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "Score history: a batch could not be prepared; its windows are dropped");
                release(batch);
            }
            batch.clear();
        }
    }

    private void write(List<Pending> batch) {
        List<ScoredWindow> rows = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            if (p.score() != null) {
                rows.add(ScoredWindow.of(p.score(), p.features(), p.factor()));
            }
        }
        try {
            insert(rows);
            written.increment(rows.size());
        } catch (SQLException | JsonProcessingException e) {
            failures.increment();
            LOG.errorf("Score history: a batch of %d windows could not be written (%s); they are dropped", rows.size(),
                    e.getMessage());
        }
        release(batch);
    }

    private static void release(List<Pending> batch) {
        for (Pending p : batch) {
            if (p.flushed() != null) {
                p.flushed().countDown();
            }
        }
    }

    /** Inserts rows in one batch and one transaction. */
    public void insert(List<ScoredWindow> rows) throws SQLException, JsonProcessingException {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (ScoredWindow w : rows) {
                    insert.setString(1, w.detector());
                    insert.setString(2, w.source());
                    insert.setString(3, w.entity());
                    insert.setString(4, w.fingerprint());
                    insert.setString(5, json.writeValueAsString(w.labels()));
                    insert.setTimestamp(6, Timestamp.from(w.windowEnd()));
                    insert.setDouble(7, w.score());
                    insert.setBoolean(8, w.anomalous());
                    insert.setDouble(9, w.ratio());
                    insert.setDouble(10, w.thresholdFactor());
                    insert.setString(11, w.scorer());
                    insert.setString(12, w.feature());
                    setNumber(insert, 13, w.observed());
                    setNumber(insert, 14, w.expected());
                    setNumber(insert, 15, w.spread());
                    insert.setString(16, String.join(",", w.features().keySet()));
                    insert.setString(17, json.writeValueAsString(finiteOnly(w.features())));
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
            } catch (SQLException | JsonProcessingException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /** JSON has no NaN or infinity: such a feature value is stored as null. */
    private static Map<String, Double> finiteOnly(Map<String, Double> features) {
        if (features.values().stream().allMatch(Double::isFinite)) {
            return features;
        }
        Map<String, Double> finite = new java.util.TreeMap<>();
        features.forEach((k, v) -> finite.put(k, Double.isFinite(v) ? v : null));
        return finite;
    }

    private static void setNumber(PreparedStatement statement, int index, double value) throws SQLException {
        if (Double.isFinite(value)) {
            statement.setDouble(index, value);
        } else {
            statement.setNull(index, Types.DOUBLE);
        }
    }
}
