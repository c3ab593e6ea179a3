package dev.vigil.alerting.notify.msteams;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
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
import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.Severity;

/**
 * Posts alerts to a Microsoft Teams channel through a Workflows (Power Automate) webhook, the "When a Teams webhook
 * request is received" trigger that replaced Office 365 connectors: a {@code message} whose one attachment is an
 * Adaptive Card ({@code application/vnd.microsoft.card.adaptive}): the title (templates {@code msteams-title.txt},
 * coloured by severity, green once resolved), the explanation ({@code msteams-text.txt}), the facts, and while firing
 * up to five evidence lines. The workflow answers 202 Accepted. A Workflows webhook has no idempotency key and no
 * message to edit, so a retry after a lost answer may post twice, as Slack's incoming webhook may.
 * Retried: 429 (Retry-After), 408, 5xx, unreachable; other 4xx (a deleted or disabled workflow) are permanent.
 */
public class MsTeamsNotifier implements Notifier {

    private static final int EVIDENCE_LINES = 5;

    private final Optional<URI> webhook;
    private final NotificationTemplates templates;
    private final ObjectMapper json;
    private final HttpCalls http;

    public MsTeamsNotifier(Optional<URI> webhook, NotificationTemplates templates, ObjectMapper json) {
        this.webhook = webhook;
        this.templates = templates;
        this.json = json;
        this.http = new HttpCalls("Teams workflow", json);
    }

    @Override
    public String name() {
        return "msteams";
    }

    @Override
    public Optional<String> misconfiguration() {
        return webhook.isPresent() ? Optional.empty() : Notifier.missing("msteams", "vigil.notify.msteams.webhook-url");
    }

    @Override
    public Optional<String> send(Delivery delivery) throws NotificationException {
        requireConfigured();
        HttpResponse<String> response = http.send(http.request(webhook.orElseThrow())
                .header("Content-Type", "application/json").POST(http.jsonBody(message(delivery.alert()))).build());
        if (response.statusCode() / 100 != 2) {
            throw http.failure("webhook", response);
        }
        return Optional.empty();
    }

    ObjectNode message(Alert alert) {
        ObjectNode message = json.createObjectNode().put("type", "message");
        ObjectNode attachment = message.putArray("attachments").addObject();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.putNull("contentUrl");
        ObjectNode card = attachment.putObject("content");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        card.putObject("msteams").put("width", "Full");
        ArrayNode body = card.putArray("body");
        boolean resolved = alert.status() == AlertStatus.RESOLVED;
        text(body, templates.render(NotificationTemplate.MSTEAMS_TITLE, alert)).put("size", "Large")
                .put("weight", "Bolder")
                .put("color", resolved ? "Good" : alert.severity() == Severity.CRITICAL ? "Attention" : "Warning");
        text(body, templates.render(NotificationTemplate.MSTEAMS_TEXT, alert));
        ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
        Explanation why = alert.explanation();
        fact(facts, "Source", alert.source());
        fact(facts, "Entity", alert.entity());
        fact(facts, "Detector", alert.detector());
        fact(facts, "Observed " + why.feature(), templates.render(NotificationTemplate.MSTEAMS_OBSERVED, alert));
        fact(facts, resolved ? "Resolved" : "Started", (resolved ? alert.endsAt() : alert.startsAt()).toString());
        fact(facts, "Alert id", alert.id());
        List<String> evidence = alert.explanation().evidence();
        if (!resolved && !evidence.isEmpty()) {
            text(body, "Evidence").put("weight", "Bolder");
            evidence.stream().limit(EVIDENCE_LINES).forEach(line -> text(body, line).put("fontType", "Monospace"));
        }
        return message;
    }

    private static ObjectNode text(ArrayNode body, String text) {
        return body.addObject().put("type", "TextBlock").put("text", text).put("wrap", true);
    }

    private static void fact(ArrayNode facts, String title, String value) {
        facts.addObject().put("title", title).put("value", value);
    }
}
