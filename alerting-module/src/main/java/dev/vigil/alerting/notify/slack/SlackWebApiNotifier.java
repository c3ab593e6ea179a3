package dev.vigil.alerting.notify.slack;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.alerting.notify.Delivery;
import dev.vigil.alerting.notify.NotificationException;
import dev.vigil.alerting.notify.Notifier;
import dev.vigil.alerting.notify.http.HttpCalls;

/**
 * Posts alerts with Slack's Web API as a bot ({@code Authorization: Bearer xoxb-…}): {@code chat.postMessage} with
 * {@code channel}, the {@code text} fallback and Block Kit blocks including the feedback buttons
 * ({@link SlackMessage#interactive}). The answer's {@code channel} and {@code ts} are the delivery's reference
 * ({@code <channel>/<ts>}), which the outbox keeps in the database and hands to the incident's later notifications
 * (an upgrade, a repeat, the resolve, also after a restart): they {@code chat.update} that same message instead of
 * posting another. When the message cannot be edited any more ({@code message_not_found},
 * {@code cant_update_message}, {@code edit_window_closed}), a new message is posted. A retry after Slack took a post
 * but its answer was lost posts again: {@code chat.postMessage} has no idempotency key.
 * <p>
 * The Web API answers HTTP 200 with {@code {"ok":false,"error":"…"}} on errors. Retried: HTTP 429 and
 * {@code ratelimited} (honouring {@code Retry-After}), HTTP 5xx and the transient {@code internal_error},
 * {@code fatal_error}, {@code service_unavailable}, {@code request_timeout}. Every other error
 * ({@code channel_not_found}, {@code invalid_auth}, {@code not_authed}, {@code not_in_channel},
 * {@code is_archived}, {@code invalid_blocks}, …) is permanent. The token is never logged.
 */
public class SlackWebApiNotifier implements Notifier {

    static final URI API = URI.create("https://slack.com/api");
    private static final Set<String> TRANSIENT = Set.of("ratelimited", "internal_error", "fatal_error",
            "service_unavailable", "request_timeout", "team_added_to_org");
    private static final Set<String> NOT_EDITABLE = Set.of("message_not_found", "cant_update_message",
            "edit_window_closed");

    private final URI api;
    private final String token;
    private final String channel;
    private final SlackMessage messages;
    private final ObjectMapper json;
    private final HttpCalls http;

    public SlackWebApiNotifier(URI api, String token, String channel, ObjectMapper json) {
        this.api = api;
        this.token = token;
        this.channel = channel;
        this.json = json;
        this.messages = new SlackMessage(json);
        this.http = new HttpCalls("Slack Web API", json);
    }

    @Override
    public String name() {
        return "slack";
    }

    /** @return the message's {@code <channel>/<ts>} */
    @Override
    public Optional<String> send(Delivery delivery) throws NotificationException {
        ObjectNode message = messages.interactive(delivery.alert());
        Optional<String[]> posted = delivery.earlierReference().map(ref -> ref.split("/", 2)).filter(p -> p.length == 2);
        if (posted.isPresent()) {
            // an upgrade, a repeat or the resolve of a message Slack has: edit it, never post a twin
            ObjectNode update = message.deepCopy();
            update.put("channel", posted.get()[0]);
            update.put("ts", posted.get()[1]);
            JsonNode answer = call("chat.update", update);
            if (answer.path("ok").asBoolean(false)) {
                return delivery.earlierReference();
            }
            String error = answer.path("error").asText();
            if (!NOT_EDITABLE.contains(error)) {
                throw refused("chat.update", answer);
            }
        }
        ObjectNode post = json.createObjectNode().put("channel", channel);
        post.setAll(message);
        post.put("unfurl_links", false);
        JsonNode answer = call("chat.postMessage", post);
        if (!answer.path("ok").asBoolean(false)) {
            throw refused("chat.postMessage", answer);
        }
        return Optional.of(answer.path("channel").asText(channel) + "/" + answer.path("ts").asText());
    }

    /** Calls a Web API method; HTTP-level failures throw, a 200 answer is returned whether ok or not. */
    private JsonNode call(String method, ObjectNode body) throws NotificationException {
        HttpResponse<String> response = http.send(http.request(HttpCalls.join(api, "/" + method))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(http.jsonBody(body))
                .build());
        if (response.statusCode() == 429) {
            throw NotificationException.retryable("Slack " + method + " rate limited (HTTP 429)",
                    HttpCalls.retryAfter(response).orElse(Duration.ofSeconds(1)), null);
        }
        if (response.statusCode() != 200) {
            throw http.failure(method, response);
        }
        JsonNode answer = http.read(response);
        if (!answer.path("ok").asBoolean(false) && "ratelimited".equals(answer.path("error").asText())) {
            throw NotificationException.retryable("Slack " + method + " answered ratelimited",
                    HttpCalls.retryAfter(response).orElse(Duration.ofSeconds(1)), null);
        }
        return answer;
    }

    private static NotificationException refused(String method, JsonNode answer) {
        String error = answer.path("error").asText("unknown");
        String message = "Slack " + method + " answered ok=false error=" + error
                + (answer.has("needed") ? " (needed scope " + answer.path("needed").asText() + ")" : "");
        return TRANSIENT.contains(error) ? NotificationException.retryable(message, null, null)
                : NotificationException.permanent(message);
    }
}
