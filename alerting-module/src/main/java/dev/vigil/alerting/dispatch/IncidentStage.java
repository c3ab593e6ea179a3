package dev.vigil.alerting.dispatch;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Severity;

/**
 * Turns what a group has to tell into one incident, for every receiver of its route. A group of one alert tells that
 * alert as it is; a larger group tells one alert under its first notified member's id and fingerprint (so receivers
 * keep one thread, ticket or message per incident), at its highest member's severity, listing every member, with the
 * labels they share. The record stage hands it on, one {@link Notification} per receiver, to the outbox.
 */
public final class IncidentStage implements Stage {

    @Override
    public List<Alert> apply(Flush flush, List<Alert> alerts) {
        AlertGroup group = flush.group();
        Alert lead = group.lead != null ? group.lead : alerts.get(0);
        Alert incident = incident(lead, alerts, flush.decision() == Flush.Decision.RESOLVED);
        flush.incident = incident;
        return alerts;
    }

    static Alert incident(Alert lead, List<Alert> members, boolean resolved) {
        Severity severity = members.stream().map(Alert::severity).max(Comparator.naturalOrder()).orElseThrow();
        if (members.size() == 1 && members.get(0).id().equals(lead.id())) {
            return members.get(0).withSeverity(severity);
        }
        Alert strongest = members.stream().filter(a -> a.severity() == severity).findFirst().orElseThrow();
        Instant startsAt = members.stream().map(Alert::startsAt).min(Comparator.naturalOrder()).orElseThrow();
        Instant endsAt = resolved ? members.stream().map(Alert::endsAt).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null) : null;
        String sources = members.stream().map(Alert::source).distinct().collect(Collectors.joining(","));
        String detectors = members.stream().map(Alert::detector).distinct().collect(Collectors.joining(","));
        String entity = String.format(Locale.ROOT, "%s (+%d more)", lead.entity(), members.size() - 1);
        if (members.stream().noneMatch(a -> a.fingerprint().equals(lead.fingerprint()))) {
            entity = String.format(Locale.ROOT, "%d entities", members.size());
        }
        String summary = String.format(Locale.ROOT, "%d entities %s together: %s", members.size(),
                resolved ? "were anomalous" : "anomalous",
                members.stream().map(a -> a.entity() + " " + a.severity()).collect(Collectors.joining("; ")));
        return new Alert(lead.id(), lead.fingerprint(), resolved ? AlertStatus.RESOLVED : AlertStatus.FIRING, severity,
                sources, entity, detectors, startsAt, endsAt, summary, strongest.explanation(), sharedLabels(members));
    }

    private static SortedMap<String, String> sharedLabels(List<Alert> members) {
        SortedMap<String, String> shared = new TreeMap<>(members.get(0).labels());
        for (Alert member : members) {
            shared.entrySet().removeIf(e -> !e.getValue().equals(member.labels().get(e.getKey())));
        }
        return shared;
    }

    @Override
    public String toString() {
        return "incident";
    }

    static Map<String, Severity> severities(List<Alert> alerts) {
        return alerts.stream().collect(Collectors.toMap(Alert::fingerprint, Alert::severity, (a, b) -> b));
    }
}
