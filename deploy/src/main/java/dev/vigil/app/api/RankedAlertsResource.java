package dev.vigil.app.api;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.vigil.alerting.matcher.Matchers;
import dev.vigil.alerting.store.AlertQuery;
import dev.vigil.alerting.store.AlertStore;
import dev.vigil.app.query.AlertListing;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Severity;
import dev.vigil.feedback.store.FeedbackStore;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * {@code GET /api/alerts/ranked?status=&since=&severity=&source=&detector=&label=&limit=}, behind the API key or the
 * console's session: the alerts the console lists, as {@link AlertListing}s, the firing ones first, then by severity,
 * score and age (newest first), each with its current verdict. The alerts are those of {@code GET /api/alerts} (firing,
 * and resolved since {@code since}, default 24 h) among the {@value AlertQuery#MAX_LIMIT} newest; {@code label} (any
 * number of them) are matchers in Alertmanager's syntax over the labels, {@code detector}, {@code source},
 * {@code entity} and {@code severity} ({@code site="plant-1"}, {@code device=~"boiler-.*"}); {@code limit} (default
 * 100, at most 1000) cuts the ranked list. {@code /api/alerts/ranked/stream} sends the same list as server-sent
 * events, at once and then whenever it changed (checked every {@code vigil.console.live-interval}). Bad parameters:
 * 400 with the reason.
 */
@Path("/api/alerts/ranked")
public class RankedAlertsResource {

    private static final Duration RECENTLY = Duration.ofHours(24);
    private static final int DEFAULT_LIMIT = 100;

    /** What to list, checked before anything is read, so a bad parameter is a 400 and not a broken stream. */
    private record Selection(Optional<AlertStatus> status, String since, Optional<Severity> severity,
            Optional<String> source, Optional<String> detector, Matchers labels, int limit) {
    }

    private final AlertStore alerts;
    private final FeedbackStore feedback;
    private final Duration liveInterval;

    public RankedAlertsResource(AlertStore alerts, FeedbackStore feedback,
            @ConfigProperty(name = "vigil.console.live-interval") Duration liveInterval) {
        this.alerts = alerts;
        this.feedback = feedback;
        this.liveInterval = liveInterval;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<AlertListing> list(@QueryParam("status") String status, @QueryParam("since") String since,
            @QueryParam("severity") String severity, @QueryParam("source") String source,
            @QueryParam("detector") String detector, @QueryParam("label") List<String> labels,
            @QueryParam("limit") Integer limit) throws SQLException {
        return ranked(select(status, since, severity, source, detector, labels, limit));
    }

    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<List<AlertListing>> stream(@QueryParam("status") String status, @QueryParam("since") String since,
            @QueryParam("severity") String severity, @QueryParam("source") String source,
            @QueryParam("detector") String detector, @QueryParam("label") List<String> labels,
            @QueryParam("limit") Integer limit) {
        Selection selection = select(status, since, severity, source, detector, labels, limit);
        // read off the event loop (JDBC blocks); a slow reader skips lists rather than queueing them; an unchanged
        // list is not sent again (ages are counted by the page from startsAt)
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(liveInterval)
                .onOverflow().drop()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(tick -> {
                    try {
                        return ranked(selection);
                    } catch (SQLException e) {
                        throw new IllegalStateException("the alerts cannot be read: " + e.getMessage(), e);
                    }
                })
                .skip().repetitions();
    }

    private static Selection select(String status, String since, String severity, String source, String detector,
            List<String> labels, Integer limit) {
        Matchers matchers;
        try {
            matchers = Matchers.parse(labels == null ? List.of() : labels.stream().filter(l -> !l.isBlank()).toList());
        } catch (IllegalArgumentException e) {
            throw QueryParams.bad("label " + e.getMessage());
        }
        QueryParams.since(since, Instant.EPOCH, Instant.now()); // checked now; read at every refresh ("2h" ago moves on)
        return new Selection(QueryParams.named("status", status, AlertStatus.class), since,
                QueryParams.named("severity", severity, Severity.class), QueryParams.text(source),
                QueryParams.text(detector), matchers, QueryParams.limit(limit, DEFAULT_LIMIT, AlertQuery.MAX_LIMIT));
    }

    private List<AlertListing> ranked(Selection selection) throws SQLException {
        Instant now = Instant.now();
        List<Alert> found = alerts.find(new AlertQuery(selection.status(),
                QueryParams.since(selection.since(), now.minus(RECENTLY), now), selection.severity(), selection.source(),
                selection.detector(), AlertQuery.MAX_LIMIT));
        return AlertListing.answered(found.stream().filter(selection.labels()::matches).map(AlertListing::of)
                .sorted(AlertListing.RANKING).limit(selection.limit()).toList(), feedback);
    }
}
