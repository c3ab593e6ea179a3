package dev.vigil.app.api;

import java.time.Instant;

import dev.vigil.feedback.store.StoredFeedback;

/** A stored answer as the HTTP endpoints show it. */
public record FeedbackView(long id, String alertId, String verdict, String channel, String actor, Instant at,
        String comment, String reference, Long supersedes, Instant recordedAt) {

    public static FeedbackView of(StoredFeedback stored) {
        var f = stored.feedback();
        return new FeedbackView(stored.id(), f.alertId(), f.verdict().name(), f.channel(), f.actor(), f.at(),
                f.comment(), stored.reference(), stored.supersedes(), stored.recordedAt());
    }
}
