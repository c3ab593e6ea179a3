package dev.vigil.app.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.vigil.demo.broker.EmbeddedKafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A real Kafka 4 broker (KRaft) in the test JVM, with the log topic in two partitions, the HDFS source's topic, and
 * the user-events topic in one partition: a replay of days in seconds must keep one time order for a client address,
 * whose events come from many users (live, partitions are read at the same pace and the allowed lateness covers the
 * rest).
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    public static final String LOG_TOPIC = "vigil.logs";
    /** The topic of the test profile's second log source, {@code hdfs}: HDFS-like lines in their own layout. */
    public static final String HDFS_TOPIC = "hdfs.logs";
    public static final String USER_TOPIC = "vigil.user-events";

    private EmbeddedKafkaBroker broker;
    private Path logDir;

    @Override
    public Map<String, String> start() {
        try {
            logDir = Files.createTempDirectory("vigil-kafka-");
            broker = EmbeddedKafkaBroker.startOnFreePorts(logDir);
            broker.createTopic(LOG_TOPIC, 2);
            broker.createTopic(HDFS_TOPIC, 1);
            broker.createTopic(USER_TOPIC, 1);
            return Map.of("vigil.kafka.brokers", broker.bootstrapServers(), "vigil.kafka.topic", LOG_TOPIC,
                    "vigil.users.topic", USER_TOPIC);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the test Kafka broker", e);
        }
    }

    /** A producer of text records to the test broker, acknowledged by all replicas. */
    public static KafkaProducer<String, String> producer(String brokers) {
        return producer(brokers, StringSerializer.class);
    }

    /** A producer of records as raw bytes, which need not be text. */
    public static KafkaProducer<byte[], byte[]> bytesProducer(String brokers) {
        return producer(brokers, ByteArraySerializer.class);
    }

    private static <T> KafkaProducer<T, T> producer(String brokers, Class<? extends Serializer<T>> serializer) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, "5",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, serializer.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, serializer.getName()));
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
        Folders.deleteQuietly(logDir);
    }
}
