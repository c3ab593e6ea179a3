package dev.vigil.bench.e2e;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka side of the end-to-end benchmark, on one broker: filling a topic with log events, the raw ceiling (a
 * plain consumer reading the topic), Vigil's rate read from its consumer group's committed offsets (Vigil commits a
 * batch only after it went through detection), and a paced producer for the latency run.
 */
final class KafkaBench {

    /** The raw consumer takes batches of the size Vigil polls ({@code vigil.kafka.max-poll-records}). */
    static final int MAX_POLL_RECORDS = 500;

    private final String bootstrap;

    KafkaBench(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /**
     * Sends {@code count} events of {@code lines}, their event time starting three hours ago and {@code spacing}
     * apart, and waits until the broker has them all.
     */
    void fill(String topic, long count, LogLines lines, Duration spacing) {
        Instant t0 = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
        try (KafkaProducer<String, String> producer = producer()) {
            for (long i = 0; i < count; i++) {
                String service = lines.service(i);
                producer.send(new ProducerRecord<>(topic, service, lines.event(i, t0.plus(spacing.multipliedBy(i)))));
            }
            producer.flush();
        }
    }

    /**
     * A plain consumer of a new group reads the topic from the start until it has {@code count} records (values and
     * keys as strings, committing each poll asynchronously as Vigil commits each batch); its rate over the stretch.
     */
    double rawRate(String topic, long count, String group) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
        Stretch stretch = new Stretch(count / 5, count);
        long seen = 0;
        long bytes = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (!stretch.done() && System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                for (var record : records) {
                    bytes += record.value().length(); // touch every value, as any consumer does
                }
                seen += records.count();
                if (!records.isEmpty()) {
                    consumer.commitAsync();
                }
                stretch.progress(System.nanoTime(), seen);
            }
            consumer.commitSync();
        }
        if (bytes == 0) {
            throw new IllegalStateException("the raw consumer read nothing from " + topic);
        }
        return stretch.perSecond();
    }

    /** Vigil's rate: its group's committed offsets, looked at every 100 ms until they reach {@code count}. */
    double committedRate(String topic, String group, long count, Duration deadline) throws Exception {
        Stretch stretch = new Stretch(count / 5, count);
        TopicPartition partition = new TopicPartition(topic, 0);
        long until = System.nanoTime() + deadline.toNanos();
        try (Admin admin = admin()) {
            while (!stretch.done()) {
                if (System.nanoTime() > until) {
                    throw new IllegalStateException("group " + group + " did not commit " + count + " records within " + deadline);
                }
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                OffsetAndMetadata committed = offsets.get(partition);
                stretch.progress(System.nanoTime(), committed == null ? 0 : committed.offset());
                Thread.sleep(100); // sampling another process's progress: nothing to wait on
            }
        }
        return stretch.perSecond();
    }

    /**
     * Sends events stamped with the time they are sent at {@code perSecond} for {@code duration} (in bursts every
     * millisecond, so the load is even at the scale of a window); returns how many were sent.
     */
    long paced(String topic, LogLines lines, double perSecond, Duration duration) {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long sent = 0;
        try (KafkaProducer<String, String> producer = producer()) {
            for (long now = start; now < end; now = System.nanoTime()) {
                long due = (long) ((now - start) / 1e9 * perSecond);
                for (; sent < due; sent++) {
                    String service = lines.service(sent);
                    producer.send(new ProducerRecord<>(topic, service, lines.event(sent, Instant.now())));
                }
                LockSupport.parkNanos(1_000_000);
            }
            producer.flush();
        }
        return sent;
    }

    Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 65536);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }
}
