package dev.vigil.alerting.notify.servicenow;

import java.net.URI;
import java.net.http.HttpResponse;
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
 * Opens and resolves ServiceNow incidents through the Table API, with Basic auth.
 * <ul>
 * <li>Firing: {@code GET /api/now/table/incident?sysparm_query=correlation_id=<fingerprint>^stateNOT IN6,7,8} first
 * ({@code correlation_id} is the incident's idempotency key in ServiceNow). When an open incident already carries the
 * fingerprint (a retry after a lost answer, the same problem firing again, an upgrade) nothing is created: if the
 * severity asks for another urgency, {@code PATCH} sets {@code urgency}, {@code impact} and a {@code work_notes} line
 * naming the notification's idempotency key (a retry finds the urgency already set and changes nothing). Otherwise
 * {@code POST /api/now/table/incident} with {@code short_description}, {@code description} (the whole alert as
 * plain text, evidence included), {@code urgency}/{@code impact} from the severity (CRITICAL 1/1, WARNING 2/2),
 * {@code correlation_id} = fingerprint and {@code correlation_display} = "Vigil".</li>
 * <li>Resolved: the newest incident with the fingerprint is looked up and, unless it is already resolved, closed or
 * canceled, {@code PATCH /api/now/table/incident/{sys_id}} sets {@code state} 6 (Resolved), {@code close_code} and
 * {@code close_notes}.</li>
 * </ul>
 * 429 (honouring {@code Retry-After}) and 5xx are retried; 400/401/403/404 are permanent.
 */
@ApplicationScoped
public class ServiceNowNotifier implements Notifier {

    /** incident.state: 6 Resolved, 7 Closed, 8 Canceled. */
    static final String RESOLVED = "6";
    private static final String NOT_OPEN = "6,7,8";
    /** The base system's incident.short_description holds 160 characters. */
    private static final int SHORT_DESCRIPTION_MAX = 160;

    private final Optional<URI> instance;
    private final Optional<String> username;
    private final Optional<String> password;
    private final String closeCode;
    private final ObjectMapper json;
    private final NotificationTemplates templates;
    private final HttpCalls http;

    public ServiceNowNotifier(@ConfigProperty(name = "vigil.notify.servicenow.instance-url") Optional<URI> instance,
            @ConfigProperty(name = "vigil.notify.servicenow.username") Optional<String> username,
            @ConfigProperty(name = "vigil.notify.servicenow.password") Optional<String> password,
            @ConfigProperty(name = "vigil.notify.servicenow.close-code", defaultValue = "Solution provided") String closeCode,
            ObjectMapper json, NotificationTemplates templates) {
        this.instance = instance;
        this.templates = templates;
        this.username = username.filter(s -> !s.isBlank());
        this.password = password.filter(s -> !s.isEmpty());
        this.closeCode = closeCode;
        this.json = json;
        this.http = new HttpCalls("ServiceNow", json);
    }

    @Override
    public String name() {
        return "servicenow";
    }

    @Override
    public Optional<String> misconfiguration() {
        if (instance.isEmpty()) {
            return Notifier.missing("servicenow", "vigil.notify.servicenow.instance-url");
        }
        if (username.isEmpty()) {
            return Notifier.missing("servicenow", "vigil.notify.servicenow.username");
        }
        if (password.isEmpty()) {
            return Notifier.missing("servicenow", "vigil.notify.servicenow.password");
        }
        return Optional.empty();
    }

    /** @return the incident's number */
    @Override
    public Optional<String> send(Delivery delivery) throws NotificationException {
        requireConfigured();
        return Optional.of(delivery.alert().status() == AlertStatus.FIRING ? open(delivery) : resolve(delivery.alert()));
    }

    private String open(Delivery delivery) throws NotificationException {
        Alert alert = delivery.alert();
        String level = alert.severity() == Severity.CRITICAL ? "1" : "2";
        Optional<JsonNode> open = find("correlation_id=" + alert.fingerprint() + "^stateNOT IN" + NOT_OPEN);
        if (open.isPresent()) {
            if (!level.equals(open.get().path("urgency").asText(level))) {
                ObjectNode change = json.createObjectNode();
                change.put("urgency", level);
                change.put("impact", level);
                change.put("work_notes", templates.render(NotificationTemplate.SERVICENOW_WORK_NOTE, alert)
                        + " (alert " + alert.id() + ", notification " + delivery.idempotencyKey() + ")");
                patch(open.get(), change, "update incident");
            }
            return open.get().path("number").asText();
        }
        ObjectNode incident = json.createObjectNode();
        incident.put("short_description", HttpCalls.cut(templates.render(
                NotificationTemplate.SERVICENOW_SHORT_DESCRIPTION, alert), SHORT_DESCRIPTION_MAX));
        incident.put("description", templates.render(NotificationTemplate.SERVICENOW_DESCRIPTION, alert) + "\n");
        incident.put("urgency", level);
        incident.put("impact", level);
        incident.put("correlation_id", alert.fingerprint());
        incident.put("correlation_display", "Vigil");
        HttpResponse<String> response = http.send(authorised(HttpCalls.join(instance.orElseThrow(), "/api/now/table/incident"))
                .header("Content-Type", "application/json")
                .POST(http.jsonBody(incident))
                .build());
        if (response.statusCode() != 201) {
            throw http.failure("create incident", response);
        }
        return numberOf(response);
    }

    private String resolve(Alert alert) throws NotificationException {
        JsonNode incident = find("correlation_id=" + alert.fingerprint() + "^ORDERBYDESCsys_created_on")
                .orElseThrow(() -> NotificationException.permanent("ServiceNow has no incident with correlation_id "
                        + alert.fingerprint() + " to resolve for alert " + alert.id()));
        String state = incident.path("state").asText();
        if (!RESOLVED.equals(state) && !"7".equals(state) && !"8".equals(state)) {
            ObjectNode change = json.createObjectNode();
            change.put("state", RESOLVED);
            change.put("close_code", closeCode);
            change.put("close_notes", templates.render(NotificationTemplate.SERVICENOW_CLOSE_NOTES, alert));
            patch(incident, change, "resolve incident");
        }
        return incident.path("number").asText();
    }

    private void patch(JsonNode incident, ObjectNode change, String what) throws NotificationException {
        String sysId = incident.path("sys_id").asText();
        HttpResponse<String> response = http.send(authorised(HttpCalls.join(instance.orElseThrow(),
                "/api/now/table/incident/" + HttpCalls.encode(sysId)))
                .header("Content-Type", "application/json")
                .method("PATCH", http.jsonBody(change))
                .build());
        if (response.statusCode() != 200) {
            throw http.failure(what + " " + incident.path("number").asText(sysId), response);
        }
    }

    /** The created incident's number; the create is done, so an answer without one is only less to log. */
    private String numberOf(HttpResponse<String> response) {
        try {
            return http.read(response).path("result").path("number").asText("");
        } catch (NotificationException notJson) {
            return "";
        }
    }

    /** The first incident matching an encoded query, with the fields the receiver reads. */
    private Optional<JsonNode> find(String encodedQuery) throws NotificationException {
        URI uri = HttpCalls.join(instance.orElseThrow(), "/api/now/table/incident?sysparm_query=" + HttpCalls.encode(encodedQuery)
                + "&sysparm_fields=sys_id,number,state,urgency&sysparm_limit=1&sysparm_exclude_reference_link=true");
        HttpResponse<String> response = http.send(authorised(uri).GET().build());
        if (response.statusCode() != 200) {
            throw http.failure("incident lookup", response);
        }
        JsonNode result = http.read(response).path("result");
        return result.isArray() && !result.isEmpty() ? Optional.of(result.get(0)) : Optional.empty();
    }

    private java.net.http.HttpRequest.Builder authorised(URI uri) {
        return http.request(uri).header("Authorization", HttpCalls.basic(username.orElseThrow(), password.orElseThrow()));
    }
}
