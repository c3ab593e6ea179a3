package dev.vigil.alerting.outbox;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.vigil.alerting.dispatch.Dispatcher;
import dev.vigil.alerting.notify.template.NotificationTemplates;
import dev.vigil.alerting.notify.webhook.WebhookNotifier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances sharing one database (a real H2 file), each with its own delivery workers on the same outbox, and a
 * real webhook receiver talking HTTP to a WireMock consumer: every delivery is told once, by one of them, and a
 * delivery claimed by an instance that died is taken over once its claim lapses.
 */
class OutboxClaimsTest {

    @TempDir
    Path folder;
    private WireMockServer stub;
    private DataSource db;
    private DeliveryWorkers first;
    private DeliveryWorkers second;

    @BeforeEach
    void start() throws Exception {
        stub = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        stub.start();
        stub.stubFor(post(urlEqualTo(OutboxDeliveryTest.HOOK)).willReturn(aResponse().withStatus(200)));
        db = new TestDatabase(folder).migrated();
    }

    @AfterEach
    void stop() {
        for (DeliveryWorkers workers : new DeliveryWorkers[] {first, second}) {
            if (workers != null) {
                workers.stop(Duration.ZERO);
            }
        }
        stub.stop();
    }

    private Outbox outbox(String instance, Duration lease) {
        return new Outbox(db, new ObjectMapper(), new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(1),
                Duration.ofHours(1)), Clock.systemUTC(), instance, lease);
    }

    private DeliveryWorkers workers(Outbox outbox) {
        WebhookNotifier webhook = new WebhookNotifier(Optional.of(URI.create(stub.baseUrl() + OutboxDeliveryTest.HOOK)),
                Optional.empty(), new ObjectMapper(), NotificationTemplates.shipped());
        DeliveryWorkers workers = new DeliveryWorkers(Map.of(webhook.name(), webhook), outbox, new SimpleMeterRegistry(),
                Clock.systemUTC(), 20);
        workers.start();
        return workers;
    }

    private List<DeliveryRecord> log() throws Exception {
        return new DeliveryLog(db).find(new DeliveryQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                Instant.EPOCH, 1000));
    }

    @Test
    void twoInstancesOnOneOutboxTellEveryDeliveryOnce() throws Exception {
        Outbox a = outbox("vigil-a", Duration.ofMinutes(2));
        Outbox b = outbox("vigil-b", Duration.ofMinutes(2));
        Dispatcher dispatcher = OutboxDeliveryTest.dispatcher("route: {receivers: [webhook]}", List.of("webhook"));
        first = workers(a);
        second = workers(b);

        for (int i = 0; i < 40; i++) {
            (i % 2 == 0 ? a : b).enqueue(dispatcher.accept(OutboxDeliveryTest.alert("pump-" + i), Instant.now()));
            first.wake();
            second.wake();
        }
        await().atMost(OutboxDeliveryTest.WAIT).until(() -> log().size() == 40
                && log().stream().allMatch(d -> d.state() == Outbox.State.SENT));

        Map<String, Long> told = stub.findAll(postRequestedFor(urlEqualTo(OutboxDeliveryTest.HOOK))).stream()
                .collect(Collectors.groupingBy(r -> r.getHeader("Idempotency-Key"), Collectors.counting()));
        assertThat(told).hasSize(40).allSatisfy((key, times) -> assertThat(times).as(key).isEqualTo(1));
    }

    @Test
    void aDeliveryClaimedByAnInstanceThatDiedIsTakenOverWhenItsClaimLapses() throws Exception {
        Outbox dead = outbox("vigil-a", Duration.ofMillis(800));
        Outbox alive = outbox("vigil-b", Duration.ofMinutes(2));
        Dispatcher dispatcher = OutboxDeliveryTest.dispatcher("route: {receivers: [webhook]}", List.of("webhook"));
        dead.enqueue(dispatcher.accept(OutboxDeliveryTest.alert("pump-1"), Instant.now()));
        PendingDelivery claimed = dead.pending("webhook", 10).get(0);
        assertThat(dead.startAttempt(claimed)).as("vigil-a takes it, then dies before telling").isTrue();
        assertThat(alive.startAttempt(claimed)).as("held by vigil-a").isFalse();
        assertThat(dead.startAttempt(claimed)).as("vigil-a again, after its restart").isTrue();

        Instant lapse = Instant.now().plusMillis(800);
        second = workers(alive);
        await().atMost(OutboxDeliveryTest.WAIT).until(() -> log().get(0).state() == Outbox.State.SENT);

        assertThat(Instant.now()).as("not before vigil-a's claim lapsed").isAfterOrEqualTo(lapse.minusMillis(50));
        stub.verify(1, postRequestedFor(urlEqualTo(OutboxDeliveryTest.HOOK)));
    }
}
