package dev.vigil.app.api;

import java.security.Principal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.vigil.app.access.Rejection;
import dev.vigil.contracts.Feedback;
import dev.vigil.contracts.Verdict;
import dev.vigil.feedback.FeedbackIntake;
import dev.vigil.feedback.FeedbackRejected;
import dev.vigil.feedback.effects.EffectStore;
import dev.vigil.feedback.store.FeedbackStore;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code POST /api/alerts/{id}/feedback} with {@code {"verdict": "FALSE_ALARM", "comment": "..."}}: the answer of the
 * API key's owner (the key is checked by the application's filter for {@code /api/**}, which names the caller in the
 * request's security context), or of the user logged in to the operator console (a form-authenticated session:
 * channel {@code console}). 201 with the stored answer; 400 unknown verdict, 401 no or wrong key, 404 unknown
 * alert. {@code GET} the same path for the alert's current verdict, its history and what the answers changed
 * ({@code effects}: a reset baseline, a proposed or created silence, a raised threshold).
 */
@Path("/api/alerts/{id}/feedback")
@Produces(MediaType.APPLICATION_JSON)
public class FeedbackResource {

    /** The JSON body; {@code channel} may be {@code cli} (the ./vigil feedback command), else it is {@code rest}. */
    public record Request(String verdict, String comment, String channel) {
    }

    private final FeedbackIntake intake;
    private final FeedbackStore store;
    private final EffectStore effects;

    public FeedbackResource(FeedbackIntake intake, FeedbackStore store, EffectStore effects) {
        this.intake = intake;
        this.store = store;
        this.effects = effects;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response answer(@PathParam("id") String alertId, Request body, @Context SecurityContext security)
            throws FeedbackRejected, SQLException {
        Principal caller = security == null ? null : security.getUserPrincipal();
        boolean console = caller != null && SecurityContext.FORM_AUTH.equals(security.getAuthenticationScheme());
        String channel = console ? "console" : body != null && "cli".equals(body.channel()) ? "cli" : "rest";
        if (caller == null) {
            throw intake.rejected(channel, FeedbackRejected.unauthenticated("no API key (header X-Vigil-Api-Key)"));
        }
        if (body == null || body.verdict() == null || body.verdict().isBlank()) {
            throw intake.rejected(channel, FeedbackRejected.badRequest("the body needs a verdict, one of "
                    + List.of(Verdict.values())));
        }
        Verdict verdict = Verdict.named(body.verdict()).orElseThrow(() -> intake.rejected(channel,
                FeedbackRejected.badRequest("unknown verdict '" + body.verdict() + "', known: "
                        + List.of(Verdict.values()))));
        var stored = intake.accept(new Feedback(alertId, verdict, channel, caller.getName(), Instant.now(),
                body.comment()), (console ? "console session of " : "api key ") + caller.getName());
        return Response.status(Response.Status.CREATED).entity(FeedbackView.of(stored)).build();
    }

    @GET
    public Response history(@PathParam("id") String alertId) throws SQLException {
        List<FeedbackView> history = store.history(alertId).stream().map(FeedbackView::of).toList();
        if (history.isEmpty()) {
            return Rejection.of(404, "no feedback on alert '" + alertId + "'");
        }
        return Response.ok(Map.of("current", history.get(history.size() - 1), "history", history, "effects",
                effects.ofAlert(alertId))).build();
    }
}
