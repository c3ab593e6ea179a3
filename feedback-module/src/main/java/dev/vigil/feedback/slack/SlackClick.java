package dev.vigil.feedback.slack;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.contracts.Verdict;

/**
 * One click on a Vigil feedback button, as read from a {@code block_actions} payload.
 *
 * @param userId      Slack's user id ({@code U...}), stable
 * @param userName    the user's name as the payload gives it ({@code username}, else {@code name}, else the id)
 * @param at          the action's {@code action_ts}
 * @param responseUrl where the message can be replaced for 30 minutes; null if the payload had none
 * @param message     the message the buttons are on (its {@code blocks}), for the update; may be missing
 */
public record SlackClick(String alertId, Verdict verdict, String userId, String userName, String teamId,
        String channelId, String messageTs, Instant at, String responseUrl, JsonNode message) {

    /** What the answer came from, for the audit trail. */
    public String reference() {
        return "slack team=" + teamId + " user=" + userId + " channel=" + channelId + " message=" + messageTs;
    }
}
