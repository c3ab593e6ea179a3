package dev.vigil.alerting.notify;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.vigil.alerting.Alert;
import dev.vigil.alerting.AlertingEndpoints;
import dev.vigil.alerting.dispatch.Dispatcher;
import dev.vigil.alerting.dispatch.Notification;
import dev.vigil.alerting.store.AlertStore;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The notification path: an alert is stored, then handed to the {@link Dispatcher}, whose stages (inhibit,
 * maintenance windows, silences, group wait, dedup, send, record: see
 * {@link dev.vigil.alerting.dispatch.NotificationPipeline}) decide which receiver of the routing tree is told what;
 * a timer flushes groups whose group wait, interval or repeat interval has elapsed. Each receiver is told through
 * its own route with its own retries, so a receiver that is down delays nobody else. Retryable failures are
 * retried with exponential back-off (a {@code Retry-After} the receiver sent overrides the delay); a permanent
 * failure or exhausted retries is logged and counted as {@code vigil_notifications_total{outcome=failed}}.
 */
@ApplicationScoped
public class NotificationRoutes extends RouteBuilder {

    private static final String RECEIVER = "VigilReceiver";

    private final AlertStore store;
    private final Map<String, Notifier> receivers;
    private final MeterRegistry registry;
    private final int maxRetries;
    private final Dispatcher dispatcher;
    private final long groupCheckMs;

    public NotificationRoutes(AlertStore store, Instance<Notifier> notifiers, MeterRegistry registry,
            Dispatcher dispatcher,
            @ConfigProperty(name = "vigil.notify.receivers") List<String> receiverNames,
            @ConfigProperty(name = "vigil.notify.max-retries") int maxRetries,
            @ConfigProperty(name = "vigil.alerting.group-check-ms", defaultValue = "1000") long groupCheckMs) {
        Map<String, Notifier> known = notifiers.stream().collect(Collectors.toMap(Notifier::name, Function.identity()));
        this.receivers = receiverNames.stream().map(String::strip).collect(Collectors.toMap(Function.identity(), name -> {
            Notifier notifier = known.get(name);
            if (notifier == null) {
                throw new IllegalStateException("vigil.notify.receivers names unknown receiver '" + name
                        + "'; known receivers: " + known.keySet());
            }
            notifier.misconfiguration().ifPresent(problem -> {
                throw new IllegalStateException(problem);
            });
            return notifier;
        }));
        this.store = store;
        this.registry = registry;
        this.maxRetries = maxRetries;
        this.dispatcher = dispatcher;
        this.groupCheckMs = groupCheckMs;
    }

    @Override
    public void configure() {
        from(AlertingEndpoints.ALERTS).routeId("alerts")
                .process(this::store)
                .process(e -> e.getMessage().setBody(dispatcher.accept(e.getMessage().getBody(Alert.class), java.time.Instant.now())))
                .to("direct:vigil-notifications");

        from("timer:vigil-alert-groups?period=" + groupCheckMs).routeId("flush-alert-groups")
                .process(e -> e.getMessage().setBody(dispatcher.flush(java.time.Instant.now())))
                .to("direct:vigil-notifications");

        from("direct:vigil-notifications").routeId("notifications")
                .split(body())
                    .process(e -> {
                        Notification n = e.getMessage().getBody(Notification.class);
                        e.getMessage().setHeader(RECEIVER, n.receiver());
                        e.getMessage().setBody(n.alert());
                    })
                    .toD("direct:notify-${header." + RECEIVER + "}")
                .end();

        receivers.forEach((name, notifier) -> from(receiverEndpoint(name)).routeId("notify-" + name)
                .onException(NotificationException.class)
                    .onWhen(e -> e.getProperty(Exchange.EXCEPTION_CAUGHT, NotificationException.class).retryable())
                    .maximumRedeliveries(maxRetries).redeliveryDelay(1000).useExponentialBackOff().backOffMultiplier(2)
                    .asyncDelayedRedelivery().retryAttemptedLogLevel(org.apache.camel.LoggingLevel.WARN)
                    .handled(true).process(e -> failed(name, e))
                .end()
                .onException(Exception.class).handled(true).process(e -> failed(name, e)).end()
                .process(e -> send(notifier, e)));
    }

    private void store(Exchange exchange) throws Exception {
        Alert alert = exchange.getMessage().getBody(Alert.class);
        store.save(alert);
        registry.counter("vigil.alerts", "status", alert.status().name(), "severity", alert.severity().name(),
                "source", alert.source()).increment();
    }

    private void send(Notifier notifier, Exchange exchange) throws NotificationException {
        try {
            notifier.send(exchange.getMessage().getBody(Alert.class));
            registry.counter("vigil.notifications", "receiver", notifier.name(), "outcome", "sent").increment();
        } catch (NotificationException e) {
            // Camel's redelivery waits for this header when present; clear it so back-off resumes after a Retry-After.
            e.retryAfter().ifPresentOrElse(
                    wait -> exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, wait.toMillis()),
                    () -> exchange.getMessage().removeHeader(Exchange.REDELIVERY_DELAY));
            throw e;
        }
    }

    private void failed(String receiver, Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Alert alert = exchange.getMessage().getBody(Alert.class);
        registry.counter("vigil.notifications", "receiver", receiver, "outcome", "failed").increment();
        log.error("Receiver {} did not take alert {}: {}", receiver, alert == null ? "?" : alert.id(),
                cause == null ? "unknown" : cause.getMessage());
    }

    private static String receiverEndpoint(String receiver) {
        return "direct:notify-" + receiver;
    }
}
