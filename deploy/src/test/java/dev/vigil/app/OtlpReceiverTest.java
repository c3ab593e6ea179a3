package dev.vigil.app;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.vigil.app.testing.DeadLetterFile;
import dev.vigil.app.testing.Metrics;
import dev.vigil.app.testing.SlackInbox;
import dev.vigil.app.testing.WorkFoldersResource;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableDoublePointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableGaugeData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableMetricData;
import io.opentelemetry.sdk.resources.Resource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * The OTLP/HTTP receiver fed by the OpenTelemetry Java SDK's own exporters, as an instrumented service would feed
 * it: a gauge's spike is scored and alerts under source {@code otlp}, log records become log events of the resource's
 * service, a record Vigil cannot read and an unreadable body are dead letters.
 */
@QuarkusTest
class OtlpReceiverTest {

    private static final Instant T0 = Instant.parse("2026-01-12T00:00:00Z");
    private static final String KEY = "test-ops-key";
    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

    @TestHTTPResource("/api/otlp/v1/metrics")
    URL metricsUrl;
    @TestHTTPResource("/api/otlp/v1/logs")
    URL logsUrl;
    @ConfigProperty(name = "vigil.notify.slack.webhook-url")
    String slackUrl;
    @ConfigProperty(name = WorkFoldersResource.DEAD_LETTER_FILE)
    String deadLetterFile;

    @Test
    void gaugePointsFromTheSdkExporterAreScoredAndTheirSpikeAlerts() {
        String entity = "checkout.queue.depth{region=eu,service.name=checkout}";
        double acceptedBefore = Metrics.counter("vigil_ingest_events_total", "otlp");
        List<DoublePointData> points = new ArrayList<>();
        for (int minute = 0; minute < 40; minute++) {
            double value = minute >= 30 && minute < 33 ? 95.0 : 40 + 0.5 * Math.sin(minute);
            long nanos = TimeUnit.MILLISECONDS.toNanos(T0.plus(Duration.ofMinutes(minute)).toEpochMilli());
            points.add(ImmutableDoublePointData.create(nanos, nanos, Attributes.of(AttributeKey.stringKey("region"), "eu"),
                    value));
        }
        MetricData gauge = ImmutableMetricData.createDoubleGauge(Resource.create(Attributes.of(SERVICE_NAME, "checkout")),
                InstrumentationScopeInfo.create("shop"), "checkout.queue.depth", "orders waiting", "1",
                ImmutableGaugeData.create(points));

        OtlpHttpMetricExporter exporter = OtlpHttpMetricExporter.builder().setEndpoint(metricsUrl.toString())
                .addHeader("X-Vigil-Api-Key", KEY).build();
        try {
            assertThat(exporter.export(List.of(gauge)).join(30, TimeUnit.SECONDS).isSuccess()).isTrue();
        } finally {
            exporter.shutdown().join(10, TimeUnit.SECONDS);
        }

        SlackInbox slack = new SlackInbox(slackUrl);
        await().atMost(Duration.ofSeconds(30)).until(() -> !slack.firing(entity).isEmpty());
        assertThat(slack.firing(entity).get(0).path("text").asText()).contains("(otlp)").contains("mean observed 95.00");
        assertThat(Metrics.counter("vigil_ingest_events_total", "otlp")).isEqualTo(acceptedBefore + 40);
    }

    @Test
    void logRecordsFromTheSdkBecomeLogEventsAndOneWithAnUnknownSeverityIsADeadLetter() throws Exception {
        double acceptedBefore = Metrics.counter("vigil_ingest_events_total", "otlp");
        double deadBefore = Metrics.counter("vigil_ingest_dead_letters_total", "otlp");
        SdkLoggerProvider provider = SdkLoggerProvider.builder()
                .setResource(Resource.create(Attributes.of(SERVICE_NAME, "payments")))
                .addLogRecordProcessor(SimpleLogRecordProcessor.create(OtlpHttpLogRecordExporter.builder()
                        .setEndpoint(logsUrl.toString()).addHeader("X-Vigil-Api-Key", KEY).build()))
                .build();
        try {
            Logger logger = provider.get("payments.gateway");
            for (int i = 0; i < 5; i++) {
                logger.logRecordBuilder().setTimestamp(T0.plusSeconds(i)).setSeverity(Severity.ERROR)
                        .setBody("card declined for order " + i).setAttribute(AttributeKey.stringKey("order"), "o-" + i)
                        .emit();
            }
            logger.logRecordBuilder().setTimestamp(T0.plusSeconds(9)).setSeverityText("LOUD").setBody("?").emit();
            assertThat(provider.forceFlush().join(30, TimeUnit.SECONDS).isSuccess()).isTrue();
        } finally {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(Metrics.counter("vigil_ingest_events_total", "otlp")).isEqualTo(acceptedBefore + 5);
            assertThat(Metrics.counter("vigil_ingest_dead_letters_total", "otlp")).isEqualTo(deadBefore + 1);
        });
        assertThat(new DeadLetterFile(deadLetterFile).from("otlp"))
                .anySatisfy(letter -> assertThat(letter.path("reason").asText()).contains("payments").contains("LOUD"));
    }

    @Test
    void aBodyThatIsNotOtlpProtobufIs400AndADeadLetter() throws Exception {
        double deadBefore = Metrics.counter("vigil_ingest_dead_letters_total", "otlp");

        given().header("X-Vigil-Api-Key", KEY).contentType("application/x-protobuf").body("this is not protobuf".getBytes())
                .post("/api/otlp/v1/metrics").then().statusCode(400).body("reason", containsString("ExportMetricsServiceRequest"));
        given().header("X-Vigil-Api-Key", KEY).contentType("application/json").body("{}")
                .post("/api/otlp/v1/logs").then().statusCode(415);
        given().contentType("application/x-protobuf").body(new byte[0]).post("/api/otlp/v1/metrics").then().statusCode(401);

        assertThat(Metrics.counter("vigil_ingest_dead_letters_total", "otlp")).isEqualTo(deadBefore + 1);
        assertThat(new DeadLetterFile(deadLetterFile).from("otlp")).anySatisfy(letter ->
                assertThat(letter.path("origin").asText()).isEqualTo("POST /api/otlp/v1/metrics"));
    }
}
