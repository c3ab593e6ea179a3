package dev.vigil.alerting.outbox;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vigil.alerting.config.AlertingConfig;
import dev.vigil.alerting.config.AlertingConfigLoader;
import dev.vigil.alerting.dispatch.Dispatcher;
import dev.vigil.alerting.dispatch.NotificationPipeline;
import dev.vigil.alerting.inhibit.Inhibitor;
import dev.vigil.alerting.notify.Notifier;
import dev.vigil.alerting.notify.jira.JiraNotifier;
import dev.vigil.alerting.notify.template.NotificationTemplates;
import dev.vigil.alerting.notify.webhook.WebhookNotifier;
import dev.vigil.alerting.silence.Silences;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Severity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox and its delivery workers against a real H2 database and real receivers (the webhook and Jira receivers
 * talking HTTP to WireMock stubs that answer as those services do, 5xx and 429 with Retry-After included).
 */
class OutboxDeliveryTest {

    static final String HOOK = "/hooks/vigil";
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path folder;
    static WireMockServer stub;
    DataSource db;
    SimpleMeterRegistry registry;
    DeliveryWorkers workers;

    @BeforeAll
    static void startStub() {
        stub = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        stub.start();
    }

    @AfterAll
    static void stopStub() {
        stub.stop();
    }

    @BeforeEach
    void start() throws Exception {
        stub.resetAll();
        db = new TestDatabase(folder).migrated();
        registry = new SimpleMeterRegistry();
    }

    @AfterEach
    void stop() {
        if (workers != null) {
            workers.stop(Duration.ZERO);
        }
    }

    static Alert alert(String entity, String... labels) {
        Map<String, String> map = new TreeMap<>();
        for (String kv : labels) {
            String[] p = kv.split("=", 2);
            map.put(p[0], p[1]);
        }
        Explanation why = new Explanation("mean", 90, 20, 2, List.of(new Finding("robust-z", 35, 3.5, entity + " runs hot")));
        return new Alert("id-" + entity, "fp-" + entity, AlertStatus.FIRING, Severity.CRITICAL, "mqtt", entity,
                "metric-baseline", Instant.parse("2026-01-10T10:00:00Z"), null, entity + " is anomalous", why,
                new TreeMap<>(map));
    }

    static Dispatcher dispatcher(String yaml, List<String> receivers) {
        AlertingConfig config = new AlertingConfigLoader(receivers)
                .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
        return new Dispatcher(config.route(), NotificationPipeline.standard(new Inhibitor(config.inhibitRules()),
                config.maintenanceWindows(), new Silences(Clock.systemUTC(), config.silences())));
    }

    Outbox outbox(Duration deadline) {
        return new Outbox(db, new ObjectMapper(), new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(1), deadline),
                Clock.systemUTC());
    }

    WebhookNotifier webhook() {
        return new WebhookNotifier(Optional.of(URI.create(stub.baseUrl() + HOOK)), Optional.empty(), new ObjectMapper(), NotificationTemplates.shipped());
    }

    JiraNotifier jira() {
        return new JiraNotifier(Optional.of(URI.create(stub.baseUrl())), Optional.of("bot@example.com"),
                Optional.of("token"), Optional.of("OPS"), "Task", Optional.empty(), "CRITICAL:High", new ObjectMapper(), NotificationTemplates.shipped());
    }

    DeliveryWorkers started(Outbox outbox, Notifier... receivers) {
        Map<String, Notifier> byName = new java.util.LinkedHashMap<>();
        for (Notifier n : receivers) {
            byName.put(n.name(), n);
        }
        workers = new DeliveryWorkers(byName, outbox, registry, Clock.systemUTC(), 50);
        workers.start();
        return workers;
    }

    List<DeliveryRecord> log() throws Exception {
        return new DeliveryLog(db).find(new DeliveryQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                Instant.EPOCH, 1000));
    }

    List<LoggedRequest> hooks(String status) {
        return stub.findAll(postRequestedFor(urlEqualTo(HOOK)).withRequestBody(matchingJsonPath("$.status", containing(status))));
    }

    /** Jira as it answers: no open issue with the label, then a created one, then 201 for comments. */
    void jiraCreatesOPS7() {
        stub.stubFor(get(urlPathEqualTo("/rest/api/2/search/jql")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"issues\":[],\"isLast\":true}")));
        stub.stubFor(post(urlEqualTo("/rest/api/2/issue")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"10007\",\"key\":\"OPS-7\",\"self\":\"https://example.atlassian.net/rest/api/2/issue/10007\"}")));
        stub.stubFor(get(urlPathEqualTo("/rest/api/2/issue/OPS-7")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"10007\",\"key\":\"OPS-7\",\"fields\":{\"status\":{\"statusCategory\":{\"key\":\"new\"}}}}")));
        stub.stubFor(get(urlPathEqualTo("/rest/api/2/issue/OPS-7/comment")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"comments\":[]}")));
        stub.stubFor(post(urlEqualTo("/rest/api/2/issue/OPS-7/comment")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"1\"}")));
    }

    /** pump-1 fires and resolves; both notifications are in the outbox before the webhook's worker starts. */
    void firedAndResolvedBeforeTheWebhookStarts() throws Exception {
        Outbox outbox = outbox(Duration.ofHours(1));
        Dispatcher dispatcher = dispatcher("route: {receivers: [webhook]}", List.of("webhook"));
        Alert a = alert("pump-1");
        outbox.enqueue(dispatcher.accept(a, Instant.now()));
        outbox.enqueue(dispatcher.accept(a.resolved(Instant.now()), Instant.now()));
        started(outbox, webhook());
    }

    @Test
    void oneIncidentIsOneDeliveryPerReceiverAndItsResolveCommentsOnTheIssueTheFiringMade() throws Exception {
        stub.stubFor(post(urlEqualTo(HOOK)).willReturn(aResponse().withStatus(200)));
        jiraCreatesOPS7();
        Outbox outbox = outbox(Duration.ofHours(1));
        Dispatcher dispatcher = dispatcher("route: {receivers: [webhook, jira]}", List.of("webhook", "jira"));
        started(outbox, webhook(), jira());
        Alert a = alert("pump-1");

        outbox.enqueue(dispatcher.accept(a, Instant.now()));
        workers.wake();
        await().atMost(WAIT).until(() -> log().stream().allMatch(d -> d.state() == Outbox.State.SENT));

        assertThat(log()).extracting(DeliveryRecord::receiver, DeliveryRecord::idempotencyKey, DeliveryRecord::reference)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("webhook", "fp-pump-1:firing:1", null),
                        org.assertj.core.groups.Tuple.tuple("jira", "fp-pump-1:firing:1", "OPS-7"));
        assertThat(hooks("firing")).singleElement()
                .satisfies(r -> assertThat(r.getHeader("Idempotency-Key")).isEqualTo("fp-pump-1:firing:1"));

        outbox.enqueue(dispatcher.accept(a.resolved(Instant.now()), Instant.now()));
        workers.wake();
        await().atMost(WAIT).until(() -> log().size() == 4 && log().stream().allMatch(d -> d.state() == Outbox.State.SENT));
        assertThat(hooks("resolved")).singleElement()
                .satisfies(r -> assertThat(r.getHeader("Idempotency-Key")).isEqualTo("fp-pump-1:resolved:2"));
        stub.verify(1, postRequestedFor(urlEqualTo("/rest/api/2/issue")));
        stub.verify(1, postRequestedFor(urlEqualTo("/rest/api/2/issue/OPS-7/comment"))
                .withRequestBody(matchingJsonPath("$.body", containing("resolved"))));
        assertThat(registry.counter("vigil.notifications", "receiver", "jira", "outcome", "sent").count()).isEqualTo(2);
    }

    @Test
    void aReceiverThatIsDownDelaysNobodyElse() throws Exception {
        stub.stubFor(post(urlEqualTo(HOOK)).willReturn(aResponse().withStatus(503).withBody("maintenance")));
        jiraCreatesOPS7();
        Outbox outbox = outbox(Duration.ofHours(1));
        Dispatcher dispatcher = dispatcher("route: {receivers: [webhook, jira]}", List.of("webhook", "jira"));
        started(outbox, webhook(), jira());

        outbox.enqueue(dispatcher.accept(alert("pump-1"), Instant.now()));
        outbox.enqueue(dispatcher.accept(alert("pump-2"), Instant.now()));
        workers.wake();

        await().atMost(WAIT).until(() -> log().stream().filter(d -> d.receiver().equals("jira"))
                .allMatch(d -> d.state() == Outbox.State.SENT));
        await().atMost(WAIT).until(() -> log().stream().filter(d -> d.receiver().equals("webhook"))
                .allMatch(d -> d.attempts() >= 2));
        assertThat(log()).filteredOn(d -> d.receiver().equals("webhook")).allSatisfy(d -> {
            assertThat(d.state()).isEqualTo(Outbox.State.PENDING);
            assertThat(d.lastError()).contains("503", "maintenance");
        });
        // the count follows the attempt's row, which the wait above saw: wait for it too, not race it
        await().atMost(WAIT).until(() -> registry.counter("vigil.notifications", "receiver", "webhook", "outcome",
                "retried").count() >= 4);
    }

    @Test
    void aRateLimitedReceiverWaitsTheRetryAfterItAskedForThenDelivers() throws Exception {
        stub.stubFor(post(urlEqualTo(HOOK)).inScenario("rate").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("limited once")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2").withBody("slow down")));
        stub.stubFor(post(urlEqualTo(HOOK)).inScenario("rate").whenScenarioStateIs("limited once")
                .willReturn(aResponse().withStatus(200)));
        Outbox outbox = outbox(Duration.ofHours(1));
        started(outbox, webhook());

        outbox.enqueue(dispatcher("route: {receivers: [webhook]}", List.of("webhook")).accept(alert("pump-1"), Instant.now()));
        workers.wake();

        await().atMost(WAIT).until(() -> log().get(0).state() == Outbox.State.SENT);
        List<LoggedRequest> posts = hooks("firing");
        assertThat(posts).hasSize(2);
        long gap = posts.get(1).getLoggedDate().getTime() - posts.get(0).getLoggedDate().getTime();
        assertThat(gap).as("waited the 2 s asked, not the 200 ms back-off").isGreaterThanOrEqualTo(1900);
        assertThat(log().get(0).attempts()).isEqualTo(2);
    }

    @Test
    void aResolveNeverOvertakesItsFiring() throws Exception {
        stub.stubFor(post(urlEqualTo(HOOK)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("up").willReturn(aResponse().withStatus(502)));
        stub.stubFor(post(urlEqualTo(HOOK)).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200)));
        firedAndResolvedBeforeTheWebhookStarts();

        await().atMost(WAIT).until(() -> log().stream().allMatch(d -> d.state() == Outbox.State.SENT));
        assertThat(stub.findAll(postRequestedFor(urlEqualTo(HOOK)))).extracting(r -> r.getHeader("Idempotency-Key"))
                .containsExactly("fp-pump-1:firing:1", "fp-pump-1:firing:1", "fp-pump-1:resolved:2");
    }

    @Test
    void theDeadlineDeadLettersWithTheReasonAndCountsIt() throws Exception {
        stub.stubFor(post(urlEqualTo(HOOK)).willReturn(aResponse().withStatus(500).withBody("boom")));
        Outbox outbox = outbox(Duration.ofMillis(1500));
        started(outbox, webhook());

        outbox.enqueue(dispatcher("route: {receivers: [webhook]}", List.of("webhook")).accept(alert("pump-1"), Instant.now()));
        workers.wake();

        await().atMost(WAIT).until(() -> log().get(0).state() == Outbox.State.DEAD);
        DeliveryRecord dead = log().get(0);
        assertThat(dead.lastError()).contains("deadline", "500", "boom");
        assertThat(dead.attempts()).isGreaterThanOrEqualTo(2);
        assertThat(dead.finishedAt()).isNotNull();
        assertThat(registry.counter("vigil.notification.dead.letters", "receiver", "webhook", "cause", "deadline").count())
                .isEqualTo(1);
        int attempts = stub.findAll(postRequestedFor(urlEqualTo(HOOK))).size();
        assertThat(attempts).isEqualTo(dead.attempts());
    }

    @Test
    void aRefusalIsDeadLetteredAtOnceAndTheIncidentsNextNotificationStillGoes() throws Exception {
        stub.stubFor(post(urlEqualTo(HOOK)).withRequestBody(matchingJsonPath("$.status", containing("firing")))
                .willReturn(aResponse().withStatus(400).withBody("{\"error\":\"unknown field\"}")));
        stub.stubFor(post(urlEqualTo(HOOK)).withRequestBody(matchingJsonPath("$.status", containing("resolved")))
                .willReturn(aResponse().withStatus(204)));
        firedAndResolvedBeforeTheWebhookStarts();

        await().atMost(WAIT).until(() -> log().stream().noneMatch(d -> d.state() == Outbox.State.PENDING));
        assertThat(log()).extracting(DeliveryRecord::status, DeliveryRecord::state, DeliveryRecord::attempts)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertStatus.RESOLVED, Outbox.State.SENT, 1),
                        org.assertj.core.groups.Tuple.tuple(AlertStatus.FIRING, Outbox.State.DEAD, 1));
        assertThat(log().get(1).lastError()).startsWith("refused by webhook").contains("400", "unknown field");
        assertThat(registry.counter("vigil.notification.dead.letters", "receiver", "webhook", "cause", "refused").count())
                .isEqualTo(1);
    }

    @Test
    void theLogForgetsWhatFinishedBeforeItsRetentionButNeverWhatIsPendingNorASequenceNumber() throws Exception {
        stub.stubFor(post(urlEqualTo(HOOK)).willReturn(aResponse().withStatus(200)));
        Outbox outbox = outbox(Duration.ofHours(1));
        Dispatcher dispatcher = dispatcher("route: {receivers: [webhook]}", List.of("webhook"));
        started(outbox, webhook());
        outbox.enqueue(dispatcher.accept(alert("pump-1"), Instant.now()));
        workers.wake();
        await().atMost(WAIT).until(() -> log().size() == 1 && log().get(0).state() == Outbox.State.SENT);
        workers.stop(Duration.ofSeconds(1));
        outbox.enqueue(dispatcher.accept(alert("pump-2"), Instant.now()));

        assertThat(outbox.prune(Instant.now().minusSeconds(3600))).as("nothing that old").isZero();
        assertThat(outbox.prune(Instant.now().plusSeconds(1))).isEqualTo(1);

        assertThat(log()).singleElement().satisfies(d -> {
            assertThat(d.state()).isEqualTo(Outbox.State.PENDING);
            assertThat(d.idempotencyKey()).isEqualTo("fp-pump-2:firing:2");
        });
        outbox.enqueue(dispatcher.accept(alert("pump-3"), Instant.now()));
        assertThat(log().get(0).idempotencyKey()).as("the sequence goes on").isEqualTo("fp-pump-3:firing:3");
    }
}
