package dev.vigil.alerting.notify.opsgenie;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
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
import dev.vigil.contracts.Severity;

/**
 * Opsgenie's Alert API v2 with an API integration's key ({@code Authorization: GenieKey <key>}): a firing incident is
 * {@code POST /v2/alerts} with {@code alias} = the fingerprint, which Opsgenie de-duplicates on (a create for an open
 * alert of that alias only counts it again, so a retried or repeated create never opens a twin); its resolve is
 * {@code POST /v2/alerts/<fingerprint>/close?identifierType=alias}. Message, description and the close note come from
 * the templates {@code opsgenie-message.txt}, {@code opsgenie-description.txt} and {@code opsgenie-close-note.txt}; the
 * priority is P1 for a critical alert and P3 for a warning; {@code details} carry the alert id, the idempotency key
 * and the labels. Opsgenie processes requests asynchronously and answers 202 with a {@code requestId}, kept as the
 * delivery's reference. Retried: 429 (Retry-After), 408, 5xx, unreachable; 4xx (a revoked key, a bad payload)
 * permanent.
 */
public class OpsgenieNotifier implements Notifier {

    /** Opsgenie's limits: message 130 characters, alias and entity 512, description 15,000. */
    private static final int MESSAGE_MAX = 130;
    private static final int ENTITY_MAX = 512;
    private static final int DESCRIPTION_MAX = 15_000;

    private final Optional<String> apiKey;
    private final URI api;
    private final List<String> responderTeams;
    private final NotificationTemplates templates;
    private final ObjectMapper json;
    private final HttpCalls http;

    /**
     * @param api            {@code https://api.opsgenie.com}, or {@code https://api.eu.opsgenie.com} for the EU instance
     * @param responderTeams the teams (by name) Opsgenie routes the alert to; empty: the integration's own routing
     */
    public OpsgenieNotifier(Optional<String> apiKey, URI api, List<String> responderTeams,
            NotificationTemplates templates, ObjectMapper json) {
        this.apiKey = apiKey.map(String::strip).filter(k -> !k.isEmpty());
        this.api = api;
        this.responderTeams = List.copyOf(responderTeams);
        this.templates = templates;
        this.json = json;
        this.http = new HttpCalls("Opsgenie", json);
    }

    @Override
    public String name() {
        return "opsgenie";
    }

    @Override
    public Optional<String> misconfiguration() {
        return apiKey.isPresent() ? Optional.empty() : Notifier.missing("opsgenie", "vigil.notify.opsgenie.api-key");
    }

    /** @return Opsgenie's {@code requestId} for the create or close */
    @Override
    public Optional<String> send(Delivery delivery) throws NotificationException {
        requireConfigured();
        Alert alert = delivery.alert();
        boolean firing = alert.status() == AlertStatus.FIRING;
        String path = firing ? "/v2/alerts"
                : "/v2/alerts/" + HttpCalls.encode(alert.fingerprint()) + "/close?identifierType=alias";
        ObjectNode body = firing ? create(delivery) : close(alert);
        HttpResponse<String> response = http.send(http.request(HttpCalls.join(api, path))
                .header("Authorization", "GenieKey " + apiKey.orElseThrow())
                .header("Content-Type", "application/json").POST(http.jsonBody(body)).build());
        if (response.statusCode() / 100 != 2) {
            throw http.failure(firing ? "create alert" : "close alert", response);
        }
        String requestId = http.read(response).path("requestId").asText("");
        return requestId.isEmpty() ? Optional.empty() : Optional.of(requestId);
    }

    ObjectNode create(Delivery delivery) {
        Alert alert = delivery.alert();
        ObjectNode body = json.createObjectNode();
        body.put("message", HttpCalls.cut(templates.render(NotificationTemplate.OPSGENIE_MESSAGE, alert)
                .replaceAll("[\\r\\n]+", " "), MESSAGE_MAX));
        body.put("alias", alert.fingerprint());
        body.put("description", HttpCalls.cut(templates.render(NotificationTemplate.OPSGENIE_DESCRIPTION, alert),
                DESCRIPTION_MAX));
        if (!responderTeams.isEmpty()) {
            responderTeams.forEach(team -> body.withArray("responders").addObject().put("type", "team").put("name", team));
        }
        body.putArray("tags").add("vigil").add(alert.detector())
                .add(alert.severity().name().toLowerCase(Locale.ROOT));
        ObjectNode details = body.putObject("details");
        details.put("alert_id", alert.id());
        details.put("idempotency_key", delivery.idempotencyKey());
        details.put("source", alert.source());
        details.put("detector", alert.detector());
        alert.labels().forEach((k, v) -> {
            if (!details.has(k)) {
                details.put(k, v);
            }
        });
        body.put("entity", HttpCalls.cut(alert.entity(), ENTITY_MAX));
        body.put("source", "Vigil");
        body.put("priority", alert.severity() == Severity.CRITICAL ? "P1" : "P3");
        return body;
    }

    private ObjectNode close(Alert alert) {
        ObjectNode body = json.createObjectNode();
        body.put("source", "Vigil");
        body.put("note", templates.render(NotificationTemplate.OPSGENIE_CLOSE_NOTE, alert));
        return body;
    }
}
