package dev.vigil.ingest.kafka;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.vigil.contracts.InvalidInputException;
import dev.vigil.ingest.IngestMetrics;
import dev.vigil.ingest.Utf8;
import dev.vigil.ingest.deadletter.DeadLetters;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;

/**
 * What every Kafka source does with a batch poll ({@code batching=true}, manual commits): decode each record's key
 * and value as UTF-8, strictly ({@link Utf8}: the consumer reads bytes, so nothing is replaced on the way), parse it,
 * send what cannot be decoded or parsed to the dead letters (the rest of the batch flows), hand the events on as one
 * list, and only then commit, once per partition.
 */
public final class KafkaBatch {

    private static final String RECORDS = "vigil.kafka.records";
    private static final String BYTES = "org.apache.kafka.common.serialization.ByteArrayDeserializer";

    /** Reads one record: key and value as text, decoded from valid UTF-8. */
    @FunctionalInterface
    public interface RecordParser<T> {
        /** @throws InvalidInputException with the reason the dead letter gives */
        T parse(String key, String value);
    }

    /** A record parser with the source its events and dead letters count under. */
    public record SourceParser<T>(String source, RecordParser<T> parser) {
    }

    private KafkaBatch() {
    }

    /**
     * The consumer endpoint of a Kafka source: the shared brokers and batch size, batch polls, manual commits, from
     * the earliest offset for a new group, keys and values as bytes (decoded by {@link #parse}). Camel's batching hands a batch on when it is full or after a poll that found
     * nothing, so a steady trickle (never an empty poll) would wait for a full batch: {@code batchingIntervalMs} hands
     * a partial one on after that long.
     *
     * @param topic the property placeholder of the topic, e.g. {@code {{vigil.kafka.topic}}}
     * @param group the property placeholder of the consumer group
     */
    public static String endpoint(String topic, String group) {
        return "kafka:" + topic + "?brokers={{vigil.kafka.brokers}}&groupId=" + group
                + "&batching=true&maxPollRecords={{vigil.kafka.max-poll-records}}&pollTimeoutMs=500"
                + "&batchingIntervalMs={{vigil.kafka.batch-interval-ms}}"
                + "&autoCommitEnable=false&allowManualCommit=true&autoOffsetReset=earliest"
                + "&keyDeserializer=" + BYTES + "&valueDeserializer=" + BYTES;
    }

    /**
     * Replaces the batch's body (the polled records) by the events parsed from them, and keeps the records for
     * {@link #commit}.
     */
    public static <T> void parse(Exchange batch, String source, RecordParser<T> parser, DeadLetters deadLetters,
            IngestMetrics metrics) {
        SourceParser<T> only = new SourceParser<>(source, parser);
        parse(batch, topic -> only, deadLetters, metrics);
    }

    /**
     * As {@link #parse(Exchange, String, RecordParser, DeadLetters, IngestMetrics)} for a consumer of several topics,
     * each record read by its topic's parser and counted under its topic's source.
     */
    public static <T> void parse(Exchange batch, Function<String, SourceParser<T>> byTopic, DeadLetters deadLetters,
            IngestMetrics metrics) {
        List<?> records = batch.getMessage().getBody(List.class);
        List<T> events = new ArrayList<>(records.size());
        Map<String, Integer> accepted = new LinkedHashMap<>();
        for (Object record : records) {
            Message message = ((Exchange) record).getMessage();
            byte[] value = message.getBody(byte[].class);
            SourceParser<T> parser = byTopic.apply(message.getHeader(KafkaConstants.TOPIC, String.class));
            try {
                events.add(parser.parser().parse(
                        Utf8.decode("the record's key", message.getHeader(KafkaConstants.KEY, byte[].class)),
                        Utf8.decode("the record", value)));
                accepted.merge(parser.source(), 1, Integer::sum);
            } catch (InvalidInputException e) {
                deadLetters.reject(parser.source(), origin(message), Utf8.lenient(value), e.getMessage());
            }
        }
        accepted.forEach(metrics::accepted);
        batch.setProperty(RECORDS, records);
        batch.getMessage().setBody(events);
    }

    /**
     * Commits the last record of each partition in the batch, which commits everything before it too. Walks the batch
     * from its end, so only the last record of a partition has its commit looked up (a header lookup is not free).
     */
    public static void commit(Exchange batch) {
        List<?> records = batch.getProperty(RECORDS, List.class);
        Map<Integer, KafkaManualCommit> lastPerPartition = new LinkedHashMap<>();
        for (int i = records.size() - 1; i >= 0; i--) {
            Message message = ((Exchange) records.get(i)).getMessage();
            Integer partition = message.getHeader(KafkaConstants.PARTITION, Integer.class);
            if (!lastPerPartition.containsKey(partition)) {
                lastPerPartition.put(partition, message.getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class));
            }
        }
        lastPerPartition.values().forEach(KafkaManualCommit::commit);
    }

    /** {@code topic/partition@offset}: where a dead letter came from. */
    private static String origin(Message message) {
        return message.getHeader(KafkaConstants.TOPIC, String.class) + "/"
                + message.getHeader(KafkaConstants.PARTITION, Integer.class) + "@"
                + message.getHeader(KafkaConstants.OFFSET, Long.class);
    }
}
