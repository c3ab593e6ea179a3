package dev.vigil.feedback.store;

import java.time.Instant;

import dev.vigil.contracts.Feedback;

/**
 * One stored answer with its audit facts.
 *
 * @param id         its row id, increasing in the order answers were recorded
 * @param reference  what it came from (a Slack action, an email Message-ID, a Jira issue key, an API key name)
 * @param supersedes the id of the answer it replaced as the alert's current verdict, or null for the first
 * @param recordedAt when Vigil stored it ({@link Feedback#at()} is when the operator answered)
 */
public record StoredFeedback(long id, Feedback feedback, String reference, Long supersedes, Instant recordedAt) {
}
