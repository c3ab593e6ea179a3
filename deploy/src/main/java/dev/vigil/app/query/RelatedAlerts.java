package dev.vigil.app.query;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import dev.vigil.alerting.config.AlertingConfig;
import dev.vigil.alerting.store.AlertQuery;
import dev.vigil.alerting.store.AlertStore;
import dev.vigil.contracts.Alert;
import dev.vigil.feedback.store.FeedbackStore;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The other series of an alert's incident, for the API and the console alike: the keys of the notification groups
 * the routing tree puts the alert in ({@code <route>|{site=plant-1}}) and the alerts of other fingerprints in one of
 * them that were firing at some time while it fired (at most {@value AlertQuery#MAX_LIMIT} candidates), ranked as the
 * alerts list ranks them, each with its verdict. With the default routing (one group per fingerprint) there are none.
 */
@ApplicationScoped
public class RelatedAlerts {

    /** The alert's groups and their other members. */
    public record Related(List<String> groups, List<AlertListing> alerts) {
    }

    private final AlertStore alerts;
    private final FeedbackStore feedback;
    private final IncidentMembers members;

    public RelatedAlerts(AlertStore alerts, FeedbackStore feedback, AlertingConfig config) {
        this.alerts = alerts;
        this.feedback = feedback;
        this.members = new IncidentMembers(config.route());
    }

    public Related of(Alert alert) throws SQLException {
        Instant until = alert.endsAt() == null ? Instant.now() : alert.endsAt();
        List<AlertListing> others = members.of(alert, alerts.overlapping(alert.startsAt(), until, AlertQuery.MAX_LIMIT))
                .stream().map(AlertListing::of).sorted(AlertListing.RANKING).toList();
        return new Related(members.groupsOf(alert), AlertListing.answered(others, feedback));
    }
}
