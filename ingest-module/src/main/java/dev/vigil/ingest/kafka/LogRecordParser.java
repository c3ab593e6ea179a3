package dev.vigil.ingest.kafka;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.vigil.contracts.InputRules;
import dev.vigil.contracts.InvalidInputException;
import dev.vigil.contracts.LogEvent;
import dev.vigil.contracts.LogLevel;
import dev.vigil.ingest.Sources;
import dev.vigil.ingest.Timestamps;

/**
 * Turns a Kafka log record into a {@link LogEvent}. A value that starts with <code>{</code> is a JSON event
 * ({@code timestamp|ts|@timestamp}, {@code service}, {@code level}, {@code message|msg}, any other scalar fields kept as
 * {@code fields}; no level means INFO, as for a text line without one); anything else is a text line read with the configured pattern, whose named groups {@code ts},
 * {@code level}, {@code service} and {@code message} fill the event. Where the event names no service, the record
 * key does, or else the source's own service ({@link #forSource}); where it has no time, the time of receipt does. A
 * line pattern's other named groups (a {@link LogFormat}'s host, pid, component...) become the event's fields, and a
 * {@code pri} group (syslog priority) gives the level when there is no {@code level} group.
 */
public final class LogRecordParser {

    /** {@code 2026-11-22T10:00:00Z ERROR checkout payment declined}. */
    public static final String DEFAULT_LINE_PATTERN =
            "^(?<ts>\\S+)\\s+(?<level>[A-Za-z]+)\\s+(?<service>[A-Za-z0-9_.:\\-]+)\\s+(?<message>.*)$";

    /** Java 17 has no public accessor for a pattern's group names, so they are read from its text. */
    private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");
    private static final Set<String> TIME_FIELDS = Set.of("timestamp", "ts", "@timestamp");
    private static final Set<String> MESSAGE_FIELDS = Set.of("message", "msg");
    private static final Set<String> KNOWN_FIELDS = Set.of("service", "level");
    /** Groups of a line pattern that fill the event itself; any other named group becomes a field. */
    private static final Set<String> LINE_FIELDS = Set.of("ts", "level", "service", "message", "pri");

    private final Pattern linePattern;
    private final Set<String> lineGroups;
    private final int maxPayloadBytes;
    private final ObjectReader json;
    private final Clock clock;
    private final String source;
    private final String fallbackService;
    private final LineTime lineTime;

    public LogRecordParser(String linePattern, int maxPayloadBytes, ObjectMapper json, Clock clock) {
        this(Pattern.compile(linePattern), maxPayloadBytes, json, clock);
    }

    /** A parser for text lines in a {@link LogFormats shipped} or custom {@link LogFormat}. */
    public LogRecordParser(LogFormat format, int maxPayloadBytes, ObjectMapper json, Clock clock) {
        this(format.pattern(), maxPayloadBytes, json, clock);
    }

    /**
     * A parser for text lines in the shipped format of that name ({@link LogFormats#get}).
     *
     * @throws IllegalArgumentException naming the shipped formats when there is none of that name
     */
    public static LogRecordParser forFormat(String formatName, int maxPayloadBytes, ObjectMapper json, Clock clock) {
        return new LogRecordParser(LogFormats.get(formatName), maxPayloadBytes, json, clock);
    }

    private LogRecordParser(Pattern linePattern, int maxPayloadBytes, ObjectMapper json, Clock clock) {
        this(linePattern, maxPayloadBytes, json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS), clock,
                Sources.KAFKA, null, null);
    }

    private LogRecordParser(Pattern linePattern, int maxPayloadBytes, ObjectReader json, Clock clock, String source,
            String fallbackService, LineTime lineTime) {
        this.linePattern = linePattern;
        this.lineGroups = NAMED_GROUP.matcher(linePattern.pattern()).results().map(r -> r.group(1))
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        if (!lineGroups.contains("message")) {
            throw new IllegalArgumentException("vigil.kafka.line-pattern needs a named group 'message': "
                    + linePattern.pattern());
        }
        this.maxPayloadBytes = maxPayloadBytes;
        this.json = json;
        this.clock = clock;
        this.source = source;
        this.fallbackService = fallbackService;
        this.lineTime = lineTime;
    }

    /** The same parser for text lines in another format. */
    public LogRecordParser withFormat(LogFormat format) {
        return new LogRecordParser(format.pattern(), maxPayloadBytes, json, clock, source, fallbackService, lineTime);
    }

    /**
     * The same parser reading a line's time from its {@code date}, {@code month}, {@code day} and {@code time} groups
     * with a {@link LineTime} pattern, where the line has no {@code ts} group (a line with none of them is timed at
     * receipt).
     *
     * @throws IllegalArgumentException for a pattern java.time cannot read
     */
    public LogRecordParser withTimeFormat(String pattern) {
        return new LogRecordParser(linePattern, maxPayloadBytes, json, clock, source, fallbackService,
                LineTime.of(pattern, clock));
    }

    /**
     * The same parser for a named source of its own: its events carry that source, and a record whose line and key
     * name no service is of {@code fallbackService} ({@code null}: such a record is rejected).
     */
    public LogRecordParser forSource(String sourceName, String fallback) {
        return new LogRecordParser(linePattern, maxPayloadBytes, json, clock, sourceName, fallback, lineTime);
    }

    /** The source its events carry: {@code kafka} unless made {@link #forSource for a source}. */
    public String source() {
        return source;
    }

    public LogEvent parse(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException("empty log record");
        }
        int bytes = InputRules.utf8Length(value);
        if (bytes > maxPayloadBytes) {
            throw new InvalidInputException("log record of " + bytes + " bytes exceeds the limit of " + maxPayloadBytes);
        }
        String text = value.strip();
        return text.startsWith("{") ? fromJson(key, text) : fromLine(key, text);
    }

    private LogEvent fromJson(String key, String text) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("malformed JSON: " + InputRules.printable(e.getOriginalMessage(), 200));
        } catch (IOException e) {
            throw new InvalidInputException("unreadable record: " + e.getMessage());
        }
        Instant timestamp = null;
        String message = null;
        Map<String, String> fields = new LinkedHashMap<>();
        for (var it = root.fields(); it.hasNext();) {
            var field = it.next();
            String name = field.getKey();
            JsonNode node = field.getValue();
            if (node.isNull()) {
                continue;
            }
            if (TIME_FIELDS.contains(name)) {
                timestamp = Timestamps.fromJson(name, node);
            } else if (MESSAGE_FIELDS.contains(name)) {
                message = text(name, node);
            } else if (!KNOWN_FIELDS.contains(name)) {
                fields.put(name, node.isValueNode() ? node.asText() : node.toString());
            }
        }
        if (message == null) {
            throw new InvalidInputException("field 'message' is missing");
        }
        String service = root.hasNonNull("service") ? text("service", root.get("service")) : key;
        JsonNode level = root.get("level");
        return new LogEvent(source, requireService(service),
                timestamp == null ? clock.instant() : timestamp,
                level == null || level.isNull() ? LogLevel.INFO : LogLevel.parse(text("level", level)), message, fields);
    }

    private LogEvent fromLine(String key, String line) {
        Matcher m = linePattern.matcher(line);
        if (!m.matches()) {
            throw new InvalidInputException("line does not match the configured line pattern: '"
                    + InputRules.printable(line, 80) + "'");
        }
        String service = group(m, "service");
        String ts = group(m, "ts");
        String level = group(m, "level");
        String pri = group(m, "pri");
        Map<String, String> fields = new LinkedHashMap<>();
        for (String name : lineGroups) {
            String value = LINE_FIELDS.contains(name) ? null : m.group(name);
            if (value != null) {
                fields.put(name, value);
            }
        }
        Instant at = ts != null ? Timestamps.parse(ts) : lineTime != null ? lineTime.of(m, lineGroups) : null;
        return new LogEvent(source, requireService(service == null ? key : service), at == null ? clock.instant() : at,
                level != null ? LogLevel.parse(level) : pri != null ? syslogSeverity(pri) : LogLevel.INFO,
                group(m, "message"), fields);
    }

    /** Severity is the priority modulo 8: 0-2 emergency, alert, critical; 3 error; 4 warning; 5-6 notice, info; 7 debug. */
    private static LogLevel syslogSeverity(String pri) {
        return switch (Integer.parseInt(pri) % 8) {
            case 0, 1, 2 -> LogLevel.FATAL;
            case 3 -> LogLevel.ERROR;
            case 4 -> LogLevel.WARN;
            case 7 -> LogLevel.DEBUG;
            default -> LogLevel.INFO;
        };
    }

    private String group(Matcher m, String name) {
        return lineGroups.contains(name) ? m.group(name) : null;
    }

    private String requireService(String named) {
        String service = named == null ? fallbackService : named;
        if (service == null) {
            throw new InvalidInputException("the event names no service and the record has no key");
        }
        InputRules.requireName("service", service);
        return service;
    }

    private static String text(String field, JsonNode node) {
        if (!node.isTextual()) {
            throw new InvalidInputException("field '" + field + "' must be a string");
        }
        return node.asText();
    }
}
