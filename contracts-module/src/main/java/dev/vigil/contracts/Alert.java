package dev.vigil.contracts;

import java.time.Instant;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.vigil.contracts.Explanation;

import static java.util.Collections.unmodifiableSortedMap;

/**
 * An incident as people see it: one per fingerprint while it fires.
 *
 * @param id          unique per incident; receivers use it as their idempotency key
 * @param fingerprint detector + source + entity + labels: the same incident always has the same fingerprint
 * @param endsAt      null while firing
 * @param summary     one line for a title
 * @param explanation the scorers' findings for the window that confirmed the alert
 */
public record Alert(String id, String fingerprint, AlertStatus status, Severity severity, String source, String entity,
        String detector, Instant startsAt, Instant endsAt, String summary, Explanation explanation,
        SortedMap<String, String> labels) {

    public Alert {
        labels = unmodifiableSortedMap(new TreeMap<>(labels));
    }

    /** The same incident at another severity (an upgrade is notified again). */
    public Alert withSeverity(Severity to) {
        return new Alert(id, fingerprint, status, to, source, entity, detector, startsAt, endsAt, summary, explanation,
                labels);
    }

    /** The same incident with other labels and summary (the flapping notice, an incident listing its members). */
    public Alert withLabels(SortedMap<String, String> to, String newSummary) {
        return new Alert(id, fingerprint, status, severity, source, entity, detector, startsAt, endsAt, newSummary,
                explanation, to);
    }

    public Alert resolved(Instant at) {
        return new Alert(id, fingerprint, AlertStatus.RESOLVED, severity, source, entity, detector, startsAt, at,
                summary, explanation, labels);
    }
}
