package dev.vigil.alerting.notify.jira;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.alerting.Alert;
import dev.vigil.alerting.AlertStatus;
import dev.vigil.alerting.notify.AlertText;
import dev.vigil.alerting.notify.NotificationException;
import dev.vigil.alerting.notify.Notifier;
import dev.vigil.alerting.notify.http.HttpCalls;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Opens a Jira Cloud issue per incident and comments on it when the incident resolves, with the REST API v3 and
 * Basic auth (account email : API token). Each issue carries the label {@code vigil-<fingerprint>}, Vigil's
 * idempotency key in Jira:
 * <ul>
 * <li>Firing: {@code GET /rest/api/3/search/jql} with {@code project = "<key>" AND labels = "vigil-<fp>" AND
 * statusCategory != Done} first; when an open issue carries the label (a retry after a lost answer, or the same
 * problem firing again while its issue is open) nothing is created. Otherwise {@code POST /rest/api/3/issue} with
 * {@code project.key}, {@code issuetype.name}, {@code summary} (with the token {@code [vigil:<alert id>]}), an ADF
 * {@code description} (explanation, observed vs expected table, findings) and the labels.</li>
 * <li>Resolved: the newest issue with the label gets the comment "[vigil:<alert id>] resolved …" unless it already
 * has it (so a retry does not comment twice), then, when {@code resolve-transition} is configured (a transition id,
 * or a name looked up in {@code GET …/transitions}) and the issue is not done yet, {@code POST …/transitions}.</li>
 * </ul>
 * The old {@code /rest/api/{2,3}/search} endpoints are gone from Jira Cloud (HTTP 410); {@code /search/jql} is their
 * replacement. 429 (honouring {@code Retry-After}) and 5xx are retried; 400/401/403/404 are permanent.
 */
@ApplicationScoped
public class JiraNotifier implements Notifier {

    /** Jira's summary field holds 255 characters. */
    private static final int SUMMARY_MAX = 255;

    private final Optional<URI> site;
    private final Optional<String> email;
    private final Optional<String> apiToken;
    private final Optional<String> projectKey;
    private final String issueType;
    private final Optional<String> resolveTransition;
    private final ObjectMapper json;
    private final Adf adf;
    private final HttpCalls http;

    public JiraNotifier(@ConfigProperty(name = "vigil.notify.jira.url") Optional<URI> site,
            @ConfigProperty(name = "vigil.notify.jira.email") Optional<String> email,
            @ConfigProperty(name = "vigil.notify.jira.api-token") Optional<String> apiToken,
            @ConfigProperty(name = "vigil.notify.jira.project-key") Optional<String> projectKey,
            @ConfigProperty(name = "vigil.notify.jira.issue-type", defaultValue = "Task") String issueType,
            @ConfigProperty(name = "vigil.notify.jira.resolve-transition") Optional<String> resolveTransition,
            ObjectMapper json) {
        this.site = site;
        this.email = email.filter(s -> !s.isBlank());
        this.apiToken = apiToken.filter(s -> !s.isEmpty());
        this.projectKey = projectKey.map(String::strip).filter(s -> !s.isEmpty());
        this.issueType = issueType;
        this.resolveTransition = resolveTransition.map(String::strip).filter(s -> !s.isEmpty());
        this.json = json;
        this.adf = new Adf(json);
        this.http = new HttpCalls("Jira", json);
    }

    @Override
    public String name() {
        return "jira";
    }

    @Override
    public Optional<String> misconfiguration() {
        String missing = site.isEmpty() ? "vigil.notify.jira.url"
                : email.isEmpty() ? "vigil.notify.jira.email"
                : apiToken.isEmpty() ? "vigil.notify.jira.api-token"
                : projectKey.isEmpty() ? "vigil.notify.jira.project-key" : null;
        return missing == null ? Optional.empty()
                : Notifier.missing("jira", missing);
    }

    /** The label that ties every Jira issue to its incident's fingerprint. */
    public static String label(Alert alert) {
        return "vigil-" + alert.fingerprint();
    }

    /** The token replies and the feedback intake match an alert by. */
    public static String token(Alert alert) {
        return "[vigil:" + alert.id() + "]";
    }

    @Override
    public void send(Alert alert) throws NotificationException {
        requireConfigured();
        if (alert.status() == AlertStatus.FIRING) {
            open(alert);
        } else {
            resolve(alert);
        }
    }

    private void open(Alert alert) throws NotificationException {
        if (search(alert, true).isPresent()) {
            return;
        }
        ObjectNode issue = json.createObjectNode();
        ObjectNode fields = issue.putObject("fields");
        fields.putObject("project").put("key", projectKey.orElseThrow());
        fields.putObject("issuetype").put("name", issueType);
        fields.put("summary", HttpCalls.cut(token(alert) + " " + AlertText.title(alert), SUMMARY_MAX)
                .replaceAll("[\\r\\n]+", " "));
        fields.set("description", adf.doc(
                adf.paragraph(AlertText.headline(alert)),
                adf.table(AlertText.facts(alert)),
                adf.heading(3, "Findings"),
                adf.bulletList(AlertText.findings(alert)),
                adf.paragraph("Opened by Vigil for alert " + token(alert) + ".")));
        fields.putArray("labels").add("vigil").add(label(alert));
        HttpResponse<String> response = http.send(authorised("/rest/api/3/issue")
                .header("Content-Type", "application/json")
                .POST(http.jsonBody(issue)).build());
        if (response.statusCode() != 201) {
            throw http.failure("create issue", response);
        }
    }

    private void resolve(Alert alert) throws NotificationException {
        JsonNode issue = search(alert, false).orElseThrow(() -> NotificationException.permanent(
                "Jira has no issue labelled " + label(alert) + " to resolve for alert " + alert.id()));
        String key = issue.path("key").asText();
        String marker = token(alert) + " resolved";
        if (!hasComment(key, marker)) {
            ObjectNode comment = json.createObjectNode();
            comment.set("body", adf.doc(adf.paragraph(marker + ": " + AlertText.headline(alert)),
                    adf.paragraph("Resolved at " + alert.endsAt() + ", after " + AlertText.lasted(alert) + ".")));
            HttpResponse<String> response = http.send(authorised("/rest/api/3/issue/" + HttpCalls.encode(key) + "/comment")
                    .header("Content-Type", "application/json")
                    .POST(http.jsonBody(comment)).build());
            if (response.statusCode() != 201) {
                throw http.failure("comment on " + key, response);
            }
        }
        boolean done = "done".equals(issue.path("fields").path("status").path("statusCategory").path("key").asText());
        if (resolveTransition.isPresent() && !done) {
            transition(key, resolveTransition.get());
        }
    }

    /** The newest issue in the project with the alert's label; only those not done yet when {@code open}. */
    private Optional<JsonNode> search(Alert alert, boolean open) throws NotificationException {
        String jql = "project = " + quoted(projectKey.orElseThrow()) + " AND labels = " + quoted(label(alert))
                + (open ? " AND statusCategory != Done" : "") + " ORDER BY created DESC";
        HttpResponse<String> response = http.send(authorised("/rest/api/3/search/jql?jql=" + HttpCalls.encode(jql)
                + "&fields=status&maxResults=1").GET().build());
        if (response.statusCode() != 200) {
            throw http.failure("search", response);
        }
        JsonNode issues = http.read(response).path("issues");
        return issues.isArray() && !issues.isEmpty() ? Optional.of(issues.get(0)) : Optional.empty();
    }

    private boolean hasComment(String key, String marker) throws NotificationException {
        HttpResponse<String> response = http.send(authorised("/rest/api/3/issue/" + HttpCalls.encode(key)
                + "/comment?orderBy=-created&maxResults=50").GET().build());
        if (response.statusCode() != 200) {
            throw http.failure("read comments of " + key, response);
        }
        for (JsonNode comment : http.read(response).path("comments")) {
            if (comment.path("body").toString().contains(marker)) {
                return true;
            }
        }
        return false;
    }

    private void transition(String key, String configured) throws NotificationException {
        String id = configured.chars().allMatch(Character::isDigit) ? configured : transitionId(key, configured);
        ObjectNode body = json.createObjectNode();
        body.putObject("transition").put("id", id);
        HttpResponse<String> response = http.send(authorised("/rest/api/3/issue/" + HttpCalls.encode(key) + "/transitions")
                .header("Content-Type", "application/json")
                .POST(http.jsonBody(body)).build());
        if (response.statusCode() != 204) {
            throw http.failure("transition " + key + " (" + configured + ")", response);
        }
    }

    private String transitionId(String key, String name) throws NotificationException {
        HttpResponse<String> response = http.send(authorised("/rest/api/3/issue/" + HttpCalls.encode(key) + "/transitions")
                .GET().build());
        if (response.statusCode() != 200) {
            throw http.failure("list transitions of " + key, response);
        }
        List<String> available = new ArrayList<>();
        for (JsonNode t : http.read(response).path("transitions")) {
            if (t.path("name").asText().equalsIgnoreCase(name)) {
                return t.path("id").asText();
            }
            available.add(t.path("name").asText());
        }
        throw NotificationException.permanent("Jira issue " + key + " has no transition named '" + name
                + "' (vigil.notify.jira.resolve-transition); available now: " + available);
    }

    private HttpRequest.Builder authorised(String pathAndQuery) {
        return http.request(HttpCalls.join(site.orElseThrow(), pathAndQuery))
                .header("Authorization", HttpCalls.basic(email.orElseThrow(), apiToken.orElseThrow()));
    }

    /** A JQL string literal. */
    static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
