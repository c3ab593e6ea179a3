package dev.vigil.alerting.outbox;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.vigil.alerting.config.AlertingConfig;
import dev.vigil.alerting.config.AlertingConfigLoader;
import dev.vigil.alerting.dispatch.Dispatcher;
import dev.vigil.alerting.dispatch.NotificationPipeline;
import dev.vigil.alerting.inhibit.Inhibitor;
import dev.vigil.alerting.notify.Integrations;
import dev.vigil.alerting.notify.Receivers;
import dev.vigil.alerting.notify.console.ConsoleNotifier;
import dev.vigil.alerting.notify.template.NotificationTemplates;
import dev.vigil.alerting.silence.Silences;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Two teams, each a receiver of the alerting file with integrations of its own: the database team's Slack channel
 * and Jira project, the web team's Slack channel under another bot token. Real receivers talk to stubs answering as
 * Slack's Web API ({@code chat.postMessage}) and Jira's REST v2 do; the outbox on a real H2 database tells each
 * integration on its own, and the delivery log names the receiver and the integration.
 */
class NamedReceiversTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** What the teams' secrets are in the environment. */
    private static final Map<String, String> ENVIRONMENT = Map.of("DB_SLACK_TOKEN", "xoxb-db", "WEB_SLACK_TOKEN",
            "xoxb-web");

    @RegisterExtension
    static final WireMockExtension stub = WireMockExtension.newInstance()
            .options(options().dynamicPort().bindAddress("127.0.0.1")).build();
    @TempDir
    Path folder;
    DataSource db;
    DeliveryWorkers workers;

    @BeforeEach
    void migrate() throws Exception {
        db = new TestDatabase(folder).migrated();
    }

    @AfterEach
    void stop() {
        if (workers != null) {
            workers.stop(Duration.ZERO);
        }
    }

    /**
     * The two teams' file; Jira's site and account are the application's ({@code vigil.notify.jira.*}), as is a
     * workspace-wide Slack incoming webhook the teams' bots do not mix with.
     */
    private String twoTeams(String dbSlack) {
        String api = stub.baseUrl() + "/api";
        return """
                receivers:
                  - name: db-team
                    slack: %s
                    jira: {project-key: DB}
                  - name: web-team
                    slack: {channel: C0WEB, bot-token: '${WEB_SLACK_TOKEN}', api-url: '%s'}
                route:
                  routes:
                    - {matchers: ['service=~"postgres|redis"'], receivers: [db-team]}
                    - {matchers: ['service="shop"'], receivers: [web-team]}
                """.formatted(dbSlack.replace("API", api), api);
    }

    private static final String DB_SLACK = "{channel: C0DB, bot-token: '${DB_SLACK_TOKEN}', api-url: 'API'}";

    private AlertingConfig config(String yaml) {
        return new AlertingConfigLoader(List.of("console"), name -> Optional.ofNullable(ENVIRONMENT.get(name)))
                .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "alerting.yaml");
    }

    private Receivers receivers(AlertingConfig config) {
        Map<String, String> properties = Map.of("vigil.notify.slack.webhook-url", stub.baseUrl() + "/services/T0/B0/x",
                "vigil.notify.jira.url", stub.baseUrl(),
                "vigil.notify.jira.email", "bot@example.com", "vigil.notify.jira.api-token", "jira-token");
        return new Receivers(List.of(new ConsoleNotifier()), List.of("console"), config.receivers(),
                key -> Optional.ofNullable(properties.get(key)),
                new Integrations.Tools(JSON, NotificationTemplates.shipped(), new DefaultCamelContext(), Clock.systemUTC()));
    }

    private void slackPosts(String token, String channel, String ts) {
        stub.stubFor(post(urlEqualTo("/api/chat.postMessage")).withHeader("Authorization", equalTo("Bearer " + token))
                .withRequestBody(matchingJsonPath("$.channel", equalTo(channel)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody("{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"" + ts + "\",\"message\":{\"type\":"
                                + "\"message\",\"bot_id\":\"B0123\",\"text\":\"…\",\"ts\":\"" + ts + "\"}}")));
    }

    private void jiraCreatesDB1() {
        stub.stubFor(get(urlPathEqualTo("/rest/api/2/search/jql")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"issues\":[],\"isLast\":true}")));
        stub.stubFor(post(urlEqualTo("/rest/api/2/issue")).withRequestBody(matchingJsonPath("$.fields.project.key", equalTo("DB")))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"10001\",\"key\":\"DB-1\",\"self\":\"https://example.atlassian.net/rest/api/2/issue/10001\"}")));
    }

    private List<DeliveryRecord> log(Optional<String> receiver) throws Exception {
        return new DeliveryLog(db).find(new DeliveryQuery(Optional.empty(), receiver, Optional.empty(), Instant.EPOCH, 1000));
    }

    @Test
    void eachTeamHearsOfItsOwnAlertsThroughEachOfItsIntegrationsAndTheLogNamesReceiverAndIntegration() throws Exception {
        slackPosts("xoxb-db", "C0DB", "1718000000.000100");
        slackPosts("xoxb-web", "C0WEB", "1718000000.000200");
        jiraCreatesDB1();
        AlertingConfig config = config(twoTeams(DB_SLACK));
        Receivers receivers = receivers(config);
        assertThat(receivers.enabled()).containsOnlyKeys("console", "db-team/slack", "db-team/jira", "web-team/slack");
        Outbox outbox = new Outbox(db, JSON, new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(1),
                Duration.ofHours(1)), Clock.systemUTC());
        workers = new DeliveryWorkers(receivers.enabled(), outbox, new SimpleMeterRegistry(), Clock.systemUTC(), 50);
        workers.start();
        Dispatcher dispatcher = new Dispatcher(config.route(), NotificationPipeline.standard(new Inhibitor(List.of()),
                List.of(), new Silences(Clock.systemUTC(), List.of())));

        outbox.enqueue(dispatcher.accept(OutboxDeliveryTest.alert("pg-1", "service=postgres"), Instant.now()));
        outbox.enqueue(dispatcher.accept(OutboxDeliveryTest.alert("checkout", "service=shop"), Instant.now()));
        outbox.enqueue(dispatcher.accept(OutboxDeliveryTest.alert("printer", "service=office"), Instant.now()));
        workers.wake();
        await().atMost(WAIT).untilAsserted(() -> assertThat(log(Optional.empty())).hasSize(4)
                .allSatisfy(d -> assertThat(d.state()).as(d.toString()).isEqualTo(Outbox.State.SENT)));

        assertThat(log(Optional.empty())).extracting(DeliveryRecord::receiver, DeliveryRecord::integration,
                DeliveryRecord::entity, DeliveryRecord::reference).containsExactlyInAnyOrder(
                        tuple("db-team", "slack", "pg-1", "C0DB/1718000000.000100"),
                        tuple("db-team", "jira", "pg-1", "DB-1"),
                        tuple("web-team", "slack", "checkout", "C0WEB/1718000000.000200"),
                        tuple("console", "console", "printer", null));
        stub.verify(1, postRequestedFor(urlEqualTo("/api/chat.postMessage")).withHeader("Authorization", equalTo("Bearer xoxb-db"))
                .withRequestBody(matchingJsonPath("$.channel", equalTo("C0DB"))));
        stub.verify(1, postRequestedFor(urlEqualTo("/api/chat.postMessage")).withHeader("Authorization", equalTo("Bearer xoxb-web"))
                .withRequestBody(matchingJsonPath("$.channel", equalTo("C0WEB"))));
        stub.verify(1, postRequestedFor(urlEqualTo("/rest/api/2/issue")));

        assertThat(log(Optional.of("db-team"))).as("a receiver: all its integrations").extracting(DeliveryRecord::integration)
                .containsExactlyInAnyOrder("slack", "jira");
        assertThat(log(Optional.of("db-team/jira"))).as("one integration").extracting(DeliveryRecord::reference)
                .containsExactly("DB-1");
    }

    @Test
    void anIntegrationMissingASettingStopsTheStartNamingItsPlaceAndTheKey() {
        AlertingConfig config = config(twoTeams("{bot-token: '${DB_SLACK_TOKEN}'}"));
        assertThatThrownBy(() -> receivers(config)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("receivers[0].slack (receiver 'db-team'): ")
                .hasMessageContaining("vigil.notify.slack.channel is not set");
    }
}
