package dev.vigil.alerting.outbox;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.vigil.alerting.dispatch.Dispatcher;
import dev.vigil.alerting.lifecycle.AlertLifecycle;
import dev.vigil.alerting.lifecycle.ConfirmationPolicy;
import dev.vigil.alerting.notify.Notifier;
import dev.vigil.alerting.notify.jira.JiraNotifier;
import dev.vigil.alerting.notify.slack.SlackNotifier;
import dev.vigil.alerting.notify.template.NotificationTemplates;
import dev.vigil.alerting.notify.webhook.WebhookNotifier;
import dev.vigil.alerting.store.AlertStore;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import dev.vigil.contracts.Explanation;
import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Score;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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
 * Restarts at component level: the notification path (alert store, lifecycle, dispatcher, outbox, delivery workers)
 * is stopped, its H2 file database shut down and opened again by new instances, which restore what the start of the
 * real application restores ({@link Restore}). Chosen over restarting the Quarkus application because the moment of
 * the stop can be put exactly inside a delivery (a Jira create the stub has taken but not yet answered), which an
 * application restart between two test profiles cannot aim at; the code that runs is the same.
 */
class OutboxRestartTest {

    private static final String HOOK = "/hooks/vigil";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String TS = "1718000000.000100";

    @TempDir
    Path folder;
    TestDatabase database;
    static WireMockServer stub;
    final List<DeliveryWorkers> running = new ArrayList<>();

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
    void start() {
        database = new TestDatabase(folder);
        stub.resetAll();
    }

    @AfterEach
    void stop() {
        running.forEach(w -> w.stop(Duration.ZERO));
    }

    /** One run of Vigil's notification path over the database as it finds it. */
    final class Run {
        final DataSource db;
        final AlertStore store;
        final Outbox outbox;
        final AlertLifecycle lifecycle = new AlertLifecycle(new ConfirmationPolicy(2, 3, 3));
        final Dispatcher dispatcher;
        final DeliveryWorkers workers;

        Run(DataSource db, Notifier... receivers) throws Exception {
            this.db = db;
            ObjectMapper json = new ObjectMapper();
            store = new AlertStore(db, json);
            outbox = new Outbox(db, json, new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofHours(1)),
                    Clock.systemUTC());
            List<String> names = java.util.Arrays.stream(receivers).map(Notifier::name).toList();
            dispatcher = OutboxDeliveryTest.dispatcher("route: {receivers: [" + String.join(", ", names) + "]}", names);
            Restore.lifecycle(lifecycle, store);
            Restore.dispatcher(dispatcher, store, outbox, Instant.now());
            Map<String, Notifier> byName = new java.util.LinkedHashMap<>();
            for (Notifier n : receivers) {
                byName.put(n.name(), n);
            }
            workers = new DeliveryWorkers(byName, outbox, new SimpleMeterRegistry(), Clock.systemUTC(), 50);
            running.add(workers);
            workers.start();
        }

        /** What the notification routes do with each score: lifecycle, store, dispatch, outbox. */
        Optional<Alert> score(int window, boolean anomalous) throws Exception {
            Optional<Alert> alert = lifecycle.onScore(score(window, anomalous ? 0.8 : 0.2));
            if (alert.isPresent()) {
                store.save(alert.get());
                outbox.enqueue(dispatcher.accept(alert.get(), Instant.now()));
                workers.wake();
            }
            return alert;
        }

        List<DeliveryRecord> log() throws Exception {
            return new DeliveryLog(db).find(new DeliveryQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                    Instant.EPOCH, 1000));
        }

        boolean allSent() throws Exception {
            return log().stream().allMatch(d -> d.state() == Outbox.State.SENT);
        }

        /** A crash: the attempt in flight is interrupted, the database is closed. */
        void crash() throws Exception {
            workers.stop(Duration.ZERO);
            database.shutdown();
        }

        private Score score(int window, double score) {
            Explanation why = new Explanation("mean", 100 + 50 * score, 100, 2,
                    List.of(new Finding("robust-z", score / (1 - score) * 3.5, 3.5, "mean observed " + (100 + 50 * score))));
            return new Score("metric-baseline", "mqtt", "temperature{device=boiler-2,site=plant-1}",
                    new TreeMap<>(Map.of("site", "plant-1")), Instant.parse("2026-01-10T10:00:00Z").plusSeconds(60L * window),
                    score, Score.THRESHOLD, score >= Score.THRESHOLD, why);
        }
    }

    private WebhookNotifier webhook() {
        return new WebhookNotifier(Optional.of(URI.create(stub.baseUrl() + HOOK)), Optional.empty(), new ObjectMapper(), NotificationTemplates.shipped());
    }

    private SlackNotifier slackWebApi() {
        return new SlackNotifier(Optional.empty(), Optional.of("xoxb-test"), Optional.of("#alerts"),
                URI.create(stub.baseUrl() + "/api"), new ObjectMapper(), NotificationTemplates.shipped());
    }

    private JiraNotifier jira() {
        return new JiraNotifier(Optional.of(URI.create(stub.baseUrl())), Optional.of("bot@example.com"),
                Optional.of("token"), Optional.of("OPS"), "Task", Optional.empty(), "CRITICAL:High", new ObjectMapper(), NotificationTemplates.shipped());
    }

    @Test
    void aRestartInTheMiddleOfAJiraCreateNeitherLosesNorDuplicatesTheTicket() throws Exception {
        String created = "{\"issues\":[{\"id\":\"10007\",\"key\":\"OPS-7\",\"fields\":{\"status\":{\"statusCategory\":"
                + "{\"key\":\"new\"}},\"description\":\"{noformat}\\n…\\n(vigil notification %s)\\n{noformat}\"}}],\"isLast\":true}";
        stub.stubFor(get(urlPathEqualTo("/rest/api/2/search/jql")).inScenario("jira").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"issues\":[],\"isLast\":true}")));
        // Jira takes the create at once and answers slowly: Vigil stops while it waits
        stub.stubFor(post(urlEqualTo("/rest/api/2/issue")).inScenario("jira").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("created").willReturn(aResponse().withStatus(201).withFixedDelay(5_000)
                        .withHeader("Content-Type", "application/json").withBody("{\"id\":\"10007\",\"key\":\"OPS-7\"}")));
        Run first = new Run(database.migrated(), jira());
        first.score(0, true);
        Alert fired = first.score(1, true).orElseThrow();
        String key = fired.fingerprint() + ":firing:1";
        stub.stubFor(get(urlPathEqualTo("/rest/api/2/search/jql")).inScenario("jira").whenScenarioStateIs("created")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(created.formatted(key))));

        await().atMost(WAIT).until(() -> "created".equals(stub.getAllScenarios().getScenarios().get(0).getState()));
        first.crash();

        Run second = new Run(database.open(), jira());
        await().atMost(WAIT).until(second::allSent);

        assertThat(second.log()).singleElement().satisfies(d -> {
            assertThat(d.idempotencyKey()).isEqualTo(key);
            assertThat(d.attempts()).as("the interrupted attempt, counted when it started, and the resumed one").isEqualTo(2);
            assertThat(d.reference()).isEqualTo("OPS-7");
        });
        await().atMost(WAIT).until(() -> !stub.findAll(postRequestedFor(urlEqualTo("/rest/api/2/issue"))).isEmpty());
        stub.verify(1, postRequestedFor(urlEqualTo("/rest/api/2/issue")));
        stub.verify(0, postRequestedFor(urlPathEqualTo("/rest/api/2/issue/OPS-7/comment")));
    }

    @Test
    void aCallInFlightWhenVigilDiesIsCountedInTheDeliveryLogBeforeTheReceiverAnswers() throws Exception {
        // the receiver takes the first call and holds its reply past the crash
        stub.stubFor(post(urlEqualTo(HOOK)).inScenario("held").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("answering").willReturn(aResponse().withStatus(200).withFixedDelay(10_000)));
        stub.stubFor(post(urlEqualTo(HOOK)).inScenario("held").whenScenarioStateIs("answering")
                .willReturn(aResponse().withStatus(200)));
        Run first = new Run(database.migrated(), webhook());
        first.score(0, true);
        Alert fired = first.score(1, true).orElseThrow();
        Instant beforeCall = Instant.now();
        await().atMost(WAIT).until(() -> !stub.findAll(postRequestedFor(urlEqualTo(HOOK))).isEmpty());

        assertThat(first.log()).singleElement().satisfies(d -> {
            assertThat(d.state()).isEqualTo(Outbox.State.PENDING);
            assertThat(d.attempts()).as("the call the receiver holds, counted before it was made").isEqualTo(1);
            assertThat(d.lastAttemptAt()).isNotNull().isBetween(beforeCall.minusSeconds(5), Instant.now());
        });
        first.crash();

        Run second = new Run(database.open(), webhook());
        await().atMost(WAIT).until(second::allSent);

        List<String> calls = stub.findAll(postRequestedFor(urlEqualTo(HOOK))).stream()
                .map(r -> r.getHeader("Idempotency-Key")).toList();
        assertThat(calls).as("called twice, with one notification").hasSize(2).containsOnly(fired.fingerprint() + ":firing:1");
        assertThat(second.log()).singleElement().satisfies(d -> assertThat(d.attempts())
                .as("the delivery log says as many tries as the receiver saw calls").isEqualTo(calls.size()));
    }

    @Test
    void aNotificationWrittenBeforeAStopIsDeliveredAfterIt() throws Exception {
        stub.stubFor(post(urlEqualTo(HOOK)).inScenario("hook").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)));
        Run first = new Run(database.migrated(), webhook());
        first.score(0, true);
        first.score(1, true).orElseThrow();
        await().atMost(WAIT).until(() -> first.log().get(0).attempts() >= 1);
        first.crash();
        stub.stubFor(post(urlEqualTo(HOOK)).inScenario("hook").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200)));

        Run second = new Run(database.open(), webhook());
        await().atMost(WAIT).until(second::allSent);

        assertThat(stub.findAll(postRequestedFor(urlEqualTo(HOOK))).stream().map(r -> r.getHeader("Idempotency-Key")).distinct())
                .as("every attempt was the same notification").hasSize(1);
    }

    @Test
    void afterARestartAFiringIncidentGoesOnUnderItsIdItsGroupIsNotToldAgainAndSlackEditsTheSameMessage() throws Exception {
        stub.stubFor(post(urlEqualTo(HOOK)).willReturn(aResponse().withStatus(200)));
        String posted = "{\"ok\":true,\"channel\":\"C0123ALERTS\",\"ts\":\"" + TS + "\"}";
        stub.stubFor(post(urlEqualTo("/api/chat.postMessage")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(posted)));
        stub.stubFor(post(urlEqualTo("/api/chat.update")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(posted)));

        Run first = new Run(database.migrated(), webhook(), slackWebApi());
        first.score(0, true);
        Alert fired = first.score(1, true).orElseThrow();
        first.score(2, true);
        await().atMost(WAIT).until(() -> first.log().size() == 2 && first.allSent());
        first.crash();

        Run second = new Run(database.open(), webhook(), slackWebApi());
        assertThat(second.score(3, true)).as("still the same incident: nothing new").isEmpty();
        assertThat(second.score(4, true)).isEmpty();
        assertThat(second.dispatcher.flush(Instant.now())).as("its group was told before the restart").isEmpty();
        assertThat(second.score(5, false)).isEmpty();
        assertThat(second.score(6, false)).isEmpty();
        Alert resolved = second.score(7, false).orElseThrow();
        assertThat(resolved.id()).isEqualTo(fired.id());
        assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
        await().atMost(WAIT).until(() -> second.log().size() == 4 && second.allSent());

        assertThat(stub.findAll(postRequestedFor(urlEqualTo(HOOK)))).extracting(r -> r.getHeader("Idempotency-Key"))
                .containsExactly(fired.fingerprint() + ":firing:1", fired.fingerprint() + ":resolved:2");
        stub.verify(1, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
        stub.verify(1, postRequestedFor(urlEqualTo("/api/chat.update"))
                .withRequestBody(matchingJsonPath("$.channel", equalTo("C0123ALERTS")))
                .withRequestBody(matchingJsonPath("$.ts", equalTo(TS)))
                .withRequestBody(matchingJsonPath("$.text", containing("[RESOLVED]"))));
    }
}
