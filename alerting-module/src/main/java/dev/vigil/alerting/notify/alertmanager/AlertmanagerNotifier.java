package dev.vigil.alerting.notify.alertmanager;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.alerting.notify.Delivery;
import dev.vigil.alerting.notify.NotificationException;
import dev.vigil.alerting.notify.Notifier;
import dev.vigil.alerting.notify.http.HttpCalls;
import dev.vigil.alerting.notify.template.NotificationTemplate;
import dev.vigil.alerting.notify.template.NotificationTemplates;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Severity;

/**
 * Pushes alerts to one or more Prometheus Alertmanagers, as Prometheus does: {@code POST /api/v2/alerts} with a
 * list of postable alerts ({@code labels}, {@code annotations}, {@code startsAt}, {@code endsAt},
 * {@code generatorURL}), so an incident reaches every integration those Alertmanagers have, under their routing,
 * grouping, silences and inhibitions. The labels identify the incident (Alertmanager tells alerts apart by their
 * label set): {@code alertname} = detector, {@code severity}, {@code source}, {@code entity} and the alert's labels.
 * <p>
 * Alertmanager resolves an alert whose {@code endsAt} has passed. Prometheus sends a firing alert again every minute
 * with {@code endsAt} a few minutes ahead; Vigil tells a firing incident once (again on an upgrade or a repeat), so
 * its {@code endsAt} is {@code hold} ahead (24 h by default; the route's {@code repeat-interval} should be shorter,
 * each repeat pushing it on), and the resolve sends the incident's real {@code endsAt}. An upgrade to critical also
 * resolves the incident's warning alert, whose label set differs. Every Alertmanager of the list is sent every alert
 * (they do not share alerts among themselves); the notification is acknowledged once all took it, and a retry posts
 * again to all, which is harmless: Alertmanager merges an alert it has by its label set.
 * Retried: 429 (Retry-After), 408, 5xx, unreachable; a 400 (an alert Alertmanager refuses) is permanent.
 */
public class AlertmanagerNotifier implements Notifier {

    static final String PATH = "/api/v2/alerts";

    private final List<URI> alertmanagers;
    private final Optional<String> externalUrl;
    private final Duration hold;
    private final NotificationTemplates templates;
    private final Clock clock;
    private final ObjectMapper json;
    private final HttpCalls http;

    /**
     * @param alertmanagers each Alertmanager's base URL ({@code http://alertmanager:9093})
     * @param externalUrl   Vigil's URL as people reach it: {@code generatorURL} is {@code <it>/api/alerts/<id>}
     * @param hold          how far ahead a firing alert's {@code endsAt} is
     */
    public AlertmanagerNotifier(List<URI> alertmanagers, Optional<String> externalUrl, Duration hold,
            NotificationTemplates templates, Clock clock, ObjectMapper json) {
        this.alertmanagers = List.copyOf(alertmanagers);
        this.externalUrl = externalUrl.map(String::strip).filter(s -> !s.isEmpty());
        this.hold = hold;
        this.templates = templates;
        this.clock = clock;
        this.json = json;
        this.http = new HttpCalls("Alertmanager", json);
    }

    @Override
    public String name() {
        return "alertmanager";
    }

    @Override
    public Optional<String> misconfiguration() {
        if (alertmanagers.isEmpty()) {
            return Notifier.missing("alertmanager", "vigil.notify.alertmanager.urls");
        }
        if (hold.isNegative() || hold.isZero()) {
            return Optional.of("receiver 'alertmanager': hold must be longer than zero");
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> send(Delivery delivery) throws NotificationException {
        requireConfigured();
        ArrayNode alerts = alerts(delivery.alert(), clock.instant());
        for (URI alertmanager : alertmanagers) {
            HttpResponse<String> response = http.send(http.request(HttpCalls.join(alertmanager, PATH))
                    .header("Content-Type", "application/json").POST(http.jsonBody(alerts)).build());
            if (response.statusCode() / 100 != 2) {
                throw http.failure("POST " + PATH + " at " + alertmanager, response);
            }
        }
        return Optional.empty();
    }

    /** The postable alerts of one notification: the incident, and its warning alert resolved on an upgrade. */
    ArrayNode alerts(Alert alert, Instant now) {
        ArrayNode alerts = json.createArrayNode();
        boolean firing = alert.status() == AlertStatus.FIRING;
        alerts.add(postable(alert, alert.severity(), firing ? now.plus(hold) : alert.endsAt()));
        if (firing && alert.severity() == Severity.CRITICAL) {
            alerts.add(postable(alert, Severity.WARNING, now));
        }
        return alerts;
    }

    private ObjectNode postable(Alert alert, Severity severity, Instant endsAt) {
        ObjectNode postable = json.createObjectNode();
        ObjectNode labels = postable.putObject("labels");
        labels.put("alertname", alert.detector());
        labels.put("severity", severity.name().toLowerCase(Locale.ROOT));
        labels.put("source", alert.source());
        labels.put("entity", alert.entity());
        alert.labels().forEach((k, v) -> {
            if (!labels.has(k)) {
                labels.put(k, v);
            }
        });
        ObjectNode annotations = postable.putObject("annotations");
        annotations.put("summary", templates.render(NotificationTemplate.ALERTMANAGER_SUMMARY, alert));
        annotations.put("description", templates.render(NotificationTemplate.ALERTMANAGER_DESCRIPTION, alert));
        annotations.put("vigil_alert_id", alert.id());
        annotations.put("vigil_fingerprint", alert.fingerprint());
        postable.put("startsAt", alert.startsAt().toString());
        postable.put("endsAt", endsAt.toString());
        externalUrl.ifPresent(base -> postable.put("generatorURL", HttpCalls.join(URI.create(base),
                "/api/alerts/" + HttpCalls.encode(alert.id())).toString()));
        return postable;
    }
}
