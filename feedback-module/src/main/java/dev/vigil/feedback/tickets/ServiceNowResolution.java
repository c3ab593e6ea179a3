package dev.vigil.feedback.tickets;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.contracts.Verdict;
import dev.vigil.feedback.FeedbackRejected;

/**
 * The body Vigil asks a ServiceNow outbound REST message (a business rule on incident resolution) to POST, with the
 * header {@code X-Vigil-Token: <shared secret>}:
 * <pre>{"correlation_id": "${correlation_id}", "number": "${number}", "state": "${state}",
 *  "close_code": "${close_code}", "close_notes": "${close_notes}", "resolved_by": "${resolved_by.user_name}"}</pre>
 * {@code state} 6 (Resolved) or 7 (Closed) with a {@code close_code} the configured mapping knows becomes the verdict
 * of the {@code correlation_id}'s (the fingerprint's) latest alert; other states are ignored.
 */
public final class ServiceNowResolution {

    private static final Set<String> RESOLVED_STATES = Set.of("6", "7", "resolved", "closed");

    private final ObjectMapper json;
    private final VerdictMapping mapping;

    public ServiceNowResolution(ObjectMapper json, VerdictMapping mapping) {
        this.json = json;
        this.mapping = mapping;
    }

    public Optional<TicketAnswer> parse(byte[] rawBody, StringBuilder ignored) throws FeedbackRejected {
        JsonNode root;
        try {
            root = json.readTree(rawBody);
        } catch (java.io.IOException e) {
            throw FeedbackRejected.badRequest("the body is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw FeedbackRejected.badRequest("the body is not a JSON object");
        }
        String fingerprint = root.path("correlation_id").asText("").strip();
        if (fingerprint.isEmpty()) {
            throw FeedbackRejected.badRequest("correlation_id is missing");
        }
        String number = root.path("number").asText("?");
        String state = root.path("state").asText("").strip().toLowerCase(java.util.Locale.ROOT);
        if (!RESOLVED_STATES.contains(state)) {
            ignored.append("incident ").append(number).append(" state '").append(state)
                    .append("' is not resolved (6) or closed (7)");
            return Optional.empty();
        }
        String closeCode = root.path("close_code").asText("");
        Optional<Verdict> verdict = mapping.verdictOf(closeCode);
        if (verdict.isEmpty()) {
            throw FeedbackRejected.badRequest("close_code '" + closeCode
                    + "' maps to no verdict (vigil.feedback.servicenow.close-codes)");
        }
        String actor = root.path("resolved_by").asText("");
        return Optional.of(new TicketAnswer(fingerprint, verdict.get(), actor.isBlank() ? "servicenow" : actor,
                Instant.now(), "servicenow " + number, root.path("close_notes").asText("")));
    }
}
