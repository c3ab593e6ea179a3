package dev.vigil.app.api;

import java.security.Principal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import dev.vigil.alerting.matcher.Matcher;
import dev.vigil.alerting.matcher.Matchers;
import dev.vigil.alerting.silence.Silence;
import dev.vigil.alerting.silence.Silences;
import dev.vigil.app.access.ApiKeyFilter;
import dev.vigil.app.access.Rejection;
import dev.vigil.app.query.SilenceView;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.jboss.logging.Logger;

/**
 * {@code /api/silences}: list, create and expire silences behind the API key ({@link ApiKeyFilter}). A silence mutes
 * the firing alerts its matchers match (Alertmanager syntax: {@code entity=~"boiler-.*"}, {@code site="plant-1"},
 * over the alert's labels plus {@code detector}, {@code source}, {@code entity}, {@code severity}) until it ends;
 * resolves are never muted. Who created or expired a silence is recorded: the API key's name, or the console user's.
 * Created silences live in memory (the configured ones come back after a restart).
 */
@Path("/api/silences")
@Produces(MediaType.APPLICATION_JSON)
public class SilencesResource {

    /** A silence to create: matchers, why, and until when (ISO-8601 instant). */
    public record Request(List<String> matchers, String comment, String endsAt) {
    }

    private static final Logger LOG = Logger.getLogger(SilencesResource.class);

    private final Silences silences;

    public SilencesResource(Silences silences) {
        this.silences = silences;
    }

    @GET
    public List<SilenceView> list() {
        return silences.list().stream().map(SilenceView::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(Request body, @Context SecurityContext security) {
        Principal caller = caller(security);
        if (caller == null) {
            return Rejection.of(401, "missing API key (header X-Vigil-Api-Key)");
        }
        if (body == null || body.matchers() == null || body.matchers().isEmpty()) {
            return Rejection.of(400, "a silence needs matchers, e.g. [\"entity=~\\\"boiler-.*\\\"\"]");
        }
        if (body.endsAt() == null) {
            return Rejection.of(400, "a silence needs endsAt, an ISO-8601 instant such as 2026-12-24T18:00:00Z");
        }
        Instant endsAt;
        try {
            endsAt = Instant.parse(body.endsAt());
        } catch (DateTimeParseException e) {
            return Rejection.of(400, "endsAt '" + body.endsAt() + "' is not an ISO-8601 instant such as 2026-12-24T18:00:00Z");
        }
        if (!endsAt.isAfter(Instant.now())) {
            return Rejection.of(400, "endsAt " + endsAt + " is not in the future");
        }
        try {
            Silence created = silences.create(Matchers.parse(body.matchers()), caller.getName(), body.comment(), endsAt);
            LOG.infof("Silence %s created by %s until %s: %s", created.id(), created.creator(), endsAt,
                    created.matchers().all());
            return Response.status(Response.Status.CREATED).entity(SilenceView.of(created)).build();
        } catch (IllegalArgumentException e) {
            return Rejection.of(400, e.getMessage());
        }
    }

    @DELETE
    @Path("{id}")
    public Response expire(@PathParam("id") String id, @Context SecurityContext security) {
        Principal caller = caller(security);
        if (caller == null) {
            return Rejection.of(401, "missing API key (header X-Vigil-Api-Key)");
        }
        return silences.expire(id, caller.getName()).map(s -> {
            LOG.infof("Silence %s expired by %s", s.id(), caller.getName());
            return Response.ok(SilenceView.of(s)).build();
        }).orElseGet(() -> Rejection.of(404, "unknown silence '" + id + "'"));
    }

    private static Principal caller(SecurityContext security) {
        return security == null ? null : security.getUserPrincipal();
    }
}
