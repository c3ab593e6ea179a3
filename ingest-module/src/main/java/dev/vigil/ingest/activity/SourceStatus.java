package dev.vigil.ingest.activity;

import java.time.Instant;
import java.util.List;

/**
 * What one source has done lately, as the console and {@code GET /api/sources} show it.
 *
 * @param events accepted events since start
 * @param eventsPerSecond accepted events per second over the last {@value SourceLedger#RATE_SECONDS} seconds
 * @param lastEventAt when the last accepted event arrived (wall clock), null if none yet
 * @param quiet no accepted event for longer than the configured quiet time (or none at all)
 * @param deadLetters rejected payloads since start
 * @param recentDeadLetters the latest rejections, newest first, at most the configured number
 * @param rateHistory accepted events per second in consecutive steps, oldest first, ending now
 */
public record SourceStatus(String source, long events, double eventsPerSecond, Instant lastEventAt, boolean quiet,
        long deadLetters, Instant lastDeadLetterAt, List<RecentDeadLetter> recentDeadLetters,
        List<RatePoint> rateHistory) {

    /** One rejection: when, where from (topic, file and row, route) and why. */
    public record RecentDeadLetter(Instant at, String origin, String reason) {
    }

    /** The rate of accepted events in the step that ends at {@code at}. */
    public record RatePoint(Instant at, double perSecond) {
    }
}
