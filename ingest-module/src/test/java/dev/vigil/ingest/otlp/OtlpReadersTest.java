package dev.vigil.ingest.otlp;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;
import dev.vigil.contracts.LogEvent;
import dev.vigil.contracts.LogLevel;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests built with OpenTelemetry's generated OTLP classes, read as Vigil's events. */
class OtlpReadersTest {

    private static final Instant T0 = Instant.parse("2026-01-12T00:00:00Z");
    private static final long T0_NANOS = T0.getEpochSecond() * 1_000_000_000L;

    @Test
    void gaugeAndSumPointsAreObservationsTaggedWithResourceAndPointAttributes() {
        Metric gauge = Metric.newBuilder().setName("queue.depth").setGauge(Gauge.newBuilder()
                .addDataPoints(point(T0_NANOS, "region", "eu").setAsDouble(4.5))).build();
        Metric sum = Metric.newBuilder().setName("orders").setSum(Sum.newBuilder()
                .addDataPoints(point(0, "region", "us").setAsInt(12))).build();

        OtlpMetricsReader.Reading reading = new OtlpMetricsReader("otlp").read(metrics(gauge, sum), T0.plusSeconds(60));

        assertThat(reading.observations()).extracting(o -> o.series() + "@" + o.timestamp() + "=" + o.value())
                .containsExactly("queue.depth{host.name=web-1,region=eu,service.name=shop}@2026-01-12T00:00:00Z=4.5",
                        "orders{host.name=web-1,region=us,service.name=shop}@2026-01-12T00:01:00Z=12.0");
        assertThat(reading.problems()).isEmpty();
        assertThat(reading.points()).isEqualTo(2);
    }

    @Test
    void distributionsAndPointsWithoutAValueAreSkippedAndABadNameIsAProblem() {
        Metric histogram = Metric.newBuilder().setName("latency").setHistogram(Histogram.newBuilder()
                .addDataPoints(HistogramDataPoint.newBuilder().setCount(3))).build();
        Metric gap = Metric.newBuilder().setName("queue.depth").setGauge(Gauge.newBuilder()
                .addDataPoints(point(T0_NANOS, "region", "eu").setFlags(1))).build();
        Metric badName = Metric.newBuilder().setName("http/server/duration").setGauge(Gauge.newBuilder()
                .addDataPoints(point(T0_NANOS, "region", "eu").setAsDouble(1))).build();

        OtlpMetricsReader.Reading reading = new OtlpMetricsReader("otlp").read(metrics(histogram, gap, badName), T0);

        assertThat(reading.observations()).isEmpty();
        assertThat(reading.skipped()).containsExactlyInAnyOrderEntriesOf(Map.of("histogram", 1, "no_recorded_value", 1));
        assertThat(reading.problems()).singleElement().asString().contains("http/server/duration").contains("not a valid name");
        assertThat(reading.points()).isEqualTo(3);
    }

    @Test
    void logRecordsAreLogEventsOfTheResourcesServiceWithTheirLevelAndFields() {
        LogRecord error = LogRecord.newBuilder().setTimeUnixNano(T0_NANOS).setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_ERROR2)
                .setBody(AnyValue.newBuilder().setStringValue("card declined"))
                .addAttributes(attribute("order", "o-1")).setTraceId(ByteString.copyFrom(new byte[] {1, 2, (byte) 0xab}))
                .build();
        LogRecord textOnly = LogRecord.newBuilder().setObservedTimeUnixNano(T0_NANOS + 1_000_000_000L)
                .setSeverityText("warning").setBody(AnyValue.newBuilder().setStringValue("slow")).build();
        LogRecord unknown = LogRecord.newBuilder().setSeverityText("LOUD").build();

        OtlpLogsReader.Reading reading = new OtlpLogsReader("otlp").read(ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder().setResource(resource())
                        .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(error).addLogRecords(textOnly).addLogRecords(unknown)))
                .build(), T0);

        assertThat(reading.events()).containsExactly(
                new LogEvent("otlp", "shop", T0, LogLevel.ERROR, "card declined", Map.of("order", "o-1", "trace_id", "0102ab")),
                new LogEvent("otlp", "shop", T0.plusSeconds(1), LogLevel.WARN, "slow", Map.of()));
        assertThat(reading.problems()).singleElement().asString().contains("shop").contains("LOUD");
        assertThat(reading.records()).isEqualTo(3);
    }

    private static ExportMetricsServiceRequest metrics(Metric... metrics) {
        return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
                .setResource(resource()).addScopeMetrics(ScopeMetrics.newBuilder().addAllMetrics(List.of(metrics))))
                .build();
    }

    private static Resource resource() {
        return Resource.newBuilder().addAttributes(attribute("service.name", "shop")).addAttributes(attribute("host.name", "web-1"))
                .addAttributes(attribute("telemetry.sdk.language", "java")).build();
    }

    private static NumberDataPoint.Builder point(long nanos, String key, String value) {
        return NumberDataPoint.newBuilder().setTimeUnixNano(nanos).addAttributes(attribute(key, value));
    }

    private static KeyValue attribute(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }
}
