package dev.vigil.ingest.kafka;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.ingest.IngestEndpoints;
import dev.vigil.ingest.IngestMetrics;
import dev.vigil.ingest.InvalidInputException;
import dev.vigil.ingest.LogEvent;
import dev.vigil.ingest.deadletter.DeadLetters;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Application logs from Kafka: the main topic ({@code vigil.kafka.topic}, source {@code kafka}) and the topic of each
 * further log source ({@code vigil.kafka.sources.<name>}, with its own line format), read by one consumer. The
 * consumer polls in batches ({@code batching=true}): each poll is parsed in one pass, each record by its topic's
 * parser, handed to the pipeline as one list, and only then are the offsets committed, once per partition. A record
 * that cannot be parsed goes to the dead letters under its source and the rest of the batch flows.
 */
@ApplicationScoped
public class KafkaSourceRoute extends RouteBuilder {

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
        from("kafka:" + String.join(",", parsers.topics()) + "?brokers={{vigil.kafka.brokers}}&groupId={{vigil.kafka.group-id}}"
                + "&batching=true&maxPollRecords={{vigil.kafka.max-poll-records}}&pollTimeoutMs=500"
                + "&autoCommitEnable=false&allowManualCommit=true&autoOffsetReset=earliest")
                .routeId("source-kafka").autoStartup("{{vigil.kafka.enabled}}")
                .process(this::parseBatch)
                .to(IngestEndpoints.LOG_EVENTS)
                .process(KafkaSourceRoute::commitBatch);
    }

    private void parseBatch(Exchange batch) {
        List<?> records = batch.getMessage().getBody(List.class);
        List<LogEvent> events = new ArrayList<>(records.size());
        Map<String, Integer> accepted = new LinkedHashMap<>();
        for (Object record : records) {
            Message message = ((Exchange) record).getMessage();
            String key = message.getHeader(KafkaConstants.KEY, String.class);
            String value = message.getBody(String.class);
            LogRecordParser parser = parsers.forTopic(message.getHeader(KafkaConstants.TOPIC, String.class));
            try {
                events.add(parser.parse(key, value));
                accepted.merge(parser.source(), 1, Integer::sum);
            } catch (InvalidInputException e) {
                deadLetters.reject(parser.source(), origin(message), value, e.getMessage());
            }
        }
        accepted.forEach(metrics::accepted);
        batch.setProperty("vigil.kafka.records", records);
        batch.getMessage().setBody(events);
    }

    /** Commits the last record of each partition in the batch, which commits everything before it too. */
    private static void commitBatch(Exchange batch) {
        List<?> records = batch.getProperty("vigil.kafka.records", List.class);
        Map<Integer, KafkaManualCommit> lastPerPartition = new LinkedHashMap<>();
        for (Object record : records) {
            Message message = ((Exchange) record).getMessage();
            lastPerPartition.put(message.getHeader(KafkaConstants.PARTITION, Integer.class),
                    message.getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class));
        }
        lastPerPartition.values().forEach(KafkaManualCommit::commit);
    }

    private static String origin(Message message) {
        return message.getHeader(KafkaConstants.TOPIC, String.class) + "/"
                + message.getHeader(KafkaConstants.PARTITION, Integer.class) + "@"
                + message.getHeader(KafkaConstants.OFFSET, Long.class);
    }
}
