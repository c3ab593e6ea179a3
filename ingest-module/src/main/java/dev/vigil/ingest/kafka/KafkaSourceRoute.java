package dev.vigil.ingest.kafka;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.ingest.IngestEndpoints;
import dev.vigil.ingest.IngestMetrics;
import dev.vigil.ingest.Sources;
import dev.vigil.ingest.deadletter.DeadLetters;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.builder.RouteBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Application logs from Kafka. The consumer polls in batches ({@code batching=true}): each poll is parsed in one
 * pass, handed to the pipeline as one list, and only then are the offsets committed, once per partition. A record
 * that cannot be parsed goes to the dead letters and the rest of the batch flows ({@link KafkaBatch}).
 */
@ApplicationScoped
public class KafkaSourceRoute extends RouteBuilder {

    private final LogRecordParser parser;
    private final DeadLetters deadLetters;
    private final IngestMetrics metrics;

    public KafkaSourceRoute(@ConfigProperty(name = "vigil.kafka.line-pattern", defaultValue = LogRecordParser.DEFAULT_LINE_PATTERN) String linePattern,
            @ConfigProperty(name = "vigil.ingest.max-payload-bytes") int maxPayloadBytes,
            ObjectMapper json, DeadLetters deadLetters, IngestMetrics metrics) {
        this.parser = new LogRecordParser(linePattern, maxPayloadBytes, json, Clock.systemUTC());
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    @Override
    public void configure() {
        from(KafkaBatch.endpoint("{{vigil.kafka.topic}}", "{{vigil.kafka.group-id}}"))
                .routeId("source-kafka").autoStartup("{{vigil.kafka.enabled}}")
                .process(batch -> KafkaBatch.parse(batch, Sources.KAFKA, parser::parse, deadLetters, metrics))
                .to(IngestEndpoints.LOG_EVENTS)
                .process(KafkaBatch::commit);
    }
}
