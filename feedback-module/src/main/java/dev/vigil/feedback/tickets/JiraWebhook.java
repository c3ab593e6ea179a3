package dev.vigil.feedback.tickets;

import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.contracts.Verdict;
import dev.vigil.feedback.FeedbackRejected;
import dev.vigil.feedback.Secrets;

/**
 * Jira Cloud's webhook for issue updates. Verification: an admin-registered webhook with a secret is signed by
 * Jira with {@code X-Hub-Signature: sha256=<hex HMAC-SHA256 of the raw body keyed with the secret>} (WebSub's
 * {@code method=signature} form), checked here in constant time. Body: {@code webhookEvent}
 * {@code jira:issue_updated}, {@code timestamp} (ms), {@code user {accountId, displayName}}, {@code issue {key,
 * fields {labels}}}, {@code changelog {items [{field, fromString, toString}]}}. A change of {@code resolution} (or,
 * without one, of {@code status}) whose new value the configured mapping knows becomes the verdict of the issue's
 * {@code vigil-<fingerprint>} alert; every other update is ignored (answered 200, nothing stored).
 */
public final class JiraWebhook {

    public static final String LABEL_PREFIX = "vigil-";

    private final ObjectMapper json;
    private final VerdictMapping mapping;

    public JiraWebhook(ObjectMapper json, VerdictMapping mapping) {
        this.json = json;
        this.mapping = mapping;
    }

    /** 401 unless the header carries the body's HMAC with this secret. */
    public static void verify(String secret, String signatureHeader, byte[] rawBody) throws FeedbackRejected {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw FeedbackRejected.unauthenticated("missing X-Hub-Signature");
        }
        String expected = "sha256=" + Secrets.hmacSha256Hex(secret, rawBody);
        if (!Secrets.constantTimeEquals(expected, signatureHeader.strip())) {
            throw FeedbackRejected.unauthenticated("X-Hub-Signature does not match the body");
        }
    }

    /** The answer in an update, or empty (with {@code ignored} told why) when the update carries none. */
    public Optional<TicketAnswer> parse(byte[] rawBody, StringBuilder ignored) throws FeedbackRejected {
        JsonNode root;
        try {
            root = json.readTree(rawBody);
        } catch (java.io.IOException e) {
            throw FeedbackRejected.badRequest("the body is not JSON: "
                    + (e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw FeedbackRejected.badRequest("the body is not a JSON object");
        }
        String event = root.path("webhookEvent").asText("");
        if (!"jira:issue_updated".equals(event)) {
            ignored.append("event '").append(event).append("' is not jira:issue_updated");
            return Optional.empty();
        }
        String key = root.path("issue").path("key").asText("?");
        String fingerprint = null;
        for (JsonNode label : root.path("issue").path("fields").path("labels")) {
            if (label.asText().startsWith(LABEL_PREFIX)) {
                fingerprint = label.asText().substring(LABEL_PREFIX.length());
            }
        }
        if (fingerprint == null) {
            ignored.append("issue ").append(key).append(" has no vigil-<fingerprint> label");
            return Optional.empty();
        }
        String resolution = null;
        String status = null;
        for (JsonNode item : root.path("changelog").path("items")) {
            String field = item.path("field").asText("");
            if ("resolution".equalsIgnoreCase(field) && item.hasNonNull("toString")) {
                resolution = item.get("toString").asText();
            } else if ("status".equalsIgnoreCase(field) && item.hasNonNull("toString")) {
                status = item.get("toString").asText();
            }
        }
        String outcome = null;
        Optional<Verdict> verdict = Optional.empty();
        if (resolution != null) {
            outcome = "resolution " + resolution;
            verdict = mapping.verdictOf(resolution);
        }
        if (verdict.isEmpty() && status != null) {
            outcome = "status " + status;
            verdict = mapping.verdictOf(status);
        }
        if (verdict.isEmpty()) {
            ignored.append(outcome == null ? "no status or resolution change in issue " + key
                    : "issue " + key + ": " + outcome + " maps to no verdict (vigil.feedback.jira.resolutions)");
            return Optional.empty();
        }
        JsonNode user = root.path("user");
        String actor = user.path("displayName").asText(user.path("accountId").asText("jira"));
        long millis = root.path("timestamp").asLong(0);
        Instant at = millis > 0 ? Instant.ofEpochMilli(millis) : Instant.now();
        return Optional.of(new TicketAnswer(fingerprint, verdict.get(), actor, at, "jira " + key,
                "Jira " + key + " " + outcome));
    }
}
