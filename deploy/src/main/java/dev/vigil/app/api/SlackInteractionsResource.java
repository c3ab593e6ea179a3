package dev.vigil.app.api;

import java.net.http.HttpClient;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.contracts.Feedback;
import dev.vigil.feedback.FeedbackIntake;
import dev.vigil.feedback.FeedbackRejected;
import dev.vigil.feedback.slack.BlockActionsPayload;
import dev.vigil.feedback.slack.SlackAnswerUpdate;
import dev.vigil.feedback.slack.SlackClick;
import dev.vigil.feedback.slack.SlackSignatureVerifier;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slack's interactivity Request URL ({@code POST /slack/interactions}): a click on an alert message's Confirm /
 * False alarm / Expected button. The signature is checked on the raw body before anything is read; the answer is
 * stored and Slack is answered 200 at once (Slack gives up after 3 s), and the message is then updated through the
 * payload's {@code response_url} to show who answered what. 401 bad or stale signature, 400 a payload that is not a
 * Vigil button, 404 unknown alert, 503 no signing secret configured.
 */
@Path("/slack/interactions")
@Singleton
public class SlackInteractionsResource {

    private final FeedbackIntake intake;
    private final BlockActionsPayload payloads;
    private final SlackAnswerUpdate update;
    private final SlackSignatureVerifier verifier;

    public SlackInteractionsResource(FeedbackIntake intake, ObjectMapper json,
            @ConfigProperty(name = "vigil.feedback.slack.signing-secret") Optional<String> signingSecret,
            @ConfigProperty(name = "vigil.feedback.slack.response-url-prefix", defaultValue = "https://hooks.slack.com/")
            String responseUrlPrefix) {
        this.intake = intake;
        this.payloads = new BlockActionsPayload(json);
        this.update = new SlackAnswerUpdate(json,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), responseUrlPrefix);
        this.verifier = signingSecret.filter(s -> !s.isBlank())
                .map(secret -> new SlackSignatureVerifier(secret, Clock.systemUTC())).orElse(null);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response interaction(byte[] body, @HeaderParam("X-Slack-Request-Timestamp") String timestamp,
            @HeaderParam("X-Slack-Signature") String signature) throws FeedbackRejected, SQLException {
        if (verifier == null) {
            throw intake.rejected("slack", new FeedbackRejected(503,
                    "Slack interactivity is off: vigil.feedback.slack.signing-secret is not set"));
        }
        byte[] raw = body == null ? new byte[0] : body;
        try {
            verifier.verify(timestamp, signature, raw);
        } catch (FeedbackRejected rejected) {
            throw intake.rejected("slack", rejected);
        }
        SlackClick click;
        try {
            click = payloads.parse(raw);
        } catch (FeedbackRejected rejected) {
            throw intake.rejected("slack", rejected);
        }
        intake.accept(new Feedback(click.alertId(), click.verdict(), "slack", click.userName(), click.at(), ""),
                click.reference());
        update.send(click);
        return Response.ok().build();
    }
}
