package dev.vigil.ingest.kafka;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.contracts.LogEvent;
import dev.vigil.ingest.IngestEndpoints;
import dev.vigil.ingest.IngestMetrics;
import dev.vigil.ingest.deadletter.DeadLetters;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.builder.RouteBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Application logs from Kafka: the main topic ({@code vigil.kafka.topic}, source {@code kafka}) and the topic of each
 * further log source ({@code vigil.kafka.sources.<name>}, with its own line format), read by one consumer. The
 * consumer polls in batches ({@code batching=true}): each poll is parsed in one pass, each record by its topic's
 * parser, handed to the pipeline as one list, and only then are the offsets committed, once per partition. A record
 * that cannot be parsed goes to the dead letters under its source and the rest of the batch flows ({@link KafkaBatch}).
 */
@ApplicationScoped
public class KafkaSourceRoute extends RouteBuilder {

    /** The route's id: readiness looks its consumer up by it. */
    public static final String ROUTE_ID = "source-kafka";

    private final TopicParsers parsers;
    private final DeadLetters deadLetters;
    private final IngestMetrics metrics;

    public KafkaSourceRoute(@ConfigProperty(name = "vigil.kafka.topic") String topic,
            @ConfigProperty(name = "vigil.kafka.line-pattern", defaultValue = LogRecordParser.DEFAULT_LINE_PATTERN) String linePattern,
            @ConfigProperty(name = "vigil.ingest.max-payload-bytes") int maxPayloadBytes,
            KafkaLogSources sources, ObjectMapper json, DeadLetters deadLetters, IngestMetrics metrics) {
        this.parsers = new TopicParsers(topic, new LogRecordParser(linePattern, maxPayloadBytes, json, Clock.systemUTC()),
                sources.sources());
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    @Override
    public void configure() {
        // one consumer for every log topic: each record is read by its topic's parser
        from(KafkaBatch.endpoint(String.join(",", parsers.topics()), "{{vigil.kafka.group-id}}"))
                .routeId(ROUTE_ID).autoStartup("{{vigil.kafka.enabled}}")
                .process(batch -> KafkaBatch.parse(batch, this::parserFor, deadLetters, metrics))
                .to(IngestEndpoints.LOG_EVENTS)
                .process(KafkaBatch::commit);
    }

    private KafkaBatch.SourceParser<LogEvent> parserFor(String topic) {
        LogRecordParser parser = parsers.forTopic(topic);
        return new KafkaBatch.SourceParser<>(parser.source(), parser::parse);
    }
}
