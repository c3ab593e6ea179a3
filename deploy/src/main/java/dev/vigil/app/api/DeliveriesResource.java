package dev.vigil.app.api;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.vigil.alerting.outbox.DeliveryLog;
import dev.vigil.alerting.outbox.DeliveryQuery;
import dev.vigil.alerting.outbox.DeliveryRecord;
import dev.vigil.alerting.outbox.Outbox;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/deliveries?alert=&receiver=&state=&since=&limit=}, behind the API key: the delivery log, who was
 * told what, when, through which channel. A JSON array, newest first, of deliveries written since {@code since}
 * (default the last 24 h; ISO-8601 or {@code 30m}, {@code 2h}, {@code 7d} ago), of one alert, one receiver or one
 * state ({@code pending}, {@code sent}, {@code dead}) when asked, at most {@code limit} (default 100, at most 1000).
 * Each is {@code {id, sequence, idempotencyKey, receiver, alertId, fingerprint, status, severity, entity, state,
 * attempts, lastAttemptAt, createdAt, nextAttemptAt, deadlineAt, finishedAt, lastError, reference}}: {@code state} DEAD with
 * {@code lastError} is a dead letter and its reason; {@code reference} is what the receiver answered (Slack
 * {@code channel/ts}, Jira issue key, ServiceNow number, Message-ID). Bad parameters: 400 with the reason.
 */
@Path("/api/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveriesResource {

    private static final Duration RECENTLY = Duration.ofHours(24);
    private static final int DEFAULT_LIMIT = 100;

    private final DeliveryLog log;

    public DeliveriesResource(DeliveryLog log) {
        this.log = log;
    }

    @GET
    public List<DeliveryRecord> list(@QueryParam("alert") String alert, @QueryParam("receiver") String receiver,
            @QueryParam("state") String state, @QueryParam("since") String since, @QueryParam("limit") Integer limit)
            throws SQLException {
        Instant now = Instant.now();
        return log.find(new DeliveryQuery(QueryParams.text(alert), QueryParams.text(receiver),
                QueryParams.named("state", state, Outbox.State.class), QueryParams.since(since, now.minus(RECENTLY), now),
                QueryParams.limit(limit, DEFAULT_LIMIT, DeliveryQuery.MAX_LIMIT)));
    }
}
