package dev.vigil.app.api;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.vigil.alerting.outbox.DeliveryLog;
import dev.vigil.alerting.outbox.DeliveryQuery;
import dev.vigil.alerting.outbox.DeliveryRecord;
import dev.vigil.alerting.store.AlertQuery;
import dev.vigil.alerting.store.AlertStore;
import dev.vigil.app.access.ApiKeyFilter;
import dev.vigil.app.access.Rejection;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Severity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The stored alerts, behind the API key ({@link ApiKeyFilter}), for operators and the console:
 * <ul>
 * <li>{@code GET /api/alerts?status=&since=&severity=&source=&detector=&limit=}: a JSON array, newest first, of the
 * alerts firing and those resolved since {@code since} (default the last 24 h); {@code status=firing} or
 * {@code resolved} keeps one of the two; at most {@code limit} (default 100, at most 1000).</li>
 * <li>{@code GET /api/alerts/{id}}: one alert, 404 when unknown.</li>
 * <li>{@code GET /api/alerts/{id}/deliveries}: who was told what about it, when, through which channel (the delivery
 * log's lines of the alert, newest first; a group's incident is logged under its lead alert's id).</li>
 * </ul>
 * An alert is {@code {id, fingerprint, status, severity, source, entity, detector, startsAt, endsAt, summary,
 * explanation: {feature, observed, expected, scale, findings, contributions, evidence}, labels}}, times in ISO-8601,
 * {@code endsAt} null while firing. Bad parameters: 400 with the reason.
 */
@Path("/api/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertsResource {

    private static final Duration RECENTLY = Duration.ofHours(24);
    private static final int DEFAULT_LIMIT = 100;

    private final AlertStore alerts;
    private final DeliveryLog deliveries;

    public AlertsResource(AlertStore alerts, DeliveryLog deliveries) {
        this.alerts = alerts;
        this.deliveries = deliveries;
    }

    @GET
    public List<Alert> list(@QueryParam("status") String status, @QueryParam("since") String since,
            @QueryParam("severity") String severity, @QueryParam("source") String source,
            @QueryParam("detector") String detector, @QueryParam("limit") Integer limit) throws SQLException {
        Instant now = Instant.now();
        return alerts.find(new AlertQuery(QueryParams.named("status", status, AlertStatus.class),
                QueryParams.since(since, now.minus(RECENTLY), now), QueryParams.named("severity", severity, Severity.class),
                QueryParams.text(source), QueryParams.text(detector),
                QueryParams.limit(limit, DEFAULT_LIMIT, AlertQuery.MAX_LIMIT)));
    }

    @GET
    @Path("{id}")
    public Response one(@PathParam("id") String id) throws SQLException {
        return alerts.byId(id).map(a -> Response.ok(a).build()).orElseGet(() -> unknown(id));
    }

    @GET
    @Path("{id}/deliveries")
    public Response deliveries(@PathParam("id") String id) throws SQLException {
        List<DeliveryRecord> log = deliveries.find(DeliveryQuery.ofAlert(id));
        if (log.isEmpty() && !alerts.exists(id)) {
            return unknown(id);
        }
        return Response.ok(log).build();
    }

    /** 404 naming the alert: what every {@code /api/alerts/{id}/...} answers for an alert it does not know. */
    static Response unknown(String id) {
        return Rejection.of(404, "unknown alert '" + id + "'");
    }
}
