package dev.vigil.ingest.otlp;

import java.time.Clock;
import java.util.List;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vigil.contracts.InvalidInputException;
import dev.vigil.ingest.IngestEndpoints;
import dev.vigil.ingest.IngestMetrics;
import dev.vigil.ingest.Sources;
import dev.vigil.ingest.deadletter.DeadLetters;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.ProducerTemplate;

/**
 * Takes in OTLP/HTTP export requests (binary protobuf), source {@code otlp}: metrics' gauge and sum points go on as
 * one batch of observations to {@link IngestEndpoints#OBSERVATIONS} ({@link OtlpMetricsReader}), log records as one
 * batch of log events to {@link IngestEndpoints#LOG_EVENTS} ({@link OtlpLogsReader}). A body that is not the
 * request's protobuf is a dead letter and {@link InvalidInputException} (the caller answers 400, which exporters do
 * not retry); a metric or record Vigil cannot take is a dead letter and counted in the answer's
 * {@code partial_success}. Points skipped (distributions, no recorded value, NaN) are counted in
 * {@code vigil_otlp_points_skipped_total{reason}}.
 */
@ApplicationScoped
public class OtlpIntake {

    static final String METRICS_ORIGIN = "POST /api/otlp/v1/metrics";
    static final String LOGS_ORIGIN = "POST /api/otlp/v1/logs";

    private final OtlpMetricsReader metricsReader = new OtlpMetricsReader(Sources.OTLP);
    private final OtlpLogsReader logsReader = new OtlpLogsReader(Sources.OTLP);
    private final ProducerTemplate producer;
    private final DeadLetters deadLetters;
    private final IngestMetrics metrics;
    private final MeterRegistry registry;
    private final Clock clock = Clock.systemUTC();

    public OtlpIntake(ProducerTemplate producer, DeadLetters deadLetters, IngestMetrics metrics, MeterRegistry registry) {
        this.producer = producer;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.registry = registry;
    }

    public ExportMetricsServiceResponse metrics(byte[] body) {
        ExportMetricsServiceRequest request;
        try {
            request = ExportMetricsServiceRequest.parseFrom(body == null ? new byte[0] : body);
        } catch (InvalidProtocolBufferException e) {
            throw unreadable(METRICS_ORIGIN, body, "ExportMetricsServiceRequest", e);
        }
        OtlpMetricsReader.Reading reading = metricsReader.read(request, clock.instant());
        reject(METRICS_ORIGIN, reading.problems());
        reading.skipped().forEach((reason, count) ->
                registry.counter("vigil.otlp.points.skipped", "reason", reason).increment(count));
        hand(IngestEndpoints.OBSERVATIONS, reading.observations());
        long rejected = reading.points() - reading.observations().size();
        ExportMetricsServiceResponse.Builder response = ExportMetricsServiceResponse.newBuilder();
        if (rejected > 0) {
            response.setPartialSuccess(ExportMetricsPartialSuccess.newBuilder().setRejectedDataPoints(rejected)
                    .setErrorMessage(summary(reading.problems(), reading.skipped().toString())));
        }
        return response.build();
    }

    public ExportLogsServiceResponse logs(byte[] body) {
        ExportLogsServiceRequest request;
        try {
            request = ExportLogsServiceRequest.parseFrom(body == null ? new byte[0] : body);
        } catch (InvalidProtocolBufferException e) {
            throw unreadable(LOGS_ORIGIN, body, "ExportLogsServiceRequest", e);
        }
        OtlpLogsReader.Reading reading = logsReader.read(request, clock.instant());
        reject(LOGS_ORIGIN, reading.problems());
        hand(IngestEndpoints.LOG_EVENTS, reading.events());
        long rejected = reading.records() - reading.events().size();
        ExportLogsServiceResponse.Builder response = ExportLogsServiceResponse.newBuilder();
        if (rejected > 0) {
            response.setPartialSuccess(ExportLogsPartialSuccess.newBuilder().setRejectedLogRecords(rejected)
                    .setErrorMessage(summary(reading.problems(), "")));
        }
        return response.build();
    }

    private void hand(String endpoint, List<?> items) {
        if (!items.isEmpty()) {
            producer.sendBody(endpoint, items);
            metrics.accepted(Sources.OTLP, items.size());
        }
    }

    private void reject(String origin, List<String> problems) {
        for (String problem : problems) {
            deadLetters.reject(Sources.OTLP, origin, "", problem);
        }
    }

    private InvalidInputException unreadable(String origin, byte[] body, String message, Exception cause) {
        String reason = "body is not a protobuf " + message + " (OTLP/HTTP binary): " + cause.getMessage();
        deadLetters.reject(Sources.OTLP, origin, DeadLetters.binary(body), reason);
        return new InvalidInputException(reason);
    }

    private static String summary(List<String> problems, String skipped) {
        String rejected = problems.isEmpty() ? "" : problems.size() + " rejected (see Vigil's dead letters), first: "
                + problems.get(0);
        String skips = skipped.isEmpty() || "{}".equals(skipped) ? "" : "skipped points: " + skipped;
        return String.join("; ", List.of(rejected, skips).stream().filter(part -> !part.isEmpty()).toList());
    }
}
