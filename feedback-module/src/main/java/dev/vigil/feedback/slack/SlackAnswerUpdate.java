package dev.vigil.feedback.slack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jboss.logging.Logger;

/**
 * Shows who answered what on the alert's Slack message: the message is replaced through the click's
 * {@code response_url} (Slack: {@code replace_original: true}, valid 30 minutes) by the same blocks plus a context
 * block "<@user> answered *false alarm*". The buttons stay, so a later answer can supersede it (and replaces that
 * line). Sent asynchronously, after the interaction has been answered, so Slack's 3-second limit is never at stake.
 * Only URLs under the configured prefix (Slack's {@code https://hooks.slack.com/}) are called.
 */
public final class SlackAnswerUpdate {

    /** The block_id of the "who answered" line, so a later answer replaces it. */
    public static final String ANSWER_BLOCK_ID = "vigil_feedback_answer";

    private static final Logger LOG = Logger.getLogger(SlackAnswerUpdate.class);

    private final ObjectMapper json;
    private final HttpClient http;
    private final String allowedPrefix;

    public SlackAnswerUpdate(ObjectMapper json, HttpClient http, String allowedPrefix) {
        this.json = json;
        this.http = http;
        this.allowedPrefix = allowedPrefix;
    }

    /** The replacement message for a click. */
    public ObjectNode replacement(SlackClick click) {
        ObjectNode body = json.createObjectNode();
        body.put("replace_original", true);
        JsonNode original = click.message();
        body.put("text", original == null ? "Vigil alert " + click.alertId() : original.path("text").asText(""));
        ArrayNode blocks = body.putArray("blocks");
        if (original != null) {
            for (JsonNode block : original.path("blocks")) {
                if (!ANSWER_BLOCK_ID.equals(block.path("block_id").asText())) {
                    blocks.add(block);
                }
            }
        }
        ObjectNode answer = blocks.addObject().put("type", "context").put("block_id", ANSWER_BLOCK_ID);
        String when = String.format("<!date^%d^{date_short_pretty} {time}|%s>", click.at().getEpochSecond(), click.at());
        answer.putArray("elements").addObject().put("type", "mrkdwn")
                .put("text", "<@" + click.userId() + "> answered *" + click.verdict().words() + "* · " + when);
        return body;
    }

    /** Posts the replacement; failures are logged, never thrown (the answer is stored already). */
    public CompletableFuture<Void> send(SlackClick click) {
        String url = click.responseUrl();
        if (url == null || url.isBlank()) {
            return CompletableFuture.completedFuture(null);
        }
        if (!url.startsWith(allowedPrefix)) {
            LOG.warnf("Not updating the Slack message of alert %s: response_url %s is not under %s", click.alertId(),
                    url, allowedPrefix);
            return CompletableFuture.completedFuture(null);
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(replacement(click)))).build();
        } catch (Exception e) {
            LOG.warnf("Not updating the Slack message of alert %s: %s", click.alertId(), e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
            if (failure != null) {
                LOG.warnf("Updating the Slack message of alert %s failed: %s", click.alertId(), failure.getMessage());
            } else if (response.statusCode() / 100 != 2) {
                LOG.warnf("Updating the Slack message of alert %s: Slack answered %d %s", click.alertId(),
                        response.statusCode(), response.body());
            }
            return null;
        });
    }
}
