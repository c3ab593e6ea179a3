package dev.vigil.app.api;

import java.security.Principal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.vigil.alerting.matcher.Matchers;
import dev.vigil.alerting.silence.Silence;
import dev.vigil.alerting.silence.Silences;
import dev.vigil.app.access.Rejection;
import dev.vigil.feedback.effects.Effect;
import dev.vigil.feedback.effects.EffectStore;
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
 * {@code /api/silence-proposals} behind the API key: the silences that "expected" answers proposed
 * ({@code vigil.feedback.expected.silence=propose}), newest first, each with whether it was accepted; {@code POST
 * /api/silence-proposals/{id}/accept} creates the silence (from now until the proposal's end; 409 once accepted or
 * when its end has passed).
 */
@Path("/api/silence-proposals")
@Produces(MediaType.APPLICATION_JSON)
public class SilenceProposalsResource {

    /** A proposal as the API shows it. */
    public record View(long id, String alertId, List<String> matchers, Instant startsAt, Instant endsAt, String detail,
            boolean accepted) {
    }

    private final EffectStore effects;
    private final Silences silences;

    public SilenceProposalsResource(EffectStore effects, Silences silences) {
        this.effects = effects;
        this.silences = silences;
    }

    @GET
    public List<View> list() throws SQLException {
        Set<Long> accepted = acceptedFeedback();
        return effects.ofKind(Effect.SILENCE_PROPOSED).stream().map(p -> new View(p.id(), p.alertId(), p.matchers(),
                p.startsAt(), p.endsAt(), p.detail(), accepted.contains(p.feedbackId()))).toList();
    }

    @POST
    @Path("{id}/accept")
    public synchronized Response accept(@PathParam("id") long id, @Context SecurityContext security) throws SQLException {
        Principal caller = security == null ? null : security.getUserPrincipal();
        if (caller == null) {
            return Rejection.of(401, "missing API key (header X-Vigil-Api-Key)");
        }
        Optional<Effect> proposal = effects.find(id).filter(e -> e.kind().equals(Effect.SILENCE_PROPOSED));
        if (proposal.isEmpty()) {
            return Rejection.of(404, "no silence proposal " + id);
        }
        Effect p = proposal.get();
        if (acceptedFeedback().contains(p.feedbackId())) {
            return Rejection.of(409, "silence proposal " + id + " was accepted already");
        }
        if (!p.endsAt().isAfter(Instant.now())) {
            return Rejection.of(409, "silence proposal " + id + " ended at " + p.endsAt());
        }
        Silence created = silences.create(Matchers.parse(p.matchers()), caller.getName(),
                "accepted proposal " + id + ": " + p.detail(), p.endsAt());
        Effect effect = effects.append(new Effect(0, p.feedbackId(), p.alertId(), Effect.SILENCE_CREATED,
                "silenced " + p.matchers() + " until " + p.endsAt() + ", proposal " + id + " accepted by " + caller.getName(),
                p.matchers(), created.startsAt(), p.endsAt(), created.id(), Instant.now()));
        return Response.status(Response.Status.CREATED).entity(effect).build();
    }

    /** The answers whose proposal became a silence. */
    private Set<Long> acceptedFeedback() throws SQLException {
        return effects.ofKind(Effect.SILENCE_CREATED).stream().map(Effect::feedbackId).collect(Collectors.toSet());
    }
}
