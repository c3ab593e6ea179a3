package dev.vigil.alerting.config;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.vigil.alerting.notify.ReceiverConfig;
import dev.vigil.alerting.route.Route;
import dev.vigil.contracts.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertingConfigLoaderTest {

    private final AlertingConfigLoader loader = new AlertingConfigLoader(List.of("console", "slack", "pagerduty"));

    private AlertingConfig load(String yaml) {
        return loader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "alerting.yaml");
    }

    @Test
    void theDefaultSendsEverythingAtOnceToEveryEnabledReceiverOneGroupPerFingerprint() {
        AlertingConfig config = loader.loadDefault();
        Route root = config.route();
        assertThat(root.receivers()).containsExactly("console", "slack", "pagerduty");
        assertThat(root.groupBy()).containsExactly(Route.ALL_LABELS);
        assertThat(root.timing().groupWait()).isZero();
        assertThat(root.timing().groupInterval()).isZero();
        assertThat(root.timing().repeatInterval()).isNull();
        assertThat(root.routes()).isEmpty();
        assertThat(config.lifecycle().cooldown()).isZero();
        assertThat(config.lifecycle().flapMaxChanges()).isZero();
        assertThat(config.severity().corroboration()).isZero();
    }

    @Test
    void hardRulesNewErrorTemplatesAndLikelihoodVerdictsFireAtOnceAndQuietAlertsResolveUnlessTheFileSaysOtherwise() {
        assertThat(loader.loadDefault().lifecycle()).satisfies(l -> {
            assertThat(l.fireAtOnce()).containsExactlyInAnyOrder("rules", "novelty", "likelihood");
            assertThat(l.resolveWhenQuiet()).isEqualTo(Duration.ofMinutes(15));
            assertThat(l.forgetAfter()).isEqualTo(Duration.ofDays(1));
        });
        assertThat(load("route: {receivers: [slack]}").lifecycle().fireAtOnce())
                .as("a file without a lifecycle block").containsExactlyInAnyOrder("rules", "novelty", "likelihood");
        assertThat(load("""
                lifecycle: {fire-at-once: [], resolve-when-quiet: 0s, forget-after: 0s}
                route: {receivers: [slack]}
                """).lifecycle()).satisfies(l -> {
            assertThat(l.fireAtOnce()).isEmpty();
            assertThat(l.resolveWhenQuiet()).isZero();
            assertThat(l.forgetAfter()).isZero();
        });
        assertThatThrownBy(() -> load("""
                lifecycle: {resolve-when-quiet: soon}
                route: {receivers: [slack]}
                """)).hasMessageContaining("lifecycle.resolve-when-quiet");
    }

    @Test
    void everythingTheFormatOffers() {
        AlertingConfig config = load("""
                lifecycle: {cooldown: 15m, flapping: {max-changes: 6, period: 2h}}
                severity: {critical-ratio: 4, corroboration: 0.25, corroborate-by: [host],
                           importance: [{matchers: ['env="prod"'], weight: 2}]}
                route:
                  receivers: [slack]
                  group-by: [site]
                  repeat-interval: 4h
                  routes: [{matchers: ['severity="critical"'], receivers: [pagerduty], continue: true}]
                inhibit-rules: [{source-matchers: ['detector="site-down"'], target-matchers: ['site=~".+"'], equal: [site]}]
                silences: [{matchers: ['entity=~"test-.*"'], creator: ops, comment: rig, ends-at: 2027-01-01T00:00:00Z}]
                maintenance-windows:
                  - {name: patch, weekdays: [saturday], start-time: "22:00", end-time: "02:00", time-zone: Europe/Berlin}
                """);
        assertThat(config.lifecycle().cooldown()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.lifecycle().flapPeriod()).isEqualTo(Duration.ofHours(2));
        assertThat(config.severity().importance()).hasSize(1);
        assertThat(config.route().routes().get(0).continueMatching()).isTrue();
        assertThat(config.route().routes().get(0).timing().repeatInterval()).hasHours(4);
        assertThat(config.inhibitRules().get(0).equal()).containsExactly("site");
        assertThat(config.silences().get(0).creator()).isEqualTo("ops");
        assertThat(config.maintenanceWindows().get(0).name()).isEqualTo("patch");
    }

    @ParameterizedTest
    @ValueSource(strings = { // the file | what the error says, after the file's name
            "route: {receivers: [email]}|route.receivers: receiver 'email' is not enabled in vigil.notify.receivers",
            "route: {group-wait: soon}|route.group-wait: must be a duration like 30s",
            "route: {routes: [{matchers: ['site']}]}|route.routes[0].matchers: 'site' is not a matcher",
            "route: {routes: [{continue: yes please}]}|route.routes[0].continue: must be true or false",
            "route: {grouping: [site]}|route.grouping: unknown key",
            "lifecycle: {cooldown: 5m}|route: is required",
            "route: {}\nlifecycle: {flapping: {max-changes: -1}}|lifecycle.flapping.max-changes: must be between 0 and 10000",
            "route: {}\nseverity: {importance: [{matchers: ['env=\"prod\"']}]}|severity.importance[0].weight: is required",
            "route: {}\ninhibit-rules: [{target-matchers: ['a=\"b\"']}]|inhibit-rules[0].source-matchers: is required",
            "route: {}\nsilences: [{matchers: ['a=\"b\"'], creator: ops, ends-at: 2027-01-01T00:00:00Z}]|silences[0].comment: is required",
            "route: {}\nsilences: [{matchers: ['a=\"b\"'], creator: ops, comment: c, ends-at: tomorrow}]|silences[0].ends-at: must be an ISO-8601 instant",
            "route: {}\nmaintenance-windows: [{name: m, weekdays: [funday], start-time: '22:00', end-time: '23:00'}]|maintenance-windows[0].weekdays: 'funday' is not a day",
            "route: {}\nmaintenance-windows: [{name: m, from: 2026-01-01T00:00:00Z, until: 2025-01-01T00:00:00Z}]|maintenance-windows[0].until: must be after from",
            "route: {matchers: ['a=\"b\"']}|route.matchers: the root route takes every alert",
            "route: {group-by: ['...', site]}|route.group-by: '...' (every label) cannot be combined",
            "receivers: [{name: db}]\nroute: {}|receivers[0]: receiver 'db' needs at least one integration",
            "receivers: [{slack: {channel: C1}}]\nroute: {}|receivers[0].name: is required",
            "receivers: [{name: db/x, slack: {channel: C1}}]\nroute: {}|receivers[0].name: 'db/x' is not a receiver name",
            "receivers: [{name: db, slack: {channel: C1}}, {name: db, jira: {}}]\nroute: {}|receivers[1].name: receiver 'db' is named twice",
            "receivers: [{name: slack, slack: {channel: C1}}]\nroute: {}|receivers[0].name: receiver 'slack' is named twice (vigil.notify.receivers",
            "receivers: [{name: db, teams: {url: x}}]\nroute: {}|receivers[0].teams: is not an integration; known: [alertmanager, camel, console, email",
            "receivers: [{name: db, slack: {chanel: C1}}]\nroute: {}|receivers[0].slack.chanel: unknown key, expected one of [api-url, bot-token, channel, webhook-url]",
            "receivers: [{name: db, slack: {channel: C1, bot-token: xoxb-123}}]\nroute: {}|receivers[0].slack.bot-token: is a secret: give it as an environment reference such as ${TEAM_BOT_TOKEN}, never in the file",
            "receivers: [{name: db, jira: {api-token: '${NOT_SET_ANYWHERE}'}}]\nroute: {}|receivers[0].jira.api-token: refers to the environment variable NOT_SET_ANYWHERE, which is not set",
            "receivers: [{name: db, email: {port: {a: 1}}}]\nroute: {}|receivers[0].email.port: must be a string, a number or true/false",
            "receivers: [{name: db, slack: {channel: C1}}]\nroute: {routes: [{receivers: [web]}]}|route.routes[0].receivers: receiver 'web' is not enabled in vigil.notify.receivers [console, slack, pagerduty] nor named in receivers [db]",
    })
    void mistakesStopTheStartNamingTheKey(String example) {
        String yaml = example.substring(0, example.indexOf('|')).replace("\\n", "\n");
        String message = example.substring(example.indexOf('|') + 1);
        assertThatThrownBy(() -> load(yaml)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("alerting.yaml: ").hasMessageContaining(message);
    }

    @Test
    void namedReceiversAreOneAddressPerIntegrationWithTheirOwnSettingsAndSecretsFromTheEnvironment() {
        Map<String, String> environment = Map.of("DB_SLACK_TOKEN", "xoxb-db", "WEB_HOOK", "https://hooks.example/web");
        AlertingConfig config = new AlertingConfigLoader(List.of("console"),
                name -> Optional.ofNullable(environment.get(name))).load(new ByteArrayInputStream("""
                receivers:
                  - name: db-team
                    slack: {channel: C0DB, bot-token: '${DB_SLACK_TOKEN}'}
                    jira: {project-key: DB}
                  - name: web-team
                    slack: {webhook-url: '${WEB_HOOK}'}
                    email: {to: [web@example.com, oncall@example.com], port: 2525, starttls: false}
                route:
                  routes:
                    - {matchers: ['service=~"postgres|redis"'], receivers: [db-team]}
                    - {matchers: ['service="shop"'], receivers: [web-team, console]}
                """.getBytes(StandardCharsets.UTF_8)), "alerting.yaml");

        assertThat(config.route().receivers()).as("the root: vigil.notify.receivers").containsExactly("console");
        assertThat(config.route().routes().get(0).receivers()).containsExactly("db-team/jira", "db-team/slack");
        assertThat(config.route().routes().get(1).receivers()).containsExactly("web-team/email", "web-team/slack", "console");
        assertThat(config.receivers()).extracting(ReceiverConfig::name).containsExactly("db-team", "web-team");
        assertThat(config.receivers().get(0).integrations()).isEqualTo(Map.of(
                "slack", Map.of("channel", "C0DB", "bot-token", "xoxb-db"), "jira", Map.of("project-key", "DB")));
        assertThat(config.receivers().get(1).integrations()).isEqualTo(Map.of(
                "slack", Map.of("webhook-url", "https://hooks.example/web"),
                "email", Map.of("to", "web@example.com,oncall@example.com", "port", "2525", "starttls", "false")));
    }

    @Test
    void theTopLevelReadmesTwoTeamExampleIsValid() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        Matcher block = Pattern.compile("```yaml\\n(# alerting\\.yaml: two teams.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find()).as("README.md has the two-team example").isTrue();
        AlertingConfig config = new AlertingConfigLoader(List.of("console"), name -> Optional.of("set-in-the-environment"))
                .load(new ByteArrayInputStream(block.group(1).getBytes(StandardCharsets.UTF_8)), "README.md");
        assertThat(config.receivers()).extracting(ReceiverConfig::name).containsExactly("db-team", "web-team", "platform");
        assertThat(config.route().receivers()).containsExactly("platform/alertmanager", "platform/camel");
        assertThat(config.receivers().get(2).integrations().get("alertmanager")).isEqualTo(Map.of(
                "urls", "http://alertmanager-0:9093,http://alertmanager-1:9093",
                "external-url", "https://vigil.example.com", "hold", "PT24H"));
    }

    @Test
    void theReadmesExampleIsValid() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Matcher block = Pattern.compile("```yaml\\n(# alerting\\.yaml.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find()).as("README.md has the alerting.yaml example").isTrue();
        AlertingConfig config = new AlertingConfigLoader(List.of("console", "slack", "pagerduty", "jira")).load(
                new ByteArrayInputStream(block.group(1).getBytes(StandardCharsets.UTF_8)), "README.md");
        assertThat(config.route().routes()).isNotEmpty();
    }
}
