package dev.vigil.alerting.notify;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alerting.notify.alertmanager.AlertmanagerNotifier;
import dev.vigil.alerting.notify.camel.CamelNotifier;
import dev.vigil.alerting.notify.console.ConsoleNotifier;
import dev.vigil.alerting.notify.email.EmailNotifier;
import dev.vigil.alerting.notify.jira.JiraNotifier;
import dev.vigil.alerting.notify.msteams.MsTeamsNotifier;
import dev.vigil.alerting.notify.opsgenie.OpsgenieNotifier;
import dev.vigil.alerting.notify.pagerduty.PagerDutyNotifier;
import dev.vigil.alerting.notify.servicenow.ServiceNowNotifier;
import dev.vigil.alerting.notify.slack.SlackNotifier;
import dev.vigil.alerting.notify.template.NotificationTemplates;
import dev.vigil.alerting.notify.webhook.WebhookNotifier;
import dev.vigil.alerting.store.AlertJson;
import org.apache.camel.CamelContext;

/**
 * The kinds of integration a named receiver may have, the settings each takes (the same keys as its
 * {@code vigil.notify.<kind>.*} properties), which of them are secrets, and how one is made from its settings. A
 * setting the receiver does not give is taken from {@code vigil.notify.<kind>.<key>}, so a token shared by every team
 * is set once, in the environment.
 */
public final class Integrations {

    /** The settings of each kind. */
    public static final Map<String, Set<String>> KEYS = Map.ofEntries(
            Map.entry("console", Set.<String>of()),
            Map.entry("slack", Set.of("webhook-url", "bot-token", "channel", "api-url")),
            Map.entry("email", Set.of("host", "port", "username", "password", "from", "to", "starttls")),
            Map.entry("jira", Set.of("url", "email", "api-token", "project-key", "issue-type", "resolve-transition", "priorities")),
            Map.entry("servicenow", Set.of("instance-url", "username", "password", "close-code")),
            Map.entry("pagerduty", Set.of("routing-key", "url")),
            Map.entry("webhook", Set.of("url", "secret")),
            Map.entry("alertmanager", Set.of("urls", "external-url", "hold")),
            Map.entry("msteams", Set.of("webhook-url")),
            Map.entry("opsgenie", Set.of("api-key", "api-url", "responders")),
            Map.entry("camel", Set.of("uri")));

    /** Settings that are durations, written {@code 30s}, {@code 24h} or ISO-8601. */
    public static final Set<String> DURATIONS = Set.of("hold");

    /** Settings that are secrets: in the alerting file only as an environment reference, {@code ${NAME}}. */
    public static final Set<String> SECRETS = Set.of("webhook-url", "bot-token", "password", "api-token", "routing-key",
            "secret", "api-key");

    private Integrations() {
    }

    /**
     * One integration of a kind from its own settings, the rest from {@code vigil.notify.<kind>.*}.
     *
     * @param properties the application's configuration, by property name
     */
    public static Notifier create(String kind, Map<String, String> own, Function<String, Optional<String>> properties,
            Tools tools) {
        Settings s = new Settings(kind, own, properties);
        ObjectMapper json = tools.json();
        NotificationTemplates templates = tools.templates();
        return switch (kind) {
            case "console" -> new ConsoleNotifier();
            case "slack" -> slack(s, json, templates);
            case "email" -> new EmailNotifier(s.get("host"), Integer.parseInt(s.get("port").orElse("587")),
                    s.get("username"), s.get("password"), s.get("from"), s.get("to").map(Settings::list),
                    Boolean.parseBoolean(s.get("starttls").orElse("true")), templates);
            case "jira" -> new JiraNotifier(s.uri("url"), s.get("email"), s.get("api-token"), s.get("project-key"),
                    s.get("issue-type").orElse("Task"), s.get("resolve-transition"),
                    s.get("priorities").orElse("CRITICAL:High,WARNING:Medium"), json, templates);
            case "servicenow" -> new ServiceNowNotifier(s.uri("instance-url"), s.get("username"), s.get("password"),
                    s.get("close-code").orElse("Solution provided"), json, templates);
            case "pagerduty" -> new PagerDutyNotifier(s.get("routing-key"),
                    URI.create(s.get("url").orElse("https://events.pagerduty.com/v2/enqueue")), json, templates);
            case "webhook" -> new WebhookNotifier(s.uri("url"), s.get("secret"), json, templates);
            case "alertmanager" -> new AlertmanagerNotifier(s.get("urls").map(Settings::list).orElse(List.of()).stream()
                    .map(URI::create).toList(), s.get("external-url"), s.duration("hold", Duration.ofHours(24)),
                    templates, tools.clock(), json);
            case "msteams" -> new MsTeamsNotifier(s.uri("webhook-url"), templates, json);
            case "opsgenie" -> new OpsgenieNotifier(s.get("api-key"),
                    URI.create(s.get("api-url").orElse("https://api.opsgenie.com")),
                    s.get("responders").map(Settings::list).orElse(List.of()), templates, json);
            case "camel" -> new CamelNotifier(s.get("uri"), tools.camel(), new AlertJson(json));
            default -> throw new IllegalArgumentException("unknown integration '" + kind + "'; known: " + KEYS.keySet());
        };
    }

    /**
     * Slack speaks one of two APIs; the one the integration's own settings choose is not mixed with the other's
     * properties (a workspace-wide incoming webhook beside a team's bot would otherwise be "both modes set").
     */
    private static Notifier slack(Settings s, ObjectMapper json, NotificationTemplates templates) {
        boolean webApi = s.own().containsKey("bot-token") || s.own().containsKey("channel");
        boolean webhook = s.own().containsKey("webhook-url");
        return new SlackNotifier(webApi ? s.ownOnly("webhook-url").map(URI::create) : s.uri("webhook-url"),
                webhook ? s.ownOnly("bot-token") : s.get("bot-token"), webhook ? s.ownOnly("channel") : s.get("channel"),
                URI.create(s.get("api-url").orElse("https://slack.com/api")), json, templates);
    }

    /**
     * What integrations are made with besides their settings.
     *
     * @param camel the application's Camel context, for the {@code camel} integration's endpoint
     */
    public record Tools(ObjectMapper json, NotificationTemplates templates, CamelContext camel, Clock clock) {
    }

    /** An integration's settings: its own, else the kind's properties. */
    private record Settings(String kind, Map<String, String> own, Function<String, Optional<String>> properties) {

        Optional<String> get(String key) {
            String value = own.get(key);
            return value != null ? Optional.of(value) : properties.apply("vigil.notify." + kind + "." + key);
        }

        Optional<String> ownOnly(String key) {
            return Optional.ofNullable(own.get(key));
        }

        /** A duration, ISO-8601 ({@code PT24H}): the alerting file's {@code 24h} is made so by its loader. */
        Duration duration(String key, Duration otherwise) {
            return get(key).map(String::strip).map(Duration::parse).orElse(otherwise);
        }

        Optional<URI> uri(String key) {
            return get(key).map(String::strip).filter(v -> !v.isEmpty()).map(URI::create);
        }

        static List<String> list(String commaSeparated) {
            return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
        }
    }
}
