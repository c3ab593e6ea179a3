package dev.vigil.alerting;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import dev.vigil.alerting.AlertingEndpoints;
import dev.vigil.alerting.dispatch.Dispatcher;
import dev.vigil.alerting.dispatch.Notification;
import dev.vigil.alerting.outbox.DeliveryWorkers;
import dev.vigil.alerting.outbox.Outbox;
import dev.vigil.alerting.store.AlertStore;
import dev.vigil.alerting.store.DatabaseRetry;
import dev.vigil.contracts.Alert;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.seda.SedaEndpoint;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The notification path: an alert is stored, then handed to the {@link Dispatcher}, whose stages (inhibit,
 * maintenance windows, silences, group wait, dedup, send, record: see
 * {@link dev.vigil.alerting.dispatch.NotificationPipeline}) decide which receiver of the routing tree is told what;
 * a timer flushes groups whose group wait, interval or repeat interval has elapsed. What they decide is written to
 * the {@link Outbox} before anyone is told; the {@link DeliveryWorkers}, one per receiver, then deliver it with
 * retries, so a receiver that is down delays nobody else and a restart loses nothing. Every hour the delivery log
 * forgets what finished longer than {@code vigil.notify.delivery.retention} ago.
 * <p>
 * While the database is unreachable, nothing is dropped and nothing is decided twice: the alert in hand waits (its
 * store, or the outbox write of what the dispatcher decided for it, is tried again with back-off,
 * {@link DatabaseRetry}), the alerts after it wait in order in {@link AlertingEndpoints#ALERTS}, and once that queue
 * is full the sources that hand alerts on wait too. A decision of the dispatcher is kept until the outbox holds it,
 * so what the dispatcher remembers having told is always what is stored. The outage is logged when it starts and
 * when it ends, and {@code vigil_alerts_waiting} counts the alerts queued meanwhile.
 */
@ApplicationScoped
public class NotificationRoutes extends RouteBuilder {

    private static final Logger LOG = Logger.getLogger(NotificationRoutes.class);
    /** How often the delivery log is cut to {@code vigil.notify.delivery.retention}. */
    private static final long RETENTION_CHECK_MS = 3_600_000;

    private final AlertStore store;
    private final Outbox outbox;
    private final DeliveryWorkers workers;
    private final MeterRegistry registry;
    private final Dispatcher dispatcher;
    private final long groupCheckMs;
    private final Duration retention;
    private final DatabaseRetry retry;
    private volatile SedaEndpoint alerts;

    public NotificationRoutes(AlertStore store, Outbox outbox, DeliveryWorkers workers, MeterRegistry registry,
            Dispatcher dispatcher,
            @ConfigProperty(name = "vigil.alerting.group-check-ms", defaultValue = "1000") long groupCheckMs,
            @ConfigProperty(name = "vigil.notify.delivery.retention", defaultValue = "30d") Duration retention,
            @ConfigProperty(name = "vigil.database.retry.backoff", defaultValue = "500ms") Duration backoff,
            @ConfigProperty(name = "vigil.database.retry.max-backoff", defaultValue = "10s") Duration maxBackoff) {
        this.store = store;
        this.outbox = outbox;
        this.workers = workers;
        this.registry = registry;
        this.dispatcher = dispatcher;
        this.groupCheckMs = groupCheckMs;
        this.retention = retention;
        this.retry = new DatabaseRetry(LOG, backoff, maxBackoff, new DatabaseRetry.Outage() {
            @Override
            public String started() {
                return "alerts wait in memory, in order, to be stored and told once it is back (" + waiting()
                        + " queued; beyond " + alerts.getSize() + " the sources are held back)";
            }

            @Override
            public String ended(Duration lasted) {
                return "the " + waiting() + " alerts queued are stored and told now";
            }
        });
        registry.gauge("vigil.alerts.waiting", this, NotificationRoutes::waiting);
    }

    @Override
    public void configure() {
        alerts = getContext().getEndpoint(AlertingEndpoints.ALERTS, SedaEndpoint.class);
        from(AlertingEndpoints.ALERTS).routeId("alerts")
                .process(this::store)
                .process(e -> dispatch(() -> dispatcher.accept(e.getMessage().getBody(Alert.class), Instant.now())));

        from("timer:vigil-alert-groups?period=" + groupCheckMs).routeId("flush-alert-groups")
                .process(e -> dispatch(() -> dispatcher.flush(Instant.now())));

        from("timer:vigil-delivery-log-retention?delay=60000&period=" + RETENTION_CHECK_MS).routeId("delivery-log-retention")
                .process(e -> {
                    int forgotten = outbox.prune(Instant.now().minus(retention));
                    if (forgotten > 0) {
                        log.info("Delivery log: forgot {} deliveries older than {}", forgotten, retention);
                    }
                });
    }

    /** Stores the alert, waiting while the database is unreachable; a stale firing state ends its way here. */
    private void store(Exchange exchange) throws SQLException, InterruptedException {
        Alert alert = exchange.getMessage().getBody(Alert.class);
        if (!retry.run(attempt -> store.save(alert))) {
            LOG.warnf("Alert %s (%s) was resolved already: a firing state of it that came after its resolve is not told",
                    alert.id(), alert.entity());
            exchange.setRouteStop(true);
            return;
        }
        registry.counter("vigil.alerts", "status", alert.status().name(), "severity", alert.severity().name(),
                "source", alert.source()).increment();
    }

    /**
     * One decision of the dispatcher and its storing, together: an arriving alert and the timer never interleave, so
     * the notification log stored last is the dispatcher's latest. The decision is kept until the outbox holds it.
     */
    private synchronized void dispatch(Supplier<List<Notification>> decide) throws SQLException, InterruptedException {
        List<Notification> told = decide.get();
        if (!told.isEmpty()) {
            outbox.enqueue(told, retry);
            workers.wake();
        }
    }

    /** Alerts queued for this route: what waits while the database is unreachable. */
    private int waiting() {
        SedaEndpoint queue = alerts;
        return queue == null ? 0 : queue.getCurrentQueueSize();
    }

    /**
     * At shutdown, before the database closes: an outage is waited for no longer, and what waited for it is said to
     * be lost (alerts still firing are restored from the database at the next start and go on).
     */
    void stop(@Observes ShutdownEvent event) {
        retry.stop();
        retry.outageSince().ifPresent(since -> LOG.errorf("Stopping while the database is unreachable (since %s): the %d"
                + " alerts queued for it, and the one in hand, are neither stored nor told", since, waiting()));
    }
}
