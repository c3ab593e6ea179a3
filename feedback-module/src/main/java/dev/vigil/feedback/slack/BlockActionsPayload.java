package dev.vigil.feedback.slack;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.contracts.Verdict;
import dev.vigil.feedback.FeedbackRejected;

/**
 * Reads Slack's interaction request: a form-encoded body with one field {@code payload} holding the JSON of a
 * {@code block_actions} payload ({@code type}, {@code user {id, username, name, team_id}}, {@code team}, {@code
 * container {message_ts, channel_id}}, {@code channel}, {@code message}, {@code response_url}, {@code actions [{
 * action_id, block_id, value, action_ts}]}). Only Vigil's buttons ({@code action_id} {@code vigil_feedback_*},
 * {@code value} {@code <alert id>:<VERDICT>}) are understood; anything else is a 400 with the reason.
 */
public final class BlockActionsPayload {

    public static final String ACTION_PREFIX = "vigil_feedback_";

    private final ObjectMapper json;

    public BlockActionsPayload(ObjectMapper json) {
        this.json = json;
    }

    public SlackClick parse(byte[] formBody) throws FeedbackRejected {
        String payload = formField(new String(formBody, StandardCharsets.UTF_8), "payload");
        if (payload == null) {
            throw FeedbackRejected.badRequest("the body has no 'payload' form field");
        }
        JsonNode root;
        try {
            root = json.readTree(payload);
        } catch (JsonProcessingException e) {
            throw FeedbackRejected.badRequest("the payload is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw FeedbackRejected.badRequest("the payload is not a JSON object");
        }
        String type = root.path("type").asText("");
        if (!"block_actions".equals(type)) {
            throw FeedbackRejected.badRequest("payload type '" + type + "' is not block_actions");
        }
        JsonNode action = null;
        for (JsonNode candidate : root.path("actions")) {
            if (candidate.path("action_id").asText("").startsWith(ACTION_PREFIX)) {
                action = candidate;
                break;
            }
        }
        if (action == null) {
            throw FeedbackRejected.badRequest("no vigil_feedback_* action in the payload");
        }
        String value = action.path("value").asText("");
        int colon = value.lastIndexOf(':');
        if (colon <= 0) {
            throw FeedbackRejected.badRequest("action value '" + value + "' is not <alert id>:<verdict>");
        }
        String alertId = value.substring(0, colon);
        String verdictName = value.substring(colon + 1);
        Verdict verdict = Verdict.named(verdictName).orElseThrow(
                () -> FeedbackRejected.badRequest("unknown verdict '" + verdictName + "'"));
        JsonNode user = root.path("user");
        String userId = user.path("id").asText("");
        if (userId.isEmpty()) {
            throw FeedbackRejected.badRequest("the payload names no user");
        }
        String userName = firstText(user, "username", "name");
        JsonNode container = root.path("container");
        String channelId = container.path("channel_id").asText(root.path("channel").path("id").asText(""));
        String messageTs = container.path("message_ts").asText(root.path("message").path("ts").asText(""));
        String teamId = root.path("team").path("id").asText(user.path("team_id").asText(""));
        String responseUrl = root.path("response_url").asText(null);
        return new SlackClick(alertId, verdict, userId, userName == null ? userId : userName, teamId, channelId,
                messageTs, actionTime(action.path("action_ts").asText("")), responseUrl,
                root.has("message") ? root.get("message") : null);
    }

    /** {@code action_ts} is seconds with a fraction ("1548426417.840180"); without it, the payload is now. */
    private static Instant actionTime(String actionTs) {
        try {
            BigDecimal seconds = new BigDecimal(actionTs);
            return Instant.ofEpochSecond(seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue());
        } catch (NumberFormatException e) {
            return Instant.now();
        }
    }

    private static String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            String text = node.path(field).asText("");
            if (!text.isBlank()) {
                return text;
            }
        }
        return null;
    }

    /** The decoded value of one field of an application/x-www-form-urlencoded body. */
    static String formField(String body, String name) {
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
