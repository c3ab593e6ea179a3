package dev.vigil.app.query;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.Score;
import dev.vigil.contracts.Severity;
import dev.vigil.feedback.store.FeedbackStore;
import dev.vigil.feedback.store.StoredFeedback;

/**
 * An alert as a list shows it: what it is about, how strong, the one-line explanation and the answer it got.
 *
 * @param score    the strongest finding's statistic over its limit {@code r} as {@code r / (1 + r)} (0.5 is the
 *                 limit, 0.75 three times it), as the detectors file states the limit; what ranks alerts of one
 *                 severity
 * @param why      the strongest finding in one line: {@code mean observed 18.00 vs expected 122.0: 14.0σ below (robust
 *                 z, limit 3.5σ)}
 * @param feedback the alert's current verdict, null while nobody answered
 */
public record AlertListing(String id, String fingerprint, AlertStatus status, Severity severity, double score,
        String source, String entity, String detector, Instant startsAt, Instant endsAt, String summary, String why,
        SortedMap<String, String> labels, Answer feedback) {

    /** Who answered what, when, through which channel. */
    public record Answer(String verdict, String actor, String channel, Instant at) {

        static Answer of(StoredFeedback stored) {
            var f = stored.feedback();
            return new Answer(f.verdict().name(), f.actor(), f.channel(), f.at());
        }
    }

    /** Firing before resolved; then the more severe, the stronger, the newer first. */
    public static final Comparator<AlertListing> RANKING = Comparator
            .comparing((AlertListing a) -> a.status() == AlertStatus.FIRING).reversed()
            .thenComparing(AlertListing::severity, Comparator.reverseOrder())
            .thenComparing(AlertListing::score, Comparator.reverseOrder())
            .thenComparing(AlertListing::startsAt, Comparator.reverseOrder())
            .thenComparing(AlertListing::id);

    public static AlertListing of(Alert alert) {
        Explanation why = alert.explanation();
        boolean found = why != null && !why.findings().isEmpty();
        return new AlertListing(alert.id(), alert.fingerprint(), alert.status(), alert.severity(),
                found ? strength(why.findings().get(0).ratio()) : Score.THRESHOLD, alert.source(), alert.entity(),
                alert.detector(), alert.startsAt(), alert.endsAt(), alert.summary(),
                found ? why.summary() : alert.summary(), alert.labels(), null);
    }

    /** On the score scale; an infinitely strong finding is 1, an undefined one the limit. */
    private static double strength(double ratio) {
        if (Double.isNaN(ratio)) {
            return Score.THRESHOLD;
        }
        return Double.isInfinite(ratio) ? 1 : Score.normalise(ratio);
    }

    /** The same listings, each with its current verdict (one query for them all). */
    public static List<AlertListing> answered(List<AlertListing> listings, FeedbackStore feedback) throws SQLException {
        Map<String, StoredFeedback> answers = feedback.latestOf(listings.stream().map(AlertListing::id).toList());
        return listings.stream().map(a -> a.answered(answers.get(a.id()))).toList();
    }

    private AlertListing answered(StoredFeedback stored) {
        return new AlertListing(id, fingerprint, status, severity, score, source, entity, detector, startsAt, endsAt,
                summary, why, labels, stored == null ? null : Answer.of(stored));
    }
}
