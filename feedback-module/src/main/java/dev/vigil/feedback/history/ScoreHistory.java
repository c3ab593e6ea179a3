package dev.vigil.feedback.history;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.vigil.alerting.store.DatabaseRetry;
import dev.vigil.contracts.Score;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Stores every scored window (through {@link HistoryStore}) without slowing the scoring down: {@link #record} only puts
 * the score on a bounded queue (when the queue is full the window is dropped and counted in
 * {@code vigil_history_dropped_total}, never waited for); one writer thread turns what has gathered into rows and
 * inserts them in batches. While the database is unreachable the writer tries its batch again with back-off
 * ({@link DatabaseRetry}) and the queue keeps what is scored meanwhile, so the history catches up once the database
 * is back; what did not fit in the queue is counted, and said in the one line logged when the outage ends. A batch
 * the database refuses for what it holds is logged, counted in {@code vigil_history_write_failures_total} and dropped:
 * the history serves tuning and reports, it is not worth stopping detection for. Rows whose window ended before the
 * retention period are purged on a Quartz schedule.
 */
@Startup // its configuration is checked, and its writer started, when Vigil starts
@ApplicationScoped
public class ScoreHistory {

    private static final Logger LOG = Logger.getLogger(ScoreHistory.class);

    /** A score waiting to be written, or a flush waiting for everything queued before it. */
    private record Pending(Score score, Map<String, Double> features, double factor, CountDownLatch flushed) {
    }

    private final HistoryStore store;
    private final HistoryConfig config;
    private final Clock clock;
    private final BlockingQueue<Pending> queue;
    private final Counter written;
    private final Counter dropped;
    private final Counter failures;
    private final DatabaseRetry retry;
    /** What {@code dropped} counted when the ongoing outage started. */
    private double droppedBeforeOutage;
    private volatile boolean running = true;
    private Thread writer;

    @Inject
    public ScoreHistory(HistoryStore store, HistoryConfig config, MeterRegistry registry,
            @ConfigProperty(name = "vigil.database.retry.backoff", defaultValue = "500ms") Duration backoff,
            @ConfigProperty(name = "vigil.database.retry.max-backoff", defaultValue = "10s") Duration maxBackoff) {
        this(store, config, registry, Clock.systemUTC(), backoff, maxBackoff);
    }

    /** A history that waits out a database outage with a back-off from half a second to ten seconds. */
    public ScoreHistory(HistoryStore store, HistoryConfig config, MeterRegistry registry) {
        this(store, config, registry, Clock.systemUTC(), Duration.ofMillis(500), Duration.ofSeconds(10));
    }

    /** @param backoff the first wait of a database outage, doubled up to {@code maxBackoff} */
    public ScoreHistory(HistoryStore store, HistoryConfig config, MeterRegistry registry, Clock clock,
            Duration backoff, Duration maxBackoff) {
        if (config.queueCapacity() < 1 || config.batchSize() < 1 || config.flushInterval().isNegative()
                || config.retention().isNegative() || config.retention().isZero()) {
            throw new IllegalArgumentException("vigil.history: need queue-capacity >= 1, batch-size >= 1, flush-interval"
                    + " >= 0 and a positive retention, got queue-capacity=" + config.queueCapacity() + " batch-size="
                    + config.batchSize() + " flush-interval=" + config.flushInterval() + " retention=" + config.retention());
        }
        this.store = store;
        this.config = config;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        this.written = registry.counter("vigil.history.rows");
        this.dropped = registry.counter("vigil.history.dropped");
        this.failures = registry.counter("vigil.history.write.failures");
        registry.gauge("vigil.history.queued", queue, BlockingQueue::size);
        this.retry = new DatabaseRetry(LOG, backoff, maxBackoff, new DatabaseRetry.Outage() {
            @Override
            public String started() {
                droppedBeforeOutage = dropped.count();
                return String.format("the score history keeps the windows scored meanwhile in its queue (%d of %d"
                        + " taken); beyond it they are dropped and counted", queue.size(), config.queueCapacity());
            }

            @Override
            public String ended(Duration lasted) {
                long lost = Math.round(dropped.count() - droppedBeforeOutage);
                return lost == 0 ? "the score history kept every window scored meanwhile"
                        : String.format("the score history could not keep %d windows scored meanwhile: its queue of %d"
                                + " was full (vigil_history_dropped_total)", lost, config.queueCapacity());
            }
        }, clock);
    }

    /** Starts the writer thread (when the history is enabled); called once the bean is built. */
    @PostConstruct
    public void start() {
        if (!config.enabled()) {
            return;
        }
        writer = new Thread(this::writeLoop, "vigil-score-history");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Queues a scored window for the history, with the features and the threshold factor its score carries; returns
     * at once.
     *
     * @return whether it was queued (false: history off, or the queue full and the window dropped)
     */
    public boolean record(Score score) {
        if (writer == null) {
            return false;
        }
        if (!queue.offer(new Pending(score, score.features(), score.thresholdFactor(), null))) {
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

    /**
     * At shutdown, while the database is open: what is queued is written, then the writer stops. While the database
     * is unreachable nothing is waited for: what is queued is lost, and said so.
     */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (writer == null) {
            return;
        }
        Optional<Instant> outage = retry.outageSince();
        if (outage.isPresent()) {
            LOG.errorf("Score history: stopping while the database is unreachable (since %s): the %d windows queued,"
                    + " and the batch being written, are not kept", outage.get(), queue.size());
        } else {
            flush(Duration.ofSeconds(10));
        }
        retry.stop();
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
        return store.purgeBefore(cutoff);
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
            retry.run(attempt -> {
                store.insert(rows);
                return null;
            });
            written.increment(rows.size());
        } catch (SQLException e) {
            failures.increment();
            LOG.errorf("Score history: a batch of %d windows could not be written (%s); they are dropped", rows.size(),
                    e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping: the writer's loop ends at its next wait
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
}
