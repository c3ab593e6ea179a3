package dev.vigil.alerting.notify.pagerduty;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.alerting.notify.Delivery;
import dev.vigil.alerting.notify.NotificationException;
import dev.vigil.alerting.notify.Notifier;
import dev.vigil.alerting.notify.http.HttpCalls;
import dev.vigil.alerting.notify.template.NotificationTemplate;
import dev.vigil.alerting.notify.template.NotificationTemplates;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends alerts to PagerDuty's Events API v2 ({@code POST /v2/enqueue}): a {@code trigger} event while firing, a
 * {@code resolve} event once resolved, both with {@code dedup_key} = the alert's fingerprint, so a retried trigger
 * lands on the same PagerDuty alert and the resolve closes it: PagerDuty's own idempotency, which is why the key is
 * the incident's rather than the outbox's per-notification key (a resolve must name what its trigger named). The
 * payload's {@code custom_details} carry the explanation, its findings and evidence and the outbox's
 * {@code idempotency_key}. PagerDuty answers 202 when it accepted the event;
 * 400 (invalid event) is permanent, 429 and 5xx are retried (PagerDuty asks for a retry "after some time").
 * The routing key is a secret: it travels only in the request body and is never logged.
 */
@ApplicationScoped
public class PagerDutyNotifier implements Notifier {

    static final URI EVENTS_URL = URI.create("https://events.pagerduty.com/v2/enqueue");
    /** Events API v2 limits. */
    private static final int SUMMARY_MAX = 1024;
    private static final int DEDUP_MAX = 255;

    private final Optional<String> routingKey;
    private final URI url;
    private final ObjectMapper json;
    private final NotificationTemplates templates;
    private final HttpCalls http;

    public PagerDutyNotifier(@ConfigProperty(name = "vigil.notify.pagerduty.routing-key") Optional<String> routingKey,
            @ConfigProperty(name = "vigil.notify.pagerduty.url", defaultValue = "https://events.pagerduty.com/v2/enqueue") URI url,
            ObjectMapper json, NotificationTemplates templates) {
        this.templates = templates;
        this.routingKey = routingKey.map(String::strip).filter(k -> !k.isEmpty());
        this.url = url;
        this.json = json;
        this.http = new HttpCalls("PagerDuty", json);
    }

    @Override
    public String name() {
        return "pagerduty";
    }

    @Override
    public Optional<String> misconfiguration() {
        return routingKey.isPresent() ? Optional.empty()
                : Notifier.missing("pagerduty", "vigil.notify.pagerduty.routing-key");
    }

    @Override
    public Optional<String> send(Delivery delivery) throws NotificationException {
        Alert alert = delivery.alert();
        String key = routingKey.orElseThrow(() -> NotificationException.permanent(misconfiguration().orElseThrow()));
        HttpResponse<String> response = http.send(http.request(url)
                .header("Content-Type", "application/json")
                .POST(http.jsonBody(event(key, delivery)))
                .build());
        if (response.statusCode() == 202) {
            return Optional.of(dedupKey(alert)); // PagerDuty answers with the dedup_key it was sent
        }
        throw http.failure(alert.status() == AlertStatus.FIRING ? "trigger" : "resolve", response);
    }

    ObjectNode event(String key, Delivery delivery) {
        Alert alert = delivery.alert();
        ObjectNode event = json.createObjectNode();
        event.put("routing_key", key);
        event.put("dedup_key", dedupKey(alert));
        if (alert.status() == AlertStatus.RESOLVED) {
            event.put("event_action", "resolve");
            return event;
        }
        event.put("event_action", "trigger");
        event.put("client", "Vigil");
        Explanation why = alert.explanation();
        ObjectNode payload = event.putObject("payload");
        payload.put("summary", HttpCalls.cut(templates.render(NotificationTemplate.PAGERDUTY_SUMMARY, alert), SUMMARY_MAX));
        payload.put("source", alert.entity());
        payload.put("severity", severity(alert.severity()));
        payload.put("timestamp", alert.startsAt().toString());
        payload.put("component", why.feature());
        payload.put("group", alert.source());
        payload.put("class", alert.detector());
        ObjectNode details = payload.putObject("custom_details");
        details.put("alert_id", alert.id());
        details.put("fingerprint", alert.fingerprint());
        details.put("idempotency_key", delivery.idempotencyKey());
        details.put("feature", why.feature());
        details.put("observed", why.observed());
        details.put("expected", why.expected());
        details.put("scale", why.scale());
        var findings = details.putArray("findings");
        for (Finding f : why.findings()) {
            findings.addObject().put("scorer", f.scorer()).put("statistic", f.statistic()).put("limit", f.limit())
                    .put("description", f.description());
        }
        var evidence = details.putArray("evidence");
        why.evidence().forEach(evidence::add);
        ObjectNode labels = details.putObject("labels");
        alert.labels().forEach(labels::put);
        return event;
    }

    private static String dedupKey(Alert alert) {
        return HttpCalls.cut(alert.fingerprint(), DEDUP_MAX);
    }

    /** PagerDuty's four severities; Vigil has two. */
    static String severity(Severity severity) {
        return severity == Severity.CRITICAL ? "critical" : "warning";
    }
}
