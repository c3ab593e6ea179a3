package dev.vigil.app.api;

import java.security.Principal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.vigil.app.access.Rejection;
import dev.vigil.contracts.ThresholdFactors.Factor;
import dev.vigil.feedback.LiveDetectors;
import dev.vigil.feedback.LiveDetectors.LiveDetector;
import dev.vigil.feedback.history.ScoreHistory;
import dev.vigil.feedback.tuning.BudgetTuner;
import dev.vigil.feedback.tuning.ThresholdChange;
import dev.vigil.feedback.tuning.ThresholdLog;
import dev.vigil.feedback.tuning.Thresholds;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code /api/thresholds} behind the API key: the threshold factors in force, setting and pinning one by hand (the
 * change is recorded as {@code api:<key name>}), unpinning, the audit trail, and running the alert-budget tuning now.
 * <ul>
 * <li>{@code GET /api/thresholds}: every detector's factor, pin, budget and entities with a factor of their own;</li>
 * <li>{@code PUT /api/thresholds/{detector}} {@code {"factor": 1.5, "entity": "...", "pinned": true, "reason": "..."}}
 * (entity optional; pinned defaults to true): 200 with the recorded change;</li>
 * <li>{@code DELETE /api/thresholds/{detector}/pin[?entity=...]}: the tuning may move it again;</li>
 * <li>{@code GET /api/thresholds/{detector}/history[?days=30]}: its changes, oldest first;</li>
 * <li>{@code POST /api/thresholds/tune[?detector=...]}: writes the queued score history, runs the tuning, answers its
 * outcomes.</li>
 * </ul>
 */
@Path("/api/thresholds")
@Produces(MediaType.APPLICATION_JSON)
public class ThresholdsResource {

    /** A factor set by hand. */
    public record Request(Double factor, String entity, Boolean pinned, String reason) {
    }

    /** A detector's threshold as the API shows it. */
    public record View(String detector, double factor, boolean pinned, String reason, Double budget,
            List<EntityView> entities) {
    }

    public record EntityView(String entity, double factor, boolean pinned, String reason) {
    }

    private final Thresholds thresholds;
    private final ThresholdLog log;
    private final LiveDetectors detectors;
    private final BudgetTuner tuner;
    private final ScoreHistory history;

    public ThresholdsResource(Thresholds thresholds, ThresholdLog log, LiveDetectors detectors, BudgetTuner tuner,
            ScoreHistory history) {
        this.thresholds = thresholds;
        this.log = log;
        this.detectors = detectors;
        this.tuner = tuner;
        this.history = history;
    }

    @GET
    public List<View> list() {
        List<View> views = new ArrayList<>();
        for (LiveDetector d : detectors.all()) {
            Factor own = d.thresholds().detector();
            List<EntityView> entities = new ArrayList<>();
            new TreeMap<>(d.thresholds().entities()).forEach((entity, f) -> entities.add(
                    new EntityView(entity, f.value(), thresholds.pinned(d.name(), entity), f.reason())));
            views.add(new View(d.name(), own.value(), thresholds.pinned(d.name(), ThresholdChange.DETECTOR), own.reason(),
                    d.budget() == null ? null : d.budget().alertsPerDay(), entities));
        }
        return views;
    }

    @PUT
    @Path("{detector}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response set(@PathParam("detector") String detector, Request body, @Context SecurityContext security)
            throws SQLException {
        String caller = caller(security);
        if (caller == null) {
            return Rejection.of(401, "missing API key (header X-Vigil-Api-Key)");
        }
        if (body == null || body.factor() == null) {
            return Rejection.of(400, "the body needs a factor, e.g. {\"factor\": 1.5, \"reason\": \"too chatty\"}");
        }
        if (!(body.factor() >= 0.01 && body.factor() <= 100)) {
            return Rejection.of(400, "factor must be between 0.01 and 100, got " + body.factor());
        }
        if (detectors.named(detector).isEmpty()) {
            return unknown(detector);
        }
        String reason = body.reason() == null || body.reason().isBlank() ? "set by hand" : body.reason().strip();
        ThresholdChange change = thresholds.set(detector, entity(body.entity()), body.factor(),
                body.pinned() == null || body.pinned(), reason, "api:" + caller);
        return Response.ok(change).build();
    }

    @DELETE
    @Path("{detector}/pin")
    public Response unpin(@PathParam("detector") String detector, @QueryParam("entity") String entity,
            @Context SecurityContext security) throws SQLException {
        String caller = caller(security);
        if (caller == null) {
            return Rejection.of(401, "missing API key (header X-Vigil-Api-Key)");
        }
        if (detectors.named(detector).isEmpty()) {
            return unknown(detector);
        }
        String key = entity(entity);
        if (!thresholds.pinned(detector, key)) {
            return Rejection.of(409, "the threshold of " + detector + (key.isEmpty() ? "" : " for " + key) + " is not pinned");
        }
        double factor = thresholds.inForce(detector, key).value();
        return Response.ok(thresholds.set(detector, key, factor, false, "unpinned by hand", "api:" + caller)).build();
    }

    @GET
    @Path("{detector}/history")
    public Response history(@PathParam("detector") String detector, @QueryParam("days") Integer days)
            throws SQLException {
        int span = days == null ? 30 : days;
        if (span < 1 || span > 3660) {
            return Rejection.of(400, "days must be between 1 and 3660, got " + span);
        }
        Instant now = Instant.now();
        return Response.ok(log.history(detector, now.minus(Duration.ofDays(span)), now.plusSeconds(1))).build();
    }

    @POST
    @Path("tune")
    public Response tune(@QueryParam("detector") String detector) throws Exception {
        if (detector != null && detectors.named(detector).isEmpty()) {
            return unknown(detector);
        }
        history.flush(Duration.ofSeconds(30));
        List<BudgetTuner.Outcome> outcomes = detector == null ? tuner.tuneAll() : tuner.tune(detector);
        return Response.ok(Map.of("outcomes", outcomes)).build();
    }

    private Response unknown(String detector) {
        return Rejection.of(404, "unknown detector '" + detector + "', known: "
                + detectors.all().stream().map(LiveDetector::name).toList());
    }

    private static String entity(String entity) {
        return entity == null || entity.isBlank() ? ThresholdChange.DETECTOR : entity.strip();
    }

    private static String caller(SecurityContext security) {
        Principal principal = security == null ? null : security.getUserPrincipal();
        return principal == null ? null : principal.getName();
    }
}
