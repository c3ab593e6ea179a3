package dev.vigil.alerting.notify;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import dev.vigil.alerting.Alert;
import dev.vigil.alerting.AlertingEndpoints;
import dev.vigil.alerting.dispatch.Dispatcher;
import dev.vigil.alerting.dispatch.Notification;
import dev.vigil.alerting.outbox.DeliveryWorkers;
import dev.vigil.alerting.outbox.Outbox;
import dev.vigil.alerting.store.AlertStore;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The notification path: an alert is stored, then handed to the {@link Dispatcher}, whose stages (inhibit,
 * maintenance windows, silences, group wait, dedup, send, record: see
 * {@link dev.vigil.alerting.dispatch.NotificationPipeline}) decide which receiver of the routing tree is told what;
 * a timer flushes groups whose group wait, interval or repeat interval has elapsed. What they decide is written to
 * the {@link Outbox} before anyone is told; the {@link DeliveryWorkers}, one per receiver, then deliver it with
 * retries, so a receiver that is down delays nobody else and a restart loses nothing. Every hour the delivery log
 * forgets what finished longer than {@code vigil.notify.delivery.retention} ago.
 */
@ApplicationScoped
public class NotificationRoutes extends RouteBuilder {

    /** How often the delivery log is cut to {@code vigil.notify.delivery.retention}. */
    private static final long RETENTION_CHECK_MS = 3_600_000;

    private final AlertStore store;
    private final Outbox outbox;
    private final DeliveryWorkers workers;
    private final MeterRegistry registry;
    private final Dispatcher dispatcher;
    private final long groupCheckMs;
    private final Duration retention;

    public NotificationRoutes(AlertStore store, Outbox outbox, DeliveryWorkers workers, MeterRegistry registry,
            Dispatcher dispatcher,
            @ConfigProperty(name = "vigil.alerting.group-check-ms", defaultValue = "1000") long groupCheckMs,
            @ConfigProperty(name = "vigil.notify.delivery.retention", defaultValue = "30d") Duration retention) {
        this.store = store;
        this.outbox = outbox;
        this.workers = workers;
        this.registry = registry;
        this.dispatcher = dispatcher;
        this.groupCheckMs = groupCheckMs;
        this.retention = retention;
    }

    @Override
    public void configure() {
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

    private void store(Exchange exchange) throws Exception {
        Alert alert = exchange.getMessage().getBody(Alert.class);
        store.save(alert);
        registry.counter("vigil.alerts", "status", alert.status().name(), "severity", alert.severity().name(),
                "source", alert.source()).increment();
    }

    /**
     * One decision of the dispatcher and its storing, together: an arriving alert and the timer never interleave, so
     * the notification log stored last is the dispatcher's latest.
     */
    private synchronized void dispatch(Supplier<List<Notification>> decide) throws SQLException {
        List<Notification> told = decide.get();
        if (!told.isEmpty()) {
            outbox.enqueue(told);
            workers.wake();
        }
    }
}
