package dev.vigil.app.api;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.vigil.alerting.config.AlertingConfig;
import dev.vigil.alerting.store.AlertQuery;
import dev.vigil.alerting.store.AlertStore;
import dev.vigil.contracts.Alert;
import dev.vigil.feedback.store.FeedbackStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /api/alerts/{id}/related}, behind the API key or the console's session: the other series of the alert's
 * incident, {@code {"groups": [...], "alerts": [AlertListing...]}}. {@code groups} are the keys of the notification
 * groups the routing tree puts the alert in ({@code <route>|{site=plant-1}}); {@code alerts} those of other
 * fingerprints in one of them that were firing at some time while it fired (at most {@value AlertQuery#MAX_LIMIT}
 * candidates), ranked as the alerts list ranks them, each with its verdict. With the default routing (one group per
 * fingerprint) the list is empty. Unknown alert: 404.
 */
@Path("/api/alerts/{id}/related")
@Produces(MediaType.APPLICATION_JSON)
public class RelatedAlertsResource {

    /** The alert's groups and their other members. */
    public record Related(List<String> groups, List<AlertListing> alerts) {
    }

    private final AlertStore alerts;
    private final FeedbackStore feedback;
    private final IncidentMembers members;

    public RelatedAlertsResource(AlertStore alerts, FeedbackStore feedback, AlertingConfig config) {
        this.alerts = alerts;
        this.feedback = feedback;
        this.members = new IncidentMembers(config.route());
    }

    @GET
    public Response related(@PathParam("id") String id) throws SQLException {
        Optional<Alert> found = alerts.byId(id);
        if (found.isEmpty()) {
            return AlertsResource.unknown(id);
        }
        return Response.ok(of(found.get())).build();
    }

    /** The alert's groups and their other members, ranked. */
    public Related of(Alert alert) throws SQLException {
        Instant until = alert.endsAt() == null ? Instant.now() : alert.endsAt();
        List<AlertListing> others = members.of(alert, alerts.overlapping(alert.startsAt(), until, AlertQuery.MAX_LIMIT))
                .stream().map(AlertListing::of).sorted(AlertListing.RANKING).toList();
        return new Related(members.groupsOf(alert), AlertListing.answered(others, feedback));
    }
}
