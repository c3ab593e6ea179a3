package dev.vigil.app.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.vigil.demo.broker.EmbeddedKafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Kafka 4 broker (KRaft) in the test JVM, with the log topic in two partitions and the user-events topic in
 * one: a replay of days in seconds must keep one time order for a client address, whose events come from many users
 * (live, partitions are read at the same pace and the allowed lateness covers the rest).
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    public static final String LOG_TOPIC = "vigil.logs";
    public static final String USER_TOPIC = "vigil.user-events";

    private EmbeddedKafkaBroker broker;
    private Path logDir;

    @Override
    public Map<String, String> start() {
        try {
            logDir = Files.createTempDirectory("vigil-kafka-");
            broker = EmbeddedKafkaBroker.start(EmbeddedKafkaBroker.freePort(), EmbeddedKafkaBroker.freePort(), logDir);
            broker.createTopic(LOG_TOPIC, 2);
            broker.createTopic(USER_TOPIC, 1);
            return Map.of("vigil.kafka.brokers", broker.bootstrapServers(), "vigil.kafka.topic", LOG_TOPIC,
                    "vigil.users.topic", USER_TOPIC);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the test Kafka broker", e);
        }
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
        Folders.deleteQuietly(logDir);
    }
}
