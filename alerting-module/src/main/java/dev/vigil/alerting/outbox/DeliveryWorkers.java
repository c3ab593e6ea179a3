package dev.vigil.alerting.outbox;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;

import dev.vigil.alerting.notify.Notifier;
import dev.vigil.alerting.store.DatabaseRetry;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

/**
 * One {@link DeliveryWorker} per receiver, each on its own thread ({@code vigil-deliver-<receiver>}): it drains its
 * receiver's queue every {@code poll} and as soon as {@link #wake()} says something was written. At start, whatever
 * a previous run left pending is resumed, first; at stop, the attempt in flight finishes (briefly), else is
 * interrupted: what was not acknowledged stays pending. While the database is unreachable the workers look again after
 * a back-off ({@link DatabaseRetry}, one for all of them, so the outage is logged once when it starts and once when it
 * ends), and an acknowledgement waits until it is stored, so a delivery told is not told again.
 */
public final class DeliveryWorkers {

    private static final Logger LOG = Logger.getLogger(DeliveryWorkers.class);
    /** How long an interrupted attempt gets to unwind, so nothing touches the database after stop returns. */
    private static final long INTERRUPTED_WAIT_MS = 2_000;

    private final Outbox outbox;
    private final List<DeliveryWorker> workers = new ArrayList<>();
    private final Map<String, ScheduledExecutorService> threads = new ConcurrentHashMap<>();
    private final Map<String, AtomicBoolean> woken = new ConcurrentHashMap<>();
    private final long pollMs;
    private final DatabaseRetry database;
    private boolean stopped;

    /** Workers that wait out a database outage with a back-off from half a second to ten seconds. */
    public DeliveryWorkers(Map<String, Notifier> receivers, Outbox outbox, MeterRegistry registry, Clock clock,
            long pollMs) {
        this(receivers, outbox, registry, clock, pollMs, Duration.ofMillis(500), Duration.ofSeconds(10));
    }

    /** @param backoff the first wait of a database outage, doubled up to {@code maxBackoff} */
    public DeliveryWorkers(Map<String, Notifier> receivers, Outbox outbox, MeterRegistry registry, Clock clock,
            long pollMs, Duration backoff, Duration maxBackoff) {
        this.outbox = outbox;
        this.pollMs = pollMs;
        this.database = new DatabaseRetry(LOG, backoff, maxBackoff, new DatabaseRetry.Outage() {
            @Override
            public String started() {
                return "deliveries wait; what is pending stays in the outbox";
            }

            @Override
            public String ended(Duration lasted) {
                return "deliveries go on";
            }
        }, clock);
        RandomGenerator random = RandomGenerator.getDefault();
        receivers.forEach((address, n) -> workers.add(new DeliveryWorker(address, n, outbox, registry, clock, random,
                database)));
    }

    /** Starts every worker; once. */
    public synchronized void start() {
        if (stopped) {
            throw new IllegalStateException("delivery workers are not restarted: make new ones");
        }
        if (!threads.isEmpty()) {
            return;
        }
        try {
            int pending = outbox.pendingCount();
            if (pending > 0) {
                LOG.infof("Resuming %d notifications a previous run did not see acknowledged", pending);
            }
        } catch (SQLException e) {
            LOG.errorf(e, "Could not count the pending notifications; the workers will find them");
        }
        for (DeliveryWorker worker : workers) {
            ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "vigil-deliver-" + worker.receiver());
                t.setDaemon(true);
                return t;
            });
            woken.put(worker.receiver(), new AtomicBoolean());
            threads.put(worker.receiver(), thread);
            thread.scheduleWithFixedDelay(worker::drain, 0, pollMs, TimeUnit.MILLISECONDS);
        }
    }

    /** Something was written to the outbox: every worker looks now rather than at its next poll. */
    public void wake() {
        for (DeliveryWorker worker : workers) {
            ScheduledExecutorService thread = threads.get(worker.receiver());
            AtomicBoolean queued = woken.get(worker.receiver());
            if (thread != null && queued.compareAndSet(false, true)) {
                try {
                    thread.execute(() -> {
                        queued.set(false);
                        worker.drain();
                    });
                } catch (java.util.concurrent.RejectedExecutionException stopped) {
                    queued.set(false);
                }
            }
        }
    }

    /**
     * Stops every worker: an attempt in flight gets {@code grace} to finish, then is interrupted (it stays pending and
     * is resumed by the next start; with a zero grace this is what a crash does).
     */
    public synchronized void stop(Duration grace) {
        stopped = true;
        database.stop();
        workers.forEach(DeliveryWorker::stop);
        threads.values().forEach(ScheduledExecutorService::shutdown);
        for (Map.Entry<String, ScheduledExecutorService> thread : threads.entrySet()) {
            try {
                if (!thread.getValue().awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warnf("Delivery to %s still busy at shutdown: interrupted, it stays pending", thread.getKey());
                    thread.getValue().shutdownNow();
                    thread.getValue().awaitTermination(INTERRUPTED_WAIT_MS, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                thread.getValue().shutdownNow();
            }
        }
        threads.clear();
    }
}
