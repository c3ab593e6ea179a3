package dev.vigil.app.api;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.contracts.Feedback;
import dev.vigil.feedback.FeedbackIntake;
import dev.vigil.feedback.FeedbackRejected;
import dev.vigil.feedback.Secrets;
import dev.vigil.feedback.tickets.JiraWebhook;
import dev.vigil.feedback.tickets.ServiceNowResolution;
import dev.vigil.feedback.tickets.TicketAnswer;
import dev.vigil.feedback.tickets.VerdictMapping;
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
 * Ticket systems telling Vigil how an incident ended. {@code POST /webhooks/jira}: Jira Cloud's issue-updated webhook,
 * signed with {@code X-Hub-Signature}. {@code POST /webhooks/servicenow}: a ServiceNow outbound REST message with the
 * header {@code X-Vigil-Token}. The outcome maps to a verdict by configuration. 200 {@code {"stored": true, ...}} or,
 * for an update that says nothing Vigil maps, {@code {"stored": false, "ignored": "<why>"}}; 401 bad signature or
 * token, 404 no alert of that fingerprint, 503 the endpoint's secret is not configured.
 */
@Path("/webhooks")
@Singleton
@Produces(MediaType.APPLICATION_JSON)
public class TicketWebhooksResource {

    private final FeedbackIntake intake;
    private final JiraWebhook jira;
    private final ServiceNowResolution serviceNow;
    private final Optional<String> jiraSecret;
    private final Optional<String> serviceNowToken;

    public TicketWebhooksResource(FeedbackIntake intake, ObjectMapper json,
            @ConfigProperty(name = "vigil.feedback.jira.secret") Optional<String> jiraSecret,
            @ConfigProperty(name = "vigil.feedback.jira.resolutions") String jiraResolutions,
            @ConfigProperty(name = "vigil.feedback.servicenow.token") Optional<String> serviceNowToken,
            @ConfigProperty(name = "vigil.feedback.servicenow.close-codes") String serviceNowCloseCodes) {
        this.intake = intake;
        this.jira = new JiraWebhook(json, VerdictMapping.parse("vigil.feedback.jira.resolutions", jiraResolutions));
        this.serviceNow = new ServiceNowResolution(json,
                VerdictMapping.parse("vigil.feedback.servicenow.close-codes", serviceNowCloseCodes));
        this.jiraSecret = jiraSecret.filter(s -> !s.isBlank());
        this.serviceNowToken = serviceNowToken.filter(s -> !s.isBlank());
    }

    @POST
    @Path("/jira")
    @Consumes(MediaType.WILDCARD)
    public Response jira(byte[] body, @HeaderParam("X-Hub-Signature") String signature)
            throws FeedbackRejected, SQLException {
        String secret = jiraSecret.orElseThrow(() -> intake.rejected("jira",
                new FeedbackRejected(503, "the Jira webhook is off: vigil.feedback.jira.secret is not set")));
        byte[] raw = body == null ? new byte[0] : body;
        StringBuilder ignored = new StringBuilder();
        Optional<TicketAnswer> answer;
        try {
            JiraWebhook.verify(secret, signature, raw);
            answer = jira.parse(raw, ignored);
        } catch (FeedbackRejected rejected) {
            throw intake.rejected("jira", rejected);
        }
        return store("jira", answer, ignored);
    }

    @POST
    @Path("/servicenow")
    @Consumes(MediaType.WILDCARD)
    public Response serviceNow(byte[] body, @HeaderParam("X-Vigil-Token") String token)
            throws FeedbackRejected, SQLException {
        String expected = serviceNowToken.orElseThrow(() -> intake.rejected("servicenow",
                new FeedbackRejected(503, "the ServiceNow endpoint is off: vigil.feedback.servicenow.token is not set")));
        StringBuilder ignored = new StringBuilder();
        Optional<TicketAnswer> answer;
        try {
            if (token == null || token.isBlank()) {
                throw FeedbackRejected.unauthenticated("missing X-Vigil-Token");
            }
            if (!Secrets.constantTimeEquals(expected, token.strip())) {
                throw FeedbackRejected.unauthenticated("X-Vigil-Token is wrong");
            }
            answer = serviceNow.parse(body == null ? new byte[0] : body, ignored);
        } catch (FeedbackRejected rejected) {
            throw intake.rejected("servicenow", rejected);
        }
        return store("servicenow", answer, ignored);
    }

    private Response store(String channel, Optional<TicketAnswer> answer, StringBuilder ignored)
            throws FeedbackRejected, SQLException {
        Map<String, Object> result = new LinkedHashMap<>();
        if (answer.isEmpty()) {
            result.put("stored", false);
            result.put("ignored", ignored.toString());
            return Response.ok(result).build();
        }
        TicketAnswer a = answer.get();
        String alertId = intake.alertOfFingerprint(channel, a.fingerprint());
        var stored = intake.accept(new Feedback(alertId, a.verdict(), channel, a.actor(), a.at(), a.comment()),
                a.reference());
        result.put("stored", true);
        result.put("feedback", FeedbackView.of(stored));
        return Response.ok(result).build();
    }
}
