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
import dev.vigil.alerting.notify.template.NotificationTemplates;

/**
 * Posts alerts with Slack's Web API as a bot ({@code Authorization: Bearer xoxb-…}): {@code chat.postMessage} with
 * {@code channel}, the {@code text} fallback, Block Kit blocks including the feedback buttons
 * ({@link SlackMessage#interactive}) and message {@code metadata} carrying the notification's idempotency key
 * ({@code event_type} {@value #METADATA_EVENT}, {@code event_payload} {@code {"idempotency_key", "alert_id"}}). The
 * answer's {@code channel} and {@code ts} are the delivery's reference ({@code <channel>/<ts>}), which the outbox keeps
 * in the database and hands to the incident's later notifications (an upgrade, a repeat, the resolve, also after a
 * restart): they {@code chat.update} that same message instead of posting another. When the message cannot be edited
 * any more ({@code message_not_found}, {@code cant_update_message}, {@code edit_window_closed}), a new message is posted.
 * <p>
 * {@code chat.postMessage} has no idempotency key, so a retry of a notification an earlier attempt may have posted
 * (its answer lost, the process killed mid-call) first looks the post up: {@code conversations.history} of the
 * channel since the notification was written ({@code oldest}, {@code include_all_metadata}, paged by {@code limit} and
 * {@code cursor}), for a message whose metadata carries the key; found, it is updated instead of posted again. The
 * look-up needs the channel's ID (configured, or learned from an earlier answer of this process) and the scope
 * {@code channels:history} ({@code groups:history} for a private channel); without them the notification is posted
 * again, and the log says why.
 * <p>
 * The Web API answers HTTP 200 with {@code {"ok":false,"error":"…"}} on errors. Retried: HTTP 429 and
 * {@code ratelimited} (honouring {@code Retry-After}), HTTP 5xx and the transient {@code internal_error},
 * {@code fatal_error}, {@code service_unavailable}, {@code request_timeout}. Every other error
 * ({@code channel_not_found}, {@code invalid_auth}, {@code not_authed}, {@code not_in_channel},
 * {@code is_archived}, {@code invalid_blocks}, …) is permanent. The token is never logged.
 */
public class SlackWebApiNotifier implements Notifier {

    static final URI API = URI.create("https://slack.com/api");
    /** The {@code event_type} of the metadata of Vigil's messages. */
    static final String METADATA_EVENT = "vigil_notification";
    /** The {@code event_payload} field holding the notification's idempotency key. */
    static final String METADATA_KEY = "idempotency_key";
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
    private final SlackEarlierPosts earlierPosts;

    public SlackWebApiNotifier(URI api, String token, String channel, ObjectMapper json, NotificationTemplates templates) {
        this.api = api;
        this.token = token;
        this.channel = channel;
        this.json = json;
        this.messages = new SlackMessage(json, templates);
        this.http = new HttpCalls("Slack Web API", json);
        this.earlierPosts = new SlackEarlierPosts(channel, this::history);
    }

    @Override
    public String name() {
        return "slack";
    }

    /** @return the message's {@code <channel>/<ts>} */
    @Override
    public Optional<String> send(Delivery delivery) throws NotificationException {
        ObjectNode message = messages.interactive(delivery.alert());
        message.set("metadata", metadata(delivery));
        Optional<String> earlierPost = delivery.earlierAttemptSince().isPresent()
                ? earlierPosts.find(delivery.idempotencyKey(), delivery.earlierAttemptSince().get())
                : Optional.empty();
        // a post of this very notification whose answer was lost, else the incident's message Slack already has:
        // edit it, never post a twin
        Optional<String[]> posted = earlierPost.or(delivery::earlierReference).map(ref -> ref.split("/", 2))
                .filter(p -> p.length == 2);
        if (posted.isPresent()) {
            ObjectNode update = message.deepCopy();
            update.put("channel", posted.get()[0]);
            update.put("ts", posted.get()[1]);
            JsonNode answer = call("chat.update", update);
            if (answer.path("ok").asBoolean(false)) {
                return Optional.of(posted.get()[0] + "/" + posted.get()[1]);
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
        String channelId = answer.path("channel").asText(channel);
        earlierPosts.learnChannelId(channelId);
        return Optional.of(channelId + "/" + answer.path("ts").asText());
    }

    /** What {@link SlackEarlierPosts} matches a message by. */
    private ObjectNode metadata(Delivery delivery) {
        ObjectNode metadata = json.createObjectNode().put("event_type", METADATA_EVENT);
        metadata.putObject("event_payload").put(METADATA_KEY, delivery.idempotencyKey())
                .put("alert_id", delivery.alert().id());
        return metadata;
    }

    /** Calls a Web API write method with a JSON body; HTTP-level failures throw, a 200 answer is returned whether ok or not. */
    private JsonNode call(String method, ObjectNode body) throws NotificationException {
        return answer(method, http.send(http.request(HttpCalls.join(api, "/" + method))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(http.jsonBody(body))
                .build()));
    }

    /** {@code GET conversations.history} with the arguments as its query string. */
    private JsonNode history(String query) throws NotificationException {
        return answer("conversations.history", http.send(http.request(HttpCalls.join(api, "/conversations.history?" + query))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build()));
    }

    private JsonNode answer(String method, HttpResponse<String> response) throws NotificationException {
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

    static NotificationException refused(String method, JsonNode answer) {
        String error = answer.path("error").asText("unknown");
        String message = "Slack " + method + " answered ok=false error=" + error
                + (answer.has("needed") ? " (needed scope " + answer.path("needed").asText() + ")" : "");
        return TRANSIENT.contains(error) ? NotificationException.retryable(message, null, null)
                : NotificationException.permanent(message);
    }
}
