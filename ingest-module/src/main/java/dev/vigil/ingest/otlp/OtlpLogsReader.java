package dev.vigil.ingest.otlp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.vigil.contracts.InputRules;
import dev.vigil.contracts.InvalidInputException;
import dev.vigil.contracts.LogEvent;
import dev.vigil.contracts.LogLevel;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;

/**
 * OTLP log records as Vigil log events: the service from the resource's {@code service.name} (else the source's
 * name), the time from {@code time_unix_nano}, else {@code observed_time_unix_nano}, else receipt; the level from
 * {@code severity_number} (OpenTelemetry's ranges: 1-4 TRACE ... 21-24 FATAL), else the {@code severity_text} as
 * loggers spell it, else INFO; the message from a scalar body; the record's attributes, {@code trace_id} and
 * {@code span_id} (hex) as fields. A record that cannot be an event (an unknown severity text, a service name that
 * breaks {@link InputRules}) is rejected with the reason; the rest of the request is read.
 */
final class OtlpLogsReader {

    private static final String SERVICE_NAME = "service.name";
    private static final int SEVERITY_RANGE = 4;
    private static final LogLevel[] SEVERITIES = {LogLevel.TRACE, LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN,
            LogLevel.ERROR, LogLevel.FATAL};

    private final String source;

    OtlpLogsReader(String source) {
        this.source = source;
    }

    /** What a request gave; {@code records} counts all the request's log records. */
    record Reading(List<LogEvent> events, List<String> problems, int records) {
    }

    Reading read(ExportLogsServiceRequest request, Instant receivedAt) {
        List<LogEvent> events = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int records = 0;
        for (ResourceLogs resource : request.getResourceLogsList()) {
            String service = resource.getResource().getAttributesList().stream()
                    .filter(attribute -> SERVICE_NAME.equals(attribute.getKey()))
                    .map(attribute -> Attributes.scalar(attribute.getValue()))
                    .filter(name -> name != null && !name.isEmpty()).findFirst().orElse(source);
            for (ScopeLogs scope : resource.getScopeLogsList()) {
                for (LogRecord record : scope.getLogRecordsList()) {
                    records++;
                    try {
                        events.add(event(service, record, receivedAt));
                    } catch (InvalidInputException e) {
                        problems.add("log record of '" + InputRules.printable(service, 80) + "': " + e.getMessage());
                    }
                }
            }
        }
        return new Reading(events, problems, records);
    }

    private LogEvent event(String service, LogRecord record, Instant receivedAt) {
        Map<String, String> fields = new TreeMap<>();
        Attributes.putScalars(record.getAttributesList(), fields);
        if (!record.getTraceId().isEmpty()) {
            fields.put("trace_id", HexFormat.of().formatHex(record.getTraceId().toByteArray()));
        }
        if (!record.getSpanId().isEmpty()) {
            fields.put("span_id", HexFormat.of().formatHex(record.getSpanId().toByteArray()));
        }
        String message = Attributes.scalar(record.getBody());
        return new LogEvent(source, service, time(record, receivedAt), level(record), message, fields);
    }

    private static Instant time(LogRecord record, Instant receivedAt) {
        if (record.getTimeUnixNano() != 0) {
            return OtlpMetricsReader.nanos(record.getTimeUnixNano());
        }
        return record.getObservedTimeUnixNano() != 0 ? OtlpMetricsReader.nanos(record.getObservedTimeUnixNano()) : receivedAt;
    }

    private static LogLevel level(LogRecord record) {
        int number = record.getSeverityNumberValue();
        if (number >= 1 && number <= SEVERITIES.length * SEVERITY_RANGE) {
            return SEVERITIES[(number - 1) / SEVERITY_RANGE];
        }
        return record.getSeverityText().isEmpty() ? LogLevel.INFO : LogLevel.parse(record.getSeverityText());
    }
}
