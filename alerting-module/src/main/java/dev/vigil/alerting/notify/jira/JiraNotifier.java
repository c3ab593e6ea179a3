package dev.vigil.alerting.notify.jira;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.alerting.notify.Delivery;
import dev.vigil.alerting.notify.NotificationException;
import dev.vigil.alerting.notify.Notifier;
import dev.vigil.alerting.notify.http.HttpCalls;
import dev.vigil.alerting.notify.template.NotificationTemplate;
import dev.vigil.alerting.notify.template.NotificationTemplates;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One Jira issue per incident, through the REST API v2 with Basic auth (account email : API token on Cloud). Every
 * issue carries the label {@code vigil-<fingerprint>}, which ties it to its incident, and every text Vigil writes
 * carries the notification's idempotency key, so a repeated delivery never shows twice:
 * <ul>
 * <li>Firing, first notification of the incident: the open issue with the label is searched
 * ({@code project = "<key>" AND labels = "vigil-<fp>" AND statusCategory != Done}). None: {@code POST
 * /rest/api/2/issue} with {@code project.key}, {@code issuetype.name}, {@code priority.name} (from the severity,
 * {@code vigil.notify.jira.priorities}), {@code summary} (with the token {@code [vigil:<alert id>]}), the labels and a
 * plain-text {@code description}: the whole alert, evidence included, and the idempotency key. One whose description
 * holds this notification's key is this very issue, created by an attempt whose answer was lost: nothing more. Any
 * other open issue is reused: it gets a comment instead of a twin.</li>
 * <li>Firing again (an upgrade, a repeat): a comment on the incident's issue (the key the outbox remembered from the
 * first notification), unless one with this notification's key is already there.</li>
 * <li>Resolved: the comment "[vigil:<alert id>] resolved …" (again only once per key), then, when
 * {@code resolve-transition} is configured (a transition id, or a name looked up in {@code GET …/transitions}) and
 * the issue is not done yet, {@code POST …/transitions}.</li>
 * </ul>
 * Texts are sent inside a {@code {noformat}} block: v2 takes descriptions and comments as wiki markup, where an
 * entity such as {@code temperature{site=plant-1}} would read as a macro and {@code [vigil:…]} as a link.
 * <p>
 * Search: {@code GET /rest/api/2/search/jql}, Jira Cloud's JQL search; the older {@code /rest/api/2/search} answers
 * 410 Gone on Cloud (Atlassian CHANGE-2046) but is the only one Jira Data Center has, so a 404 from
 * {@code /search/jql} switches to it. Cloud's search is eventually consistent (an issue created a second ago may not
 * be found yet), which is why later notifications use the issue key remembered from the first rather than searching.
 * 429 (honouring {@code Retry-After}), 408 and 5xx are retried; 400/401/403/404 are permanent.
 */
@ApplicationScoped
public class JiraNotifier implements Notifier {

    /** Jira's summary field holds 255 characters; descriptions and comments 32,767. */
    private static final int SUMMARY_MAX = 255;
    private static final int TEXT_MAX = 32_000;
    static final String SEARCH = "/rest/api/2/search/jql";
    static final String DATA_CENTER_SEARCH = "/rest/api/2/search";

    private final Optional<URI> site;
    private final Optional<String> email;
    private final Optional<String> apiToken;
    private final Optional<String> projectKey;
    private final String issueType;
    private final Optional<String> resolveTransition;
    private final Map<Severity, String> priorities;
    private final Optional<String> prioritiesProblem;
    private final ObjectMapper json;
    private final NotificationTemplates templates;
    private final HttpCalls http;
    private volatile String searchPath = SEARCH;

    public JiraNotifier(@ConfigProperty(name = "vigil.notify.jira.url") Optional<URI> site,
            @ConfigProperty(name = "vigil.notify.jira.email") Optional<String> email,
            @ConfigProperty(name = "vigil.notify.jira.api-token") Optional<String> apiToken,
            @ConfigProperty(name = "vigil.notify.jira.project-key") Optional<String> projectKey,
            @ConfigProperty(name = "vigil.notify.jira.issue-type", defaultValue = "Task") String issueType,
            @ConfigProperty(name = "vigil.notify.jira.resolve-transition") Optional<String> resolveTransition,
            @ConfigProperty(name = "vigil.notify.jira.priorities", defaultValue = "CRITICAL:High,WARNING:Medium")
            String priorities,
            ObjectMapper json, NotificationTemplates templates) {
        this.templates = templates;
        this.site = site;
        this.email = email.filter(s -> !s.isBlank());
        this.apiToken = apiToken.filter(s -> !s.isEmpty());
        this.projectKey = projectKey.map(String::strip).filter(s -> !s.isEmpty());
        this.issueType = issueType;
        this.resolveTransition = resolveTransition.map(String::strip).filter(s -> !s.isEmpty());
        this.priorities = new EnumMap<>(Severity.class);
        this.prioritiesProblem = parsePriorities(priorities, this.priorities);
        this.json = json;
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
        return missing == null ? prioritiesProblem : Notifier.missing("jira", missing);
    }

    /** The label that ties every Jira issue to its incident's fingerprint. */
    public static String label(Alert alert) {
        return "vigil-" + alert.fingerprint();
    }

    /** The line every text Vigil writes into Jira ends with: what tells a repeated delivery from a new one. */
    static String marker(Delivery delivery) {
        return "(vigil notification " + delivery.idempotencyKey() + ")";
    }

    /** @return the issue's key */
    @Override
    public Optional<String> send(Delivery delivery) throws NotificationException {
        requireConfigured();
        return Optional.of(delivery.alert().status() == AlertStatus.FIRING ? open(delivery) : resolve(delivery));
    }

    private String open(Delivery delivery) throws NotificationException {
        Alert alert = delivery.alert();
        String again = templates.render(NotificationTemplate.JIRA_FIRING_AGAIN, alert);
        if (delivery.earlierReference().isPresent()) {
            String key = delivery.earlierReference().get();
            commentOnce(key, delivery, again);
            return key;
        }
        Optional<JsonNode> open = search(alert, true);
        if (open.isPresent()) {
            String key = open.get().path("key").asText();
            if (!open.get().path("fields").path("description").asText("").contains(marker(delivery))) {
                commentOnce(key, delivery, again);
            }
            return key;
        }
        ObjectNode issue = json.createObjectNode();
        ObjectNode fields = issue.putObject("fields");
        fields.putObject("project").put("key", projectKey.orElseThrow());
        fields.putObject("issuetype").put("name", issueType);
        String priority = priorities.get(alert.severity());
        if (priority != null) {
            fields.putObject("priority").put("name", priority);
        }
        fields.put("summary", HttpCalls.cut(templates.render(NotificationTemplate.JIRA_SUMMARY, alert), SUMMARY_MAX)
                .replaceAll("[\\r\\n]+", " "));
        fields.put("description", literal(templates.render(NotificationTemplate.JIRA_DESCRIPTION, alert) + "\n"
                + marker(delivery)));
        fields.putArray("labels").add("vigil").add(label(alert));
        HttpResponse<String> response = http.send(authorised("/rest/api/2/issue")
                .header("Content-Type", "application/json")
                .POST(http.jsonBody(issue)).build());
        if (response.statusCode() != 201) {
            throw http.failure("create issue", response);
        }
        try {
            return http.read(response).path("key").asText("");
        } catch (NotificationException notJson) {
            return ""; // created; only the key to log is missing
        }
    }

    private String resolve(Delivery delivery) throws NotificationException {
        Alert alert = delivery.alert();
        JsonNode issue = (delivery.earlierReference().isPresent() ? Optional.of(issue(delivery.earlierReference().get()))
                : search(alert, false)).orElseThrow(() -> NotificationException.permanent(
                        "Jira has no issue labelled " + label(alert) + " to resolve for alert " + alert.id()));
        String key = issue.path("key").asText();
        commentOnce(key, delivery, templates.render(NotificationTemplate.JIRA_RESOLVED, alert));
        boolean done = "done".equals(issue.path("fields").path("status").path("statusCategory").path("key").asText());
        if (resolveTransition.isPresent() && !done) {
            transition(key, resolveTransition.get());
        }
        return key;
    }

    /** The newest issue in the project with the alert's label; only those not done yet when {@code open}. */
    private Optional<JsonNode> search(Alert alert, boolean open) throws NotificationException {
        String jql = "project = " + quoted(projectKey.orElseThrow()) + " AND labels = " + quoted(label(alert))
                + (open ? " AND statusCategory != Done" : "") + " ORDER BY created DESC";
        String query = "?jql=" + HttpCalls.encode(jql) + "&fields=status,description&maxResults=1";
        HttpResponse<String> response = http.send(authorised(searchPath + query).GET().build());
        if (response.statusCode() == 404 && SEARCH.equals(searchPath)) {
            searchPath = DATA_CENTER_SEARCH; // Jira Data Center: no /search/jql
            response = http.send(authorised(searchPath + query).GET().build());
        }
        if (response.statusCode() != 200) {
            throw http.failure("search", response);
        }
        JsonNode issues = http.read(response).path("issues");
        return issues.isArray() && !issues.isEmpty() ? Optional.of(issues.get(0)) : Optional.empty();
    }

    private JsonNode issue(String key) throws NotificationException {
        HttpResponse<String> response = http.send(authorised("/rest/api/2/issue/" + HttpCalls.encode(key)
                + "?fields=status").GET().build());
        if (response.statusCode() != 200) {
            throw http.failure("read issue " + key, response);
        }
        return http.read(response);
    }

    private void commentOnce(String key, Delivery delivery, String text) throws NotificationException {
        if (hasComment(key, marker(delivery))) {
            return;
        }
        ObjectNode comment = json.createObjectNode().put("body", literal(text + "\n" + marker(delivery)));
        HttpResponse<String> response = http.send(authorised("/rest/api/2/issue/" + HttpCalls.encode(key) + "/comment")
                .header("Content-Type", "application/json")
                .POST(http.jsonBody(comment)).build());
        if (response.statusCode() != 201) {
            throw http.failure("comment on " + key, response);
        }
    }

    private boolean hasComment(String key, String marker) throws NotificationException {
        HttpResponse<String> response = http.send(authorised("/rest/api/2/issue/" + HttpCalls.encode(key)
                + "/comment?orderBy=-created&maxResults=50").GET().build());
        if (response.statusCode() != 200) {
            throw http.failure("read comments of " + key, response);
        }
        for (JsonNode comment : http.read(response).path("comments")) {
            if (comment.path("body").asText("").contains(marker)) {
                return true;
            }
        }
        return false;
    }

    private void transition(String key, String configured) throws NotificationException {
        String id = configured.chars().allMatch(Character::isDigit) ? configured : transitionId(key, configured);
        ObjectNode body = json.createObjectNode();
        body.putObject("transition").put("id", id);
        HttpResponse<String> response = http.send(authorised("/rest/api/2/issue/" + HttpCalls.encode(key) + "/transitions")
                .header("Content-Type", "application/json")
                .POST(http.jsonBody(body)).build());
        if (response.statusCode() != 204) {
            throw http.failure("transition " + key + " (" + configured + ")", response);
        }
    }

    private String transitionId(String key, String name) throws NotificationException {
        HttpResponse<String> response = http.send(authorised("/rest/api/2/issue/" + HttpCalls.encode(key) + "/transitions")
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

    /** Text shown as it is in wiki markup: one {noformat} block, which nothing inside can close. */
    static String literal(String text) {
        String inner = text.replaceAll("(?i)\\{noformat}", "{ noformat}");
        return "{noformat}\n" + HttpCalls.cut(inner, TEXT_MAX) + "\n{noformat}";
    }

    /** A JQL string literal. */
    static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** {@code CRITICAL:High,WARNING:Medium}; {@code none}: no priority is set (projects whose screens lack the field). */
    private static Optional<String> parsePriorities(String text, Map<Severity, String> into) {
        if (text.strip().equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] parts = pair.split(":", 2);
            try {
                if (parts.length != 2 || parts[1].isBlank()) {
                    throw new IllegalArgumentException("no priority name");
                }
                into.put(Severity.valueOf(parts[0].strip().toUpperCase(Locale.ROOT)), parts[1].strip());
            } catch (IllegalArgumentException e) {
                return Optional.of("receiver 'jira': vigil.notify.jira.priorities must be SEVERITY:Priority pairs such as"
                        + " CRITICAL:High,WARNING:Medium (or none), got '" + pair.strip() + "'");
            }
        }
        return Optional.empty();
    }
}
