package dev.vigil.alerting.notify.slack;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.alerting.notify.NotificationException;
import dev.vigil.alerting.notify.http.HttpCalls;
import org.jboss.logging.Logger;

/**
 * Finds the message an earlier attempt at a notification posted although its answer never came back (lost on the
 * way, or the process killed mid-call): the newest message of the channel's {@code conversations.history} since the
 * notification was written whose metadata ({@code include_all_metadata=true}) carries the notification's idempotency
 * key. {@code conversations.history} takes only a channel ID: the configured channel when it is one, else the ID
 * Slack answered to this process's first post. Without an ID, or when Slack will not show the history (a missing
 * {@code channels:history} scope, say), nothing is found and the caller posts again; the log says why.
 */
final class SlackEarlierPosts {

    /** Reads one page of the history: the query string of {@code conversations.history}. */
    @FunctionalInterface
    interface History {
        JsonNode read(String query) throws NotificationException;
    }

    private static final Logger LOG = Logger.getLogger(SlackEarlierPosts.class);
    /** Messages asked for per page (Slack suggests at most 200), and the pages read before giving up the search. */
    static final int PAGE = 200;
    static final int MAX_PAGES = 5;
    /** Slack's clock and ours may differ: the search starts this long before the notification was written. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** A conversation ID: public (C), private (G) or direct (D) channel, as Slack writes them. */
    private static final Pattern CHANNEL_ID = Pattern.compile("[CGD][A-Z0-9]{8,}");

    private final String configuredChannel;
    private final History history;
    private volatile String channelId;

    SlackEarlierPosts(String configuredChannel, History history) {
        this.configuredChannel = configuredChannel;
        this.history = history;
        this.channelId = CHANNEL_ID.matcher(configuredChannel).matches() ? configuredChannel : null;
    }

    /** The channel's ID as Slack answered it to a post, for when the channel is configured by name. */
    void learnChannelId(String id) {
        if (channelId == null && CHANNEL_ID.matcher(id).matches()) {
            channelId = id;
        }
    }

    /**
     * @return {@code <channel>/<ts>} of the message carrying the key, posted after {@code since} (less the clock skew)
     * @throws NotificationException retryable when Slack could not answer now (rate limit, its own error)
     */
    Optional<String> find(String idempotencyKey, Instant since) throws NotificationException {
        String id = channelId;
        if (id == null) {
            LOG.warnf("Slack: notification %s may have been posted by an earlier attempt, but its post cannot be looked up:"
                    + " vigil.notify.slack.channel '%s' is not a channel ID (C…), which conversations.history needs;"
                    + " posting it again", idempotencyKey, configuredChannel);
            return Optional.empty();
        }
        String oldest = since.minus(CLOCK_SKEW).getEpochSecond() + ".000000";
        String cursor = "";
        for (int page = 0; page < MAX_PAGES; page++) {
            JsonNode answer = history.read("channel=" + HttpCalls.encode(id) + "&oldest=" + oldest + "&limit=" + PAGE
                    + "&include_all_metadata=true" + (cursor.isEmpty() ? "" : "&cursor=" + HttpCalls.encode(cursor)));
            if (!answer.path("ok").asBoolean(false)) {
                NotificationException refused = SlackWebApiNotifier.refused("conversations.history", answer);
                if (refused.retryable()) {
                    throw refused;
                }
                LOG.warnf("Slack: cannot look for an earlier post of notification %s (%s); posting it again",
                        idempotencyKey, refused.getMessage());
                return Optional.empty();
            }
            for (JsonNode message : answer.path("messages")) {
                JsonNode metadata = message.path("metadata");
                if (SlackWebApiNotifier.METADATA_EVENT.equals(metadata.path("event_type").asText())
                        && idempotencyKey.equals(metadata.path("event_payload").path(SlackWebApiNotifier.METADATA_KEY).asText())) {
                    String found = id + "/" + message.path("ts").asText();
                    LOG.infof("Slack: notification %s was posted by an earlier attempt whose answer was lost (%s);"
                            + " updating that message", idempotencyKey, found);
                    return Optional.of(found);
                }
            }
            cursor = answer.path("response_metadata").path("next_cursor").asText("");
            if (!answer.path("has_more").asBoolean(false) || cursor.isEmpty()) {
                return Optional.empty();
            }
        }
        LOG.warnf("Slack: no post of notification %s among the channel's latest %d messages; posting it",
                idempotencyKey, PAGE * MAX_PAGES);
        return Optional.empty();
    }
}
