package dev.vigil.contracts;

import java.time.Instant;
import java.util.Objects;

/**
 * One operator's answer to one alert. Every channel (Slack buttons, email replies, ticket webhooks, REST, CLI)
 * produces this same record; a later answer supersedes an earlier one, never erases it.
 *
 * @param alertId the {@link dev.vigil.contracts.Alert#id()} answered
 * @param channel where the answer came from: {@code slack}, {@code email}, {@code jira}, {@code rest}, {@code cli}...
 * @param actor   who answered, as the channel authenticated them
 * @param comment free text, may be empty
 */
public record Feedback(String alertId, Verdict verdict, String channel, String actor, Instant at, String comment) {

    public Feedback {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
        comment = comment == null ? "" : comment;
    }
}
