package dev.vigil.alerting.notify.camel;

import java.util.Optional;

import dev.vigil.alerting.notify.Delivery;
import dev.vigil.alerting.notify.NotificationException;
import dev.vigil.alerting.notify.Notifier;
import dev.vigil.alerting.store.AlertJson;
import dev.vigil.contracts.Alert;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.FailedToCreateProducerException;
import org.apache.camel.NoSuchEndpointException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ResolveEndpointFailedException;

/**
 * Hands each notification to any Camel endpoint ({@code uri}: {@code kafka:alerts?brokers=...},
 * {@code file:/var/spool/vigil}, {@code jms:queue:alerts}, a {@code direct:} route of one's own, ...): the body is
 * the alert as JSON (the shape {@code /api/alerts/{id}} serves), with the headers {@code VigilIdempotencyKey}
 * ({@code <fingerprint>:<firing|resolved>:<sequence>}, the same for every attempt, e.g. for a {@code file:} endpoint's
 * {@code fileName=${header.VigilIdempotencyKey}.json} or an idempotent consumer), {@code VigilAlertId},
 * {@code VigilFingerprint} and {@code VigilStatus}. The endpoint is resolved at start, so an unknown scheme or a bad
 * option stops Vigil naming the receiver. A failure of the exchange (a broker down, a disk full) is retried; an
 * endpoint that cannot be made is permanent.
 */
public class CamelNotifier implements Notifier {

    public static final String IDEMPOTENCY_KEY = "VigilIdempotencyKey";
    public static final String ALERT_ID = "VigilAlertId";
    public static final String FINGERPRINT = "VigilFingerprint";
    public static final String STATUS = "VigilStatus";

    private final Optional<String> uri;
    private final CamelContext camel;
    private final AlertJson json;
    private volatile ProducerTemplate producer;

    public CamelNotifier(Optional<String> uri, CamelContext camel, AlertJson json) {
        this.uri = uri.map(String::strip).filter(s -> !s.isEmpty());
        this.camel = camel;
        this.json = json;
    }

    @Override
    public String name() {
        return "camel";
    }

    @Override
    public Optional<String> misconfiguration() {
        if (uri.isEmpty()) {
            return Notifier.missing("camel", "vigil.notify.camel.uri");
        }
        try {
            camel.getEndpoint(uri.get());
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("receiver 'camel': uri " + uri.get() + " is not an endpoint Camel can make: "
                    + e.getMessage());
        }
    }

    @Override
    public Optional<String> send(Delivery delivery) throws NotificationException {
        requireConfigured();
        Alert alert = delivery.alert();
        Exchange sent;
        try {
            sent = producer().send(uri.get(), exchange -> {
                exchange.getMessage().setBody(json.write(alert));
                exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
                exchange.getMessage().setHeader(IDEMPOTENCY_KEY, delivery.idempotencyKey());
                exchange.getMessage().setHeader(ALERT_ID, alert.id());
                exchange.getMessage().setHeader(FINGERPRINT, alert.fingerprint());
                exchange.getMessage().setHeader(STATUS, alert.status().name());
            });
        } catch (NoSuchEndpointException | ResolveEndpointFailedException | FailedToCreateProducerException e) {
            throw NotificationException.permanent("Camel endpoint " + uri.get() + ": " + e.getMessage());
        }
        Exception failure = sent.getException();
        if (failure instanceof ResolveEndpointFailedException || failure instanceof FailedToCreateProducerException) {
            throw NotificationException.permanent("Camel endpoint " + uri.get() + ": " + failure.getMessage());
        }
        if (failure != null) {
            throw NotificationException.retryable("Camel endpoint " + uri.get() + " failed: " + failure, null, failure);
        }
        return Optional.empty();
    }

    private ProducerTemplate producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = camel.createProducerTemplate();
                }
            }
        }
        return producer;
    }
}
