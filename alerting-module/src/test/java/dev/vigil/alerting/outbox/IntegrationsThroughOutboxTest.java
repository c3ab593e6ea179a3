package dev.vigil.alerting.outbox;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vigil.alerting.config.AlertingConfig;
import dev.vigil.alerting.config.AlertingConfigLoader;
import dev.vigil.alerting.dispatch.Dispatcher;
import dev.vigil.alerting.dispatch.NotificationPipeline;
import dev.vigil.alerting.inhibit.Inhibitor;
import dev.vigil.alerting.notify.Integrations;
import dev.vigil.alerting.notify.Receivers;
import dev.vigil.alerting.notify.camel.CamelNotifier;
import dev.vigil.alerting.notify.console.ConsoleNotifier;
import dev.vigil.alerting.notify.template.NotificationTemplates;
import dev.vigil.alerting.silence.Silences;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The integrations into the tools teams already run, each an integration of a named receiver told through the outbox
 * on a real H2 database: Alertmanager (two of them, {@code POST /api/v2/alerts}), a Teams Workflows webhook (an
 * Adaptive Card), Opsgenie's Alert API v2 (create with alias = fingerprint, close by alias) and a Camel endpoint (a
 * {@code direct:} route of one's own writing to a {@code file:} endpoint). Each stub answers as the documented API
 * does, first 429 with {@code Retry-After}, then a 5xx, then success: every integration retries, is told once, and
 * the delivery log names the receiver and the integration.
 */
class IntegrationsThroughOutboxTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String OPSGENIE_KEY = "eb243592-faa2-4ba2-a551-1afdf565c889";
    private static final String REQUEST_ID = "43a29c5c-3dbf-4fa4-9c26-f4f71023e120";
    private static final String TEAMS_PATH = "/workflows/4e2f0c0b8d4a4f7c9b1e2a3d4c5b6a79/triggers/manual/paths/invoke"
            + "?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=c2lnbmF0dXJl";

    @RegisterExtension
    static final WireMockExtension stub = WireMockExtension.newInstance()
            .options(options().dynamicPort().bindAddress("127.0.0.1")).build();
    @TempDir
    Path folder;
    DataSource db;
    DeliveryWorkers workers;
    CamelContext camel;
    Path spool;
    final AtomicInteger camelCalls = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        db = new TestDatabase(folder).migrated();
        spool = Files.createDirectories(folder.resolve("spool"));
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // a team's own route: its first two tries fail as a broker or a disk that is down would
                from("direct:ops").process(exchange -> {
                    if (camelCalls.incrementAndGet() <= 2) {
                        throw new java.io.IOException("spool not mounted (try " + camelCalls.get() + ")");
                    }
                }).to("file:" + spool + "?fileName=${header." + CamelNotifier.IDEMPOTENCY_KEY + "}.json");
            }
        });
        camel.start();
    }

    @AfterEach
    void stop() {
        if (workers != null) {
            workers.stop(Duration.ZERO);
        }
        camel.stop();
    }

    private String file() {
        return """
                receivers:
                  - name: ops
                    alertmanager: {urls: ['%1$s/am-1', '%1$s/am-2'], external-url: 'https://vigil.example.com', hold: 24h}
                    msteams: {webhook-url: '${OPS_TEAMS_WEBHOOK}'}
                    opsgenie: {api-key: '${OPS_OPSGENIE_KEY}', api-url: '%1$s/opsgenie', responders: [database]}
                    camel: {uri: 'direct:ops'}
                route:
                  receivers: [ops]
                """.formatted(stub.baseUrl());
    }

    private AlertingConfig config(String yaml) {
        Map<String, String> environment = Map.of("OPS_TEAMS_WEBHOOK", stub.baseUrl() + TEAMS_PATH,
                "OPS_OPSGENIE_KEY", OPSGENIE_KEY);
        return new AlertingConfigLoader(List.of("console"), name -> Optional.ofNullable(environment.get(name)))
                .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "alerting.yaml");
    }

    private Receivers receivers(AlertingConfig config) {
        return new Receivers(List.of(new ConsoleNotifier()), List.of("console"), config.receivers(), key -> Optional.empty(),
                new Integrations.Tools(JSON, NotificationTemplates.shipped(), camel, Clock.systemUTC()));
    }

    /** 429 with Retry-After, then a 5xx, then the API's success: what each stub answers the firing with. */
    private void limitedThenFailingThenOk(String path, String limited, int failure, String failed, int status,
            String answer) {
        String scenario = path;
        stub.stubFor(post(urlEqualTo(path)).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json").withBody(limited))
                .willSetStateTo("limited"));
        stub.stubFor(post(urlEqualTo(path)).inScenario(scenario).whenScenarioStateIs("limited")
                .willReturn(aResponse().withStatus(failure).withHeader("Content-Type", "application/json")
                        .withBody(failed))
                .willSetStateTo("recovered"));
        stub.stubFor(post(urlEqualTo(path)).inScenario(scenario).whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                        .withBody(answer)));
    }

    private static String opsgenieAccepted() {
        return "{\"result\":\"Request will be processed\",\"took\":0.302,\"requestId\":\"" + REQUEST_ID + "\"}";
    }

    private void stubTheApis() {
        // Alertmanager v2 answers 200 with an empty body; 400/500 with the error as a JSON string
        limitedThenFailingThenOk("/am-1/api/v2/alerts", "\"rate limited by the ingress\"", 500,
                "\"failed to store alerts\"", 200, "");
        stub.stubFor(post(urlEqualTo("/am-2/api/v2/alerts")).willReturn(aResponse().withStatus(200)));
        // Power Automate throttles with 429 and Retry-After; the trigger accepts with 202 and no body
        limitedThenFailingThenOk(TEAMS_PATH, "{\"error\":{\"code\":\"WorkflowRequestsThrottled\",\"message\":\"Number of"
                + " requests exceeded the limit\"}}", 502, "{\"error\":{\"code\":\"BadGateway\",\"message\":\"The "
                + "server did not receive a response from an upstream server.\"}}", 202, "");
        // Opsgenie: 202 {result, took, requestId}; 429 {message, took, requestId}
        limitedThenFailingThenOk("/opsgenie/v2/alerts", "{\"message\":\"You are making too many requests! To avoid"
                + " errors, we recommend you limit requests.\",\"took\":0.001,\"requestId\":\"rl-1\"}", 503,
                "{\"message\":\"Service unavailable\",\"took\":0.0,\"requestId\":\"su-1\"}", 202, opsgenieAccepted());
        stub.stubFor(post(urlEqualTo("/opsgenie/v2/alerts/fp-pg-1/close?identifierType=alias"))
                .willReturn(aResponse().withStatus(202).withHeader("Content-Type", "application/json")
                        .withBody(opsgenieAccepted())));
        stub.stubFor(post(urlEqualTo("/am-1/api/v2/alerts")).inScenario("/am-1/api/v2/alerts")
                .whenScenarioStateIs("recovered").willReturn(aResponse().withStatus(200)));
    }

    private List<DeliveryRecord> log() throws Exception {
        return new DeliveryLog(db).find(new DeliveryQuery(Optional.empty(), Optional.of("ops"), Optional.empty(),
                Instant.EPOCH, 1000));
    }

    private List<JsonNode> bodies(String path) throws Exception {
        List<JsonNode> bodies = new java.util.ArrayList<>();
        for (LoggedRequest request : stub.findAll(postRequestedFor(urlEqualTo(path)))) {
            bodies.add(JSON.readTree(request.getBodyAsString()));
        }
        return bodies;
    }

    @Test
    void eachIntegrationRetriesA429AndA5xxThenIsToldOnceFiringAndOnceResolvedNamedInTheLog() throws Exception {
        stubTheApis();
        AlertingConfig config = config(file());
        Receivers receivers = receivers(config);
        assertThat(receivers.enabled()).containsOnlyKeys("console", "ops/alertmanager", "ops/msteams", "ops/opsgenie", "ops/camel");
        Outbox outbox = new Outbox(db, JSON, new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(500),
                Duration.ofHours(1)), Clock.systemUTC());
        workers = new DeliveryWorkers(receivers.enabled(), outbox, new SimpleMeterRegistry(), Clock.systemUTC(), 50);
        workers.start();
        Dispatcher dispatcher = new Dispatcher(config.route(), NotificationPipeline.standard(new Inhibitor(List.of()),
                List.of(), new Silences(Clock.systemUTC(), List.of())));
        Alert firing = OutboxDeliveryTest.alert("pg-1", "service=postgres");

        outbox.enqueue(dispatcher.accept(firing, Instant.now()));
        workers.wake();
        await().atMost(WAIT).untilAsserted(() -> assertThat(log()).hasSize(4)
                .allSatisfy(d -> assertThat(d.state()).as(d.toString()).isEqualTo(Outbox.State.SENT)));

        assertThat(log()).allSatisfy(d -> {
            assertThat(d.receiver()).isEqualTo("ops");
            assertThat(d.attempts()).as("429, 5xx, success: " + d).isEqualTo(3);
            assertThat(d.lastError()).as(d.integration()).isNull();
        });
        assertThat(log()).extracting(DeliveryRecord::integration)
                .containsExactlyInAnyOrder("alertmanager", "msteams", "opsgenie", "camel");
        assertThat(log()).filteredOn(d -> d.integration().equals("opsgenie")).extracting(DeliveryRecord::reference)
                .containsExactly(REQUEST_ID);

        // told once each: the success ended the tries, nothing more arrives
        stub.verify(3, postRequestedFor(urlEqualTo("/am-1/api/v2/alerts")));
        stub.verify(1, postRequestedFor(urlEqualTo("/am-2/api/v2/alerts")));
        stub.verify(3, postRequestedFor(urlEqualTo(TEAMS_PATH)));
        stub.verify(3, postRequestedFor(urlEqualTo("/opsgenie/v2/alerts"))
                .withHeader("Authorization", equalTo("GenieKey " + OPSGENIE_KEY)));
        assertThat(camelCalls).hasValue(3);
        assertThat(files()).hasSize(1);

        JsonNode pushed = bodies("/am-2/api/v2/alerts").get(0);
        assertThat(pushed).hasSize(2);
        JsonNode critical = pushed.get(0);
        assertThat(critical.path("labels").path("alertname").asText()).isEqualTo("metric-baseline");
        assertThat(critical.path("labels").path("severity").asText()).isEqualTo("critical");
        assertThat(critical.path("labels").path("entity").asText()).isEqualTo("pg-1");
        assertThat(critical.path("labels").path("service").asText()).isEqualTo("postgres");
        assertThat(critical.path("annotations").path("summary").asText()).isEqualTo("pg-1 is anomalous");
        assertThat(critical.path("annotations").path("description").asText()).isEqualTo("pg-1 runs hot");
        assertThat(critical.path("startsAt").asText()).isEqualTo("2026-01-10T10:00:00Z");
        assertThat(Instant.parse(critical.path("endsAt").asText())).as("held firing for hold")
                .isAfter(Instant.now().plus(Duration.ofHours(23)));
        assertThat(critical.path("generatorURL").asText()).isEqualTo("https://vigil.example.com/api/alerts/id-pg-1");
        assertThat(pushed.get(1).path("labels").path("severity").asText()).as("the warning alert of an upgrade ends")
                .isEqualTo("warning");
        assertThat(Instant.parse(pushed.get(1).path("endsAt").asText())).isBefore(Instant.now());

        JsonNode card = bodies(TEAMS_PATH).get(2);
        assertThat(card.path("type").asText()).isEqualTo("message");
        JsonNode attachment = card.path("attachments").get(0);
        assertThat(attachment.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(attachment.path("content").path("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(attachment.path("content").path("body").get(0).path("text").asText())
                .isEqualTo("CRITICAL pg-1 (metric-baseline)");
        assertThat(attachment.path("content").path("body").get(0).path("color").asText()).isEqualTo("Attention");
        assertThat(attachment.path("content").path("body").get(2).path("type").asText()).isEqualTo("FactSet");

        JsonNode created = bodies("/opsgenie/v2/alerts").get(2);
        assertThat(created.path("alias").asText()).isEqualTo("fp-pg-1");
        assertThat(created.path("message").asText()).isEqualTo("CRITICAL pg-1 (metric-baseline)");
        assertThat(created.path("priority").asText()).isEqualTo("P1");
        assertThat(created.path("responders").get(0).path("name").asText()).isEqualTo("database");
        assertThat(created.path("details").path("idempotency_key").asText()).isEqualTo(log().get(0).idempotencyKey());

        JsonNode told = JSON.readTree(Files.readString(files().get(0)));
        assertThat(told.path("id").asText()).isEqualTo("id-pg-1");
        assertThat(told.path("status").asText()).isEqualTo("FIRING");
        assertThat(files().get(0).getFileName().toString()).isEqualTo(log().get(0).idempotencyKey() + ".json");

        Instant resolvedAt = Instant.parse("2026-01-10T10:30:00Z");
        outbox.enqueue(dispatcher.accept(firing.resolved(resolvedAt), Instant.now()));
        workers.wake();
        await().atMost(WAIT).untilAsserted(() -> assertThat(log()).hasSize(8)
                .allSatisfy(d -> assertThat(d.state()).as(d.toString()).isEqualTo(Outbox.State.SENT)));

        JsonNode resolved = bodies("/am-1/api/v2/alerts").get(3);
        assertThat(resolved).hasSize(1);
        assertThat(resolved.get(0).path("labels")).as("the same alert to Alertmanager").isEqualTo(critical.path("labels"));
        assertThat(resolved.get(0).path("endsAt").asText()).isEqualTo("2026-01-10T10:30:00Z");
        stub.verify(1, postRequestedFor(urlEqualTo("/opsgenie/v2/alerts/fp-pg-1/close?identifierType=alias"))
                .withHeader("Authorization", equalTo("GenieKey " + OPSGENIE_KEY)));
        assertThat(bodies("/opsgenie/v2/alerts/fp-pg-1/close?identifierType=alias").get(0).path("source").asText())
                .isEqualTo("Vigil");
        JsonNode resolvedCard = bodies(TEAMS_PATH).get(3).path("attachments").get(0).path("content");
        assertThat(resolvedCard.path("body").get(0).path("text").asText()).startsWith("RESOLVED ");
        assertThat(resolvedCard.path("body").get(0).path("color").asText()).isEqualTo("Good");
        assertThat(files()).hasSize(2);
        assertThat(files()).anySatisfy(f -> assertThat(f.getFileName().toString()).contains(":resolved:"));
        assertThat(log()).filteredOn(d -> d.status() == AlertStatus.RESOLVED).allSatisfy(d ->
                assertThat(d.attempts()).as(d.integration()).isEqualTo(1));
    }

    private List<Path> files() throws Exception {
        try (Stream<Path> files = Files.list(spool)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void aSecretWrittenInTheFileAMissingSettingOrAnEndpointCamelCannotMakeStopsTheStartNamingIt() {
        assertThatThrownBy(() -> config(file().replace("'${OPS_OPSGENIE_KEY}'", OPSGENIE_KEY)))
                .hasMessageContaining("receivers[0].opsgenie.api-key").hasMessageContaining("is a secret");
        AlertingConfig noWebhook = config(file().replace("{webhook-url: '${OPS_TEAMS_WEBHOOK}'}", "{}"));
        assertThatThrownBy(() -> receivers(noWebhook)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("receivers[0].msteams (receiver 'ops'): ")
                .hasMessageContaining("vigil.notify.msteams.webhook-url");
        AlertingConfig badUri = config(file().replace("direct:ops", "nosuchscheme:ops"));
        assertThatThrownBy(() -> receivers(badUri)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("receivers[0].camel (receiver 'ops'): ")
                .hasMessageContaining("nosuchscheme:ops");
        assertThatThrownBy(() -> config(file().replace("hold: 24h", "hold: soon")))
                .hasMessageContaining("receivers[0].alertmanager.hold");
    }
}
