package dev.vigil.ingest.route;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.ingest.IngestEndpoints;
import dev.vigil.ingest.IngestMetrics;
import dev.vigil.ingest.deadletter.DeadLetters;
import dev.vigil.ingest.kafka.LogFormat;
import dev.vigil.ingest.kafka.LogFormats;
import dev.vigil.ingest.kafka.LogRecordParser;
import jakarta.inject.Singleton;
import org.apache.camel.Exchange;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@link IngestEndpoints#LOG_LINES}: one log line, or one JSON log event, per exchange, read as a Kafka log source
 * of the same format reads it: the format named in {@link IngestEndpoints#LOG_FORMAT_HEADER} (default
 * {@value #DEFAULT_FORMAT}; any shipped format or one of the formats folder), its time read as the format says, the
 * service from the line, else {@link IngestEndpoints#SERVICE_HEADER}, else the source's name.
 */
@Singleton // not proxied: the route builders share a constructor-only base
public class LogLinesRoute extends RouteEnd {

    static final String DEFAULT_FORMAT = "vigil";
    /** Parsers kept per format and source; past this many a parser is made for the line and dropped. */
    private static final int MAX_PARSERS = 1_000;

    private final LogFormats formats;
    private final int maxPayloadBytes;
    private final ObjectMapper json;
    private final Map<String, LogRecordParser> parsers = new ConcurrentHashMap<>();

    public LogLinesRoute(@ConfigProperty(name = "vigil.ingest.max-payload-bytes") int maxPayloadBytes, ObjectMapper json,
            LogFormats formats, DeadLetters deadLetters, IngestMetrics metrics) {
        super(IngestEndpoints.LOG_LINES, "log-lines", IngestEndpoints.LOG_LINES_START, IngestEndpoints.LOG_EVENTS,
                deadLetters, metrics);
        this.formats = formats;
        this.maxPayloadBytes = maxPayloadBytes;
        this.json = json;
    }

    @Override
    Object read(String source, Exchange exchange) {
        String formatName = exchange.getMessage().getHeader(IngestEndpoints.LOG_FORMAT_HEADER, DEFAULT_FORMAT, String.class);
        LogFormat format = formats.get(formatName);
        String key = format.name() + '\u0000' + source;
        LogRecordParser parser = parsers.get(key);
        if (parser == null) {
            parser = new LogRecordParser(format, maxPayloadBytes, json, Clock.systemUTC()).forSource(source, source);
            if (parsers.size() < MAX_PARSERS) {
                parsers.put(key, parser);
            }
        }
        return parser.parse(exchange.getMessage().getHeader(IngestEndpoints.SERVICE_HEADER, String.class),
                text(exchange));
    }
}
