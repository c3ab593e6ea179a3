package dev.vigil.alerting.notify.webhook;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import dev.vigil.contracts.Finding;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * POSTs each alert as JSON shaped like Alertmanager's webhook (version "4": {@code status}, {@code alerts[]} with
 * {@code labels}, {@code annotations}, {@code startsAt}, {@code endsAt}, {@code fingerprint}, plus the group fields),
 * so tools that read Alertmanager webhooks read Vigil's, and adds Vigil's explanation under {@code vigil}.
 * With a secret configured, {@code X-Vigil-Signature: sha256=<hex HMAC-SHA256 of the exact body>} lets the receiver
 * check the sender; {@code Idempotency-Key: <fingerprint>:<firing|resolved>:<sequence>} (the outbox's key, the same
 * for every attempt at one notification) lets it drop a retried delivery. The explanation's evidence (example lines,
 * facts) travels in {@code vigil.explanation.evidence}.
 * 2xx is success; 408, 429 (honouring {@code Retry-After}) and 5xx are retried; other 4xx are permanent.
 */
@ApplicationScoped
public class WebhookNotifier implements Notifier {

    static final String SIGNATURE_HEADER = "X-Vigil-Signature";
    /** Alertmanager's zero time for a firing alert's endsAt. */
    private static final String NOT_ENDED = "0001-01-01T00:00:00Z";

    private final Optional<URI> url;
    private final Optional<String> secret;
    private final ObjectMapper json;
    private final NotificationTemplates templates;
    private final HttpCalls http;

    public WebhookNotifier(@ConfigProperty(name = "vigil.notify.webhook.url") Optional<URI> url,
            @ConfigProperty(name = "vigil.notify.webhook.secret") Optional<String> secret, ObjectMapper json,
            NotificationTemplates templates) {
        this.templates = templates;
        this.url = url;
        this.secret = secret.filter(s -> !s.isEmpty());
        this.json = json;
        this.http = new HttpCalls("webhook", json);
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public Optional<String> misconfiguration() {
        return url.isPresent() ? Optional.empty()
                : Notifier.missing("webhook", "vigil.notify.webhook.url");
    }

    @Override
    public Optional<String> send(Delivery delivery) throws NotificationException {
        Alert alert = delivery.alert();
        URI target = url.orElseThrow(() -> NotificationException.permanent(misconfiguration().orElseThrow()));
        byte[] body;
        try {
            body = json.writeValueAsBytes(payload(alert));
        } catch (JsonProcessingException e) {
            throw NotificationException.permanent("could not write the webhook body: " + e.getOriginalMessage());
        }
        HttpRequest.Builder request = http.request(target)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Idempotency-Key", delivery.idempotencyKey())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        secret.ifPresent(key -> request.header(SIGNATURE_HEADER, signature(key, body)));
        HttpResponse<String> response = http.send(request.build());
        if (response.statusCode() / 100 == 2) {
            return Optional.empty();
        }
        throw http.failure("POST", response);
    }

    /** {@code sha256=} and the lowercase hex HMAC-SHA256 of the body under the secret (UTF-8). */
    public static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
        }
    }

    ObjectNode payload(Alert alert) {
        String status = alert.status() == AlertStatus.FIRING ? "firing" : "resolved";
        ObjectNode labels = json.createObjectNode();
        labels.put("alertname", alert.detector());
        labels.put("severity", alert.severity().name().toLowerCase());
        labels.put("source", alert.source());
        labels.put("entity", alert.entity());
        alert.labels().forEach((k, v) -> {
            if (!labels.has(k)) {
                labels.put(k, v);
            }
        });
        ObjectNode annotations = json.createObjectNode();
        annotations.put("summary", alert.summary());
        annotations.put("description", templates.render(NotificationTemplate.WEBHOOK_DESCRIPTION, alert));

        ObjectNode body = json.createObjectNode();
        body.put("version", "4");
        body.put("groupKey", alert.fingerprint());
        body.put("truncatedAlerts", 0);
        body.put("status", status);
        body.put("receiver", "vigil");
        body.putObject("groupLabels").put("alertname", alert.detector());
        body.set("commonLabels", labels.deepCopy());
        body.set("commonAnnotations", annotations.deepCopy());
        body.put("externalURL", "");
        ArrayNode alerts = body.putArray("alerts");
        ObjectNode one = alerts.addObject();
        one.put("status", status);
        one.set("labels", labels);
        one.set("annotations", annotations);
        one.put("startsAt", alert.startsAt().toString());
        one.put("endsAt", alert.endsAt() == null ? NOT_ENDED : alert.endsAt().toString());
        one.put("generatorURL", "");
        one.put("fingerprint", alert.fingerprint());

        Explanation why = alert.explanation();
        ObjectNode vigil = body.putObject("vigil");
        vigil.put("alertId", alert.id());
        ObjectNode explanation = vigil.putObject("explanation");
        explanation.put("feature", why.feature());
        explanation.put("observed", why.observed());
        explanation.put("expected", why.expected());
        explanation.put("scale", why.scale());
        explanation.put("summary", why.summary());
        ArrayNode findings = explanation.putArray("findings");
        for (Finding f : why.findings()) {
            findings.addObject().put("scorer", f.scorer()).put("statistic", f.statistic()).put("limit", f.limit())
                    .put("description", f.description());
        }
        ArrayNode evidence = explanation.putArray("evidence");
        why.evidence().forEach(evidence::add);
        return body;
    }
}
