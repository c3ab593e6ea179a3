package dev.vigil.app;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.vigil.app.testing.DeadLetterFile;
import dev.vigil.app.testing.Metrics;
import dev.vigil.app.testing.SlackInbox;
import dev.vigil.app.testing.WorkFoldersResource;
import dev.vigil.ingest.prometheus.RemoteWriteRequests;
import dev.vigil.ingest.prometheus.RemoteWriteSeries;
import dev.vigil.ingest.prometheus.RemoteWriteSeries.Sample;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * {@code POST /api/v1/write} as a Prometheus server calls it (remote write 1.0: snappy-compressed protobuf, its three
 * headers, the API key as a bearer token): the samples are scored under source {@code prometheus} and a spike alerts;
 * stale markers and NaN are skipped and counted; a series Vigil cannot name and an unreadable body are dead letters,
 * the first within a 204, the second a 400.
 */
@QuarkusTest
class PrometheusRemoteWriteTest {

    private static final Instant T0 = Instant.parse("2026-01-11T00:00:00Z");
    private static final String KEY = "test-ops-key";
    private static final double STALE = Double.longBitsToDouble(0x7ff0000000000002L);

    @ConfigProperty(name = "vigil.notify.slack.webhook-url")
    String slackUrl;
    @ConfigProperty(name = WorkFoldersResource.DEAD_LETTER_FILE)
    String deadLetterFile;

    @Test
    void aBatchIsScoredItsSpikeAlertsAndWhatCannotBeScoredIsSkippedOrDeadLettered() throws Exception {
        String entity = "node_cpu_busy{instance=db-7:9100,job=node}";
        double acceptedBefore = Metrics.counter("vigil_ingest_events_total", "prometheus");
        double deadBefore = Metrics.counter("vigil_ingest_dead_letters_total", "prometheus");
        double staleBefore = Metrics.counter("vigil_prometheus_samples_skipped_total", "reason", "stale");
        double nanBefore = Metrics.counter("vigil_prometheus_samples_skipped_total", "reason", "nan");

        List<Sample> samples = new ArrayList<>();
        for (int minute = 0; minute < 40; minute++) {
            double value = minute >= 30 && minute < 33 ? 95.0 : 40 + 0.5 * Math.sin(minute);
            samples.add(new Sample(value, T0.plus(Duration.ofMinutes(minute)).toEpochMilli()));
        }
        samples.add(new Sample(Double.NaN, T0.plus(Duration.ofSeconds(2410)).toEpochMilli()));
        samples.add(new Sample(STALE, T0.plus(Duration.ofMinutes(41)).toEpochMilli()));
        byte[] body = RemoteWriteRequests.body(List.of(
                RemoteWriteRequests.series("node_cpu_busy", Map.of("job", "node", "instance", "db-7:9100"), samples),
                RemoteWriteRequests.series("http_requests_total", Map.of("path", "/search?q=a,b"),
                        List.of(new Sample(1, T0.toEpochMilli())))));

        remoteWrite().body(body).post("/api/v1/write").then().statusCode(204);

        SlackInbox slack = new SlackInbox(slackUrl);
        await().atMost(Duration.ofSeconds(30)).until(() -> !slack.firing(entity).isEmpty());
        assertThat(slack.firing(entity).get(0).path("text").asText()).contains("(prometheus)").contains("mean observed 95.00");
        assertThat(Metrics.counter("vigil_ingest_events_total", "prometheus")).isEqualTo(acceptedBefore + 40);
        assertThat(Metrics.counter("vigil_prometheus_samples_skipped_total", "reason", "stale")).isEqualTo(staleBefore + 1);
        assertThat(Metrics.counter("vigil_prometheus_samples_skipped_total", "reason", "nan")).isEqualTo(nanBefore + 1);
        assertThat(Metrics.counter("vigil_ingest_dead_letters_total", "prometheus")).isEqualTo(deadBefore + 1);
        assertThat(new DeadLetterFile(deadLetterFile).from("prometheus")).anySatisfy(letter -> {
            assertThat(letter.path("reason").asText()).contains("path").contains("forbidden character");
            assertThat(letter.path("payload").asText()).contains("http_requests_total{path=\"/search?q=a,b\"}");
        });
    }

    @Test
    void aBodyThatIsNotSnappyProtobufIs400AndADeadLetterAndTheNextRequestIsTaken() throws Exception {
        double deadBefore = Metrics.counter("vigil_ingest_dead_letters_total", "prometheus");
        double acceptedBefore = Metrics.counter("vigil_ingest_events_total", "prometheus");

        remoteWrite().body("# HELP up whether the target is up\nup 1\n".getBytes()).post("/api/v1/write")
                .then().statusCode(400).body("reason", containsString("snappy"));

        assertThat(Metrics.counter("vigil_ingest_dead_letters_total", "prometheus")).isEqualTo(deadBefore + 1);
        assertThat(new DeadLetterFile(deadLetterFile).from("prometheus")).anySatisfy(letter -> {
            assertThat(letter.path("reason").asText()).contains("not snappy-compressed");
            assertThat(letter.path("origin").asText()).isEqualTo("POST /api/v1/write");
        });
        RemoteWriteSeries up = RemoteWriteRequests.series("up", Map.of("job", "after-bad-body"),
                List.of(new Sample(1, T0.toEpochMilli())));
        remoteWrite().body(RemoteWriteRequests.body(List.of(up))).post("/api/v1/write").then().statusCode(204);
        assertThat(Metrics.counter("vigil_ingest_events_total", "prometheus")).isEqualTo(acceptedBefore + 1);
    }

    @Test
    void theApiKeyIsTakenAsHeaderOrBearerTokenAndNothingGetsInWithoutIt() {
        byte[] body = RemoteWriteRequests.body(List.of(RemoteWriteRequests.series("up", Map.of("job", "auth"),
                List.of(new Sample(1, T0.toEpochMilli())))));

        given().header("Content-Encoding", "snappy").contentType("application/x-protobuf").body(body)
                .post("/api/v1/write").then().statusCode(401);
        given().header("Authorization", "Bearer not-a-key").contentType("application/x-protobuf").body(body)
                .post("/api/v1/write").then().statusCode(401);
        given().header("X-Vigil-Api-Key", KEY).header("Content-Encoding", "snappy")
                .contentType("application/x-protobuf").body(body).post("/api/v1/write").then().statusCode(204);
    }

    /** The request as Prometheus sends it (remote write 1.0), with the key as {@code authorization: credentials}. */
    private static RequestSpecification remoteWrite() {
        return given().header("Authorization", "Bearer " + KEY).header("Content-Encoding", "snappy")
                .header("X-Prometheus-Remote-Write-Version", "0.1.0").header("User-Agent", "Prometheus/3.5.0")
                .contentType("application/x-protobuf");
    }
}
