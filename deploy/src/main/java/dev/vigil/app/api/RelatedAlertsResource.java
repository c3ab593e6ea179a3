package dev.vigil.app.api;

import java.sql.SQLException;
import java.util.Optional;

import dev.vigil.alerting.store.AlertStore;
import dev.vigil.app.query.RelatedAlerts;
import dev.vigil.contracts.Alert;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /api/alerts/{id}/related}, behind the API key or the console's session: the other series of the alert's
 * incident ({@link RelatedAlerts}), {@code {"groups": [...], "alerts": [AlertListing...]}}. Unknown alert: 404.
 */
@Path("/api/alerts/{id}/related")
@Produces(MediaType.APPLICATION_JSON)
public class RelatedAlertsResource {

    private final AlertStore alerts;
    private final RelatedAlerts related;

    public RelatedAlertsResource(AlertStore alerts, RelatedAlerts related) {
        this.alerts = alerts;
        this.related = related;
    }

    @GET
    public Response related(@PathParam("id") String id) throws SQLException {
        Optional<Alert> found = alerts.byId(id);
        if (found.isEmpty()) {
            return AlertsResource.unknown(id);
        }
        return Response.ok(related.of(found.get())).build();
    }
}
