package dev.vigil.alerting.notify.slack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alerting.notify.Delivery;
import dev.vigil.alerting.notify.NotificationException;
import dev.vigil.alerting.notify.Notifier;
import dev.vigil.alerting.notify.template.NotificationTemplates;
import dev.vigil.contracts.Alert;

/**
 * Posts alerts to a Slack incoming webhook. Slack answers {@code 200 ok}, or an error code in the body: 429 with
 * {@code Retry-After} and 5xx are worth a retry; {@code invalid_payload} (400), {@code action_prohibited} (403),
 * {@code no_service}/{@code channel_not_found} (404) and {@code channel_is_archived} (410) are not.
 * The webhook URL is a secret: it is never logged. Chosen by {@link SlackNotifier} when
 * {@code vigil.notify.slack.webhook-url} is set.
 */
public class SlackWebhookNotifier implements Notifier {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Optional<URI> webhook;
    private final SlackMessage messages;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public SlackWebhookNotifier(Optional<URI> webhook, ObjectMapper json, NotificationTemplates templates) {
        this.webhook = webhook;
        this.json = json;
        this.messages = new SlackMessage(json, templates);
    }

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public Optional<String> misconfiguration() {
        return webhook.isPresent() ? Optional.empty()
                : Notifier.missing("slack", "vigil.notify.slack.webhook-url");
    }

    /** Incoming webhooks answer only {@code ok}: there is nothing to edit later, and no idempotency key to send. */
    @Override
    public Optional<String> send(Delivery delivery) throws NotificationException {
        Alert alert = delivery.alert();
        URI uri = webhook.orElseThrow(() -> NotificationException.permanent(misconfiguration().orElseThrow()));
        HttpResponse<String> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(messages.of(alert))))
                    .build();
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (JsonProcessingException e) {
            throw NotificationException.permanent("could not write the Slack message: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw NotificationException.retryable("Slack webhook unreachable: " + e.getMessage(), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw NotificationException.retryable("interrupted while posting to Slack", null, e);
        }
        int status = response.statusCode();
        if (status == 200) {
            return Optional.empty();
        }
        String answer = "Slack webhook answered " + status + " " + response.body().strip();
        if (status == 429) {
            Duration wait = response.headers().firstValue("Retry-After")
                    .map(SlackWebhookNotifier::seconds).orElse(Duration.ofSeconds(1));
            throw NotificationException.retryable(answer, wait, null);
        }
        if (status >= 500) {
            throw NotificationException.retryable(answer, null, null);
        }
        throw NotificationException.permanent(answer);
    }

    private static Duration seconds(String header) {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }
}
